package org.distill4j.core.teacher;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained DL4J {@link ComputationGraph} classifier with one input and one softmax output as a teacher, with an
 * exact input Jacobian of log-probabilities (derivative matching, Papamakarios 2015, arXiv 1510.02437, ch. 2) and
 * hidden representations {@code φ(x)} (Boix-Adsera 2024, arXiv 2403.09053, section 5). The graph counterpart of
 * {@link MultiLayerNetworkTeacher}; residual networks are graphs.
 *
 * <p><b>Requirements</b> (checked by {@link #of}, which throws {@link IllegalArgumentException} naming what it
 * found): the graph is initialised; it has exactly one input and one output; the output vertex is an
 * {@code OutputLayer} or {@code LossLayer} with softmax activation and unweighted MCXENT or NEGATIVELOGLIKELIHOOD
 * loss; the layers reading the input are feed-forward layers without preprocessors that agree on
 * {@code nIn = d}.
 *
 * <p><b>Jacobian.</b> Exact, from DL4J's backward pass, one pass per class (all classes batched), with dropout
 * and weight noise removed; graphs with batch normalisation have none ({@link UnsupportedOperationException}).
 *
 * <p><b>Hidden representations.</b> For every vertex in topological order except the input and the output: a
 * layer vertex that applies an activation function contributes its pre-activation (for {@code DenseLayer}:
 * {@code h·W + b}) and then its output; any other vertex (a layer without activation, a merge, an element-wise
 * sum) contributes its output only. Arrays of rank above 2 are flattened to {@code [n, width]}.
 *
 * <p><b>Ownership and thread-safety.</b> As for {@link MultiLayerNetworkTeacher}: private copies share the
 * graph's parameter array, every call holds a private lock (thread-safe, one call at a time), inputs are cast to
 * {@link #dataType()}, results are new caller-owned arrays. Do not train the graph while the teacher is in use.
 */
public final class ComputationGraphTeacher extends Dl4jTeacher {

    private final InputGradientGraph working;
    private final ComputationGraph preActivations;
    private final String inputName;
    private final String outputName;

    private ComputationGraphTeacher(ComputationGraph graph) {
        super(signatureOf(graph));
        ComputationGraphConfiguration conf = graph.getConfiguration();
        this.inputName = conf.getNetworkInputs().get(0);
        this.outputName = conf.getNetworkOutputs().get(0);
        ComputationGraphConfiguration workingConf = conf.clone();
        workingConf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        workingConf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        ComputationGraphConfiguration preConf = conf.clone();
        for (Map.Entry<String, GraphVertex> entry : conf.getVertices().entrySet()) {
            if (!(entry.getValue() instanceof LayerVertex)) {
                continue;
            }
            String name = entry.getKey();
            Dl4jLayers.removeNoise(((LayerVertex) workingConf.getVertices().get(name)).getLayerConf().getLayer());
            if (!name.equals(outputName)) {
                Dl4jLayers.useIdentityActivation(
                        ((LayerVertex) preConf.getVertices().get(name)).getLayerConf().getLayer());
            }
        }
        this.working = new InputGradientGraph(workingConf, inputName);
        this.working.init(graph.params(), false);
        this.preActivations = new ComputationGraph(preConf);
        this.preActivations.init(graph.params(), false);
    }

    /** Checks that the graph is a single-input softmax classifier on {@code [n, d]} inputs and reads its shape. */
    private static Signature signatureOf(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        checkArgument(conf.getNetworkInputs().size() == 1, "graph must have exactly one input, found %s",
                conf.getNetworkInputs());
        checkArgument(conf.getNetworkOutputs().size() == 1, "graph must have exactly one output, found %s",
                conf.getNetworkOutputs());
        String inputName = conf.getNetworkInputs().get(0);
        String outputName = conf.getNetworkOutputs().get(0);
        GraphVertex output = conf.getVertices().get(outputName);
        checkArgument(output instanceof LayerVertex, "output vertex \"%s\" must be an output layer, found %s",
                outputName, output.getClass().getSimpleName());
        int outputSize = Dl4jLayers.checkSoftmaxOutput(((LayerVertex) output).getLayerConf().getLayer(),
                "output vertex \"" + outputName + "\"");
        int inputSize = inputSizeOf(conf, inputName);
        String modeDependent = null;
        for (Map.Entry<String, GraphVertex> entry : conf.getVertices().entrySet()) {
            if (entry.getValue() instanceof LayerVertex vertex && modeDependent == null) {
                Layer layer = vertex.getLayerConf().getLayer();
                if (Dl4jLayers.dependsOnTrainingMode(layer)) {
                    modeDependent = "vertex \"" + entry.getKey() + "\" (" + layer.getClass().getSimpleName() + ")";
                }
            }
        }
        return new Signature(conf.getDataType(), inputSize, outputSize, graph.numParams(), modeDependent);
    }

    private static int inputSizeOf(ComputationGraphConfiguration conf, String inputName) {
        Integer size = null;
        String first = null;
        for (Map.Entry<String, List<String>> entry : conf.getVertexInputs().entrySet()) {
            GraphVertex vertex = conf.getVertices().get(entry.getKey());
            if (!entry.getValue().contains(inputName) || !(vertex instanceof LayerVertex)) {
                continue;
            }
            String where = "vertex \"" + entry.getKey() + "\" reading input \"" + inputName + "\"";
            checkArgument(((LayerVertex) vertex).getPreProcessor() == null,
                    "%s must take [n, d] inputs without a preprocessor, found %s", where,
                    ((LayerVertex) vertex).getPreProcessor());
            int nIn = Dl4jLayers.inputSizeOf(((LayerVertex) vertex).getLayerConf().getLayer(), where);
            checkArgument(size == null || size == nIn, "layers reading input \"%s\" disagree on its width: "
                    + "vertex \"%s\" has nIn %s, vertex \"%s\" has nIn %s", inputName, first, size,
                    entry.getKey(), nIn);
            if (size == null) {
                size = nIn;
                first = entry.getKey();
            }
        }
        checkArgument(size != null, "no feed-forward layer reads input \"%s\" directly, so its width is unknown",
                inputName);
        return size;
    }

    /**
     * Wraps a trained, initialised graph.
     *
     * @throws IllegalArgumentException if the graph is not a single-input softmax classifier on {@code [n, d]}
     */
    public static ComputationGraphTeacher of(ComputationGraph graph) {
        checkNotNull(graph, "graph");
        checkArgument(graph.getVertices() != null && graph.params() != null,
                "graph must be initialised (call init()) before it is wrapped as a teacher");
        return new ComputationGraphTeacher(graph);
    }

    @Override
    INDArray output(INDArray x) {
        return working.outputSingle(false, x);
    }

    @Override
    INDArray exactJacobian(INDArray inputs) {
        INDArray x = TeacherInputs.copyAs(inputs, dataType());
        synchronized (lock) {
            return BackpropJacobian.jacobian(x, outputSize(), working::inputGradient);
        }
    }

    /**
     * Pre- and post-activations of the hidden vertices (see the class documentation for the order).
     *
     * @param inputs {@code [n, d]}, not modified
     * @return new caller-owned {@code [n, width]} arrays in {@link #dataType()}
     */
    @Override
    public List<INDArray> hiddenRepresentations(INDArray inputs) {
        INDArray x = castInputs(inputs);
        ComputationGraphConfiguration conf = working.getConfiguration();
        List<INDArray> out = new ArrayList<>();
        synchronized (lock) {
            // vertex by vertex rather than feedForward: DL4J layers may apply activations in place on their input
            LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
            Map<String, INDArray> activations = new HashMap<>();
            activations.put(inputName, x);
            try {
                working.setInputs(x);
                preActivations.setInputs(x);
                for (int index : working.topologicalSortOrder()) {
                    org.deeplearning4j.nn.graph.vertex.GraphVertex vertex = working.getVertices()[index];
                    String name = vertex.getVertexName();
                    if (vertex.isInputVertex() || name.equals(outputName)) {
                        continue;
                    }
                    List<String> inputNames = conf.getVertexInputs().get(name);
                    if (vertex.hasLayer() && Dl4jLayers.hasActivation(vertex.getLayer().conf().getLayer())) {
                        org.deeplearning4j.nn.graph.vertex.GraphVertex twin = preActivations.getVertex(name);
                        setInputs(twin, activations, inputNames, noWorkspaces);
                        out.add(Dl4jLayers.flattenRows(twin.doForward(false, noWorkspaces)).dup('c'));
                    }
                    setInputs(vertex, activations, inputNames, noWorkspaces);
                    INDArray activation = vertex.doForward(false, noWorkspaces).dup('c');
                    activations.put(name, activation);
                    out.add(Dl4jLayers.flattenRows(activation).dup('c'));
                }
            } finally {
                working.clear();
                preActivations.clear();
            }
        }
        return out;
    }

    private static void setInputs(org.deeplearning4j.nn.graph.vertex.GraphVertex vertex,
            Map<String, INDArray> activations, List<String> names, LayerWorkspaceMgr workspaces) {
        for (int i = 0; i < names.size(); i++) {
            vertex.setInput(i, activations.get(names.get(i)).dup(), workspaces);
        }
    }
}
