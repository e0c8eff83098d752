package org.distill4j.core.teacher;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained DL4J {@link MultiLayerNetwork} classifier as a teacher: its softmax output is {@code p(y|x)}, its input
 * Jacobian of log-probabilities is exact (derivative matching, Papamakarios 2015, arXiv 1510.02437, ch. 2), and
 * its hidden layers are the representation {@code φ(x)} that linear probes read (Boix-Adsera 2024, arXiv
 * 2403.09053, section 5).
 *
 * <p><b>Requirements</b> (checked by {@link #of}, which throws {@link IllegalArgumentException} naming what it
 * found): the network is initialised; its last layer is an {@code OutputLayer} or {@code LossLayer} with softmax
 * activation and unweighted MCXENT or NEGATIVELOGLIKELIHOOD loss; its first layer is a feed-forward layer with
 * {@code nIn = d} and no input preprocessor, so that inputs are {@code [n, d]}.
 *
 * <p><b>Jacobian.</b> {@link #logProbabilityJacobian} is exact. When the network is a chain of {@code DenseLayer}s
 * (no layer norm, element-wise activations) ending in an {@code OutputLayer}, it propagates the {@code K}
 * adjoints of {@code log softmax} backward with batched matrix products; otherwise it runs DL4J's backward pass
 * once per class (all classes in one batch), with dropout and weight noise removed. Networks with batch
 * normalisation, whose training-mode pass uses batch statistics, have no exact Jacobian here:
 * {@link #logProbabilityJacobian} throws {@link UnsupportedOperationException} for them.
 *
 * <p><b>Hidden representations.</b> For every layer but the output layer, in order: a layer that applies an
 * activation function (a layer with parameters, such as {@code DenseLayer}, or an {@code ActivationLayer})
 * contributes its pre-activation (for {@code DenseLayer}: {@code h·W + b}) and then its post-activation (its
 * output); any other layer contributes its output only. Arrays of rank above 2 are flattened to
 * {@code [n, width]}.
 *
 * <p><b>Ownership and thread-safety.</b> The teacher works on private copies of the network that share its
 * parameter array (no parameters are copied), so later in-place updates of the network's parameters are seen, a
 * re-initialised network is not, and the network's own state (inputs, gradients) is never touched. DL4J networks
 * are not thread-safe, so every call holds a private lock: calls are thread-safe and run one at a time per
 * teacher. Inputs are cast to the network's data type ({@link #dataType()}); every result is a new caller-owned
 * array of that data type. Do not train the network while the teacher is in use.
 */
public final class MultiLayerNetworkTeacher extends Dl4jTeacher {

    private final MultiLayerNetwork working;
    private final MultiLayerNetwork preActivations;
    private final boolean denseChain;

    private MultiLayerNetworkTeacher(MultiLayerNetwork network) {
        super(signatureOf(network));
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        int layers = conf.getConfs().size();
        Layer last = conf.getConf(layers - 1).getLayer();
        boolean chain = last.getClass() == OutputLayer.class && conf.getInputPreProcessors().isEmpty();
        MultiLayerConfiguration workingConf = conf.clone();
        workingConf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        MultiLayerConfiguration preConf = conf.clone();
        for (int i = 0; i < layers; i++) {
            Layer layer = conf.getConf(i).getLayer();
            if (i < layers - 1) {
                chain &= layer.getClass() == DenseLayer.class && !((DenseLayer) layer).hasLayerNorm()
                        && Dl4jLayers.isElementwise(Dl4jLayers.activationOf(layer));
                Dl4jLayers.useIdentityActivation(preConf.getConf(i).getLayer());
            }
            Dl4jLayers.removeNoise(workingConf.getConf(i).getLayer());
        }
        this.denseChain = chain;
        this.working = new MultiLayerNetwork(workingConf);
        this.working.init(network.params(), false);
        this.preActivations = new MultiLayerNetwork(preConf);
        this.preActivations.init(network.params(), false);
    }

    /** Checks that the network is a softmax classifier on {@code [n, d]} inputs and reads its shape. */
    private static Signature signatureOf(MultiLayerNetwork network) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        int layers = conf.getConfs().size();
        checkArgument(layers >= 1, "network must have at least one layer, found none");
        int outputSize = Dl4jLayers.checkSoftmaxOutput(conf.getConf(layers - 1).getLayer(),
                "output layer " + (layers - 1));
        checkArgument(conf.getInputPreProcess(0) == null,
                "layer 0 must take [n, d] inputs without an input preprocessor, found %s",
                conf.getInputPreProcess(0));
        int inputSize = Dl4jLayers.inputSizeOf(conf.getConf(0).getLayer(), "layer 0");
        String modeDependent = null;
        for (int i = 0; i < layers && modeDependent == null; i++) {
            Layer layer = conf.getConf(i).getLayer();
            if (Dl4jLayers.dependsOnTrainingMode(layer)) {
                modeDependent = "layer " + i + " (" + layer.getClass().getSimpleName() + ")";
            }
        }
        return new Signature(conf.getDataType(), inputSize, outputSize, network.numParams(), modeDependent);
    }

    /**
     * Wraps a trained, initialised network.
     *
     * @throws IllegalArgumentException if the network is not a softmax classifier on {@code [n, d]} inputs
     */
    public static MultiLayerNetworkTeacher of(MultiLayerNetwork network) {
        checkNotNull(network, "network");
        checkArgument(network.getLayers() != null && network.params() != null,
                "network must be initialised (call init()) before it is wrapped as a teacher");
        return new MultiLayerNetworkTeacher(network);
    }

    @Override
    INDArray output(INDArray x) {
        return working.output(x, false);
    }

    @Override
    INDArray exactJacobian(INDArray inputs) {
        return denseChain ? jacobianByDenseAdjoints(inputs) : jacobianByBackprop(inputs);
    }

    /** Whether {@link #logProbabilityJacobian} uses the batched dense-chain path. */
    boolean usesDenseAdjoints() {
        return denseChain;
    }

    /** The Jacobian by DL4J's backward pass, one class per block of the batch (any supported network). */
    INDArray jacobianByBackprop(INDArray inputs) {
        INDArray x = TeacherInputs.copyAs(inputs, dataType());
        synchronized (lock) {
            try {
                return BackpropJacobian.jacobian(x, outputSize(),
                        (features, labels) -> working.calculateGradients(features, labels, null, null)
                                .getSecond().detach());
            } finally {
                working.clear();
            }
        }
    }

    /** The Jacobian by batched adjoint propagation; only for dense chains. */
    INDArray jacobianByDenseAdjoints(INDArray inputs) {
        checkArgument(denseChain, "the network is not a chain of dense layers");
        INDArray x = TeacherInputs.copyAs(inputs, dataType());
        synchronized (lock) {
            List<DenseAdjointJacobian.Dense> layers = denseLayers();
            return DenseAdjointJacobian.jacobian(x, layers.subList(0, layers.size() - 1),
                    layers.get(layers.size() - 1));
        }
    }

    /**
     * The layers of a dense chain, hidden ones first, then the softmax output layer: views of the network's
     * parameters, with the activations of the noise-free copy. Only for {@link #usesDenseAdjoints()} networks.
     */
    List<DenseAdjointJacobian.Dense> denseLayers() {
        checkArgument(denseChain, "the network is not a chain of dense layers");
        synchronized (lock) {
            int layers = working.getnLayers();
            List<DenseAdjointJacobian.Dense> all = new ArrayList<>(layers);
            for (int i = 0; i < layers; i++) {
                all.add(dense(i));
            }
            return all;
        }
    }

    private DenseAdjointJacobian.Dense dense(int index) {
        org.deeplearning4j.nn.api.Layer layer = working.getLayer(index);
        INDArray bias = layer.paramTable().get(DefaultParamInitializer.BIAS_KEY);
        return new DenseAdjointJacobian.Dense(layer.getParam(DefaultParamInitializer.WEIGHT_KEY), bias,
                Dl4jLayers.activationOf(working.getLayerWiseConfigurations().getConf(index).getLayer()));
    }

    /**
     * Pre- and post-activations of the hidden layers (see the class documentation for the order).
     *
     * @param inputs {@code [n, d]}, not modified
     * @return new caller-owned {@code [n, width]} arrays in {@link #dataType()}
     */
    @Override
    public List<INDArray> hiddenRepresentations(INDArray inputs) {
        INDArray x = castInputs(inputs);
        MultiLayerConfiguration conf = working.getLayerWiseConfigurations();
        List<INDArray> out = new ArrayList<>();
        synchronized (lock) {
            // layer by layer rather than feedForward: DL4J layers may apply activations in place on their input
            LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
            INDArray h = x;
            try {
                for (int i = 0; i < working.getnLayers() - 1; i++) {
                    INDArray layerInput = h;
                    InputPreProcessor preProcessor = conf.getInputPreProcess(i);
                    if (preProcessor != null) {
                        layerInput = preProcessor.preProcess(layerInput, (int) x.size(0), noWorkspaces);
                    }
                    if (Dl4jLayers.hasActivation(conf.getConf(i).getLayer())) {
                        INDArray pre = preActivations.getLayer(i).activate(layerInput.dup(), false, noWorkspaces);
                        out.add(Dl4jLayers.flattenRows(pre).dup('c'));
                    }
                    h = working.getLayer(i).activate(layerInput.dup(), false, noWorkspaces);
                    out.add(Dl4jLayers.flattenRows(h).dup('c'));
                }
            } finally {
                working.clear();
                preActivations.clear();
            }
        }
        return out;
    }
}
