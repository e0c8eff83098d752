package org.distill4j.core.compression;

import org.distill4j.core.linalg.Finite;
import org.distill4j.core.linalg.Gemm;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Student;
import org.distill4j.core.io.ModelFile;
import org.distill4j.core.linalg.Workspaces;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.distill4j.core.teacher.HasInputJacobian;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A multilayer perceptron student with a softmax output: the thesis's compressed model (Papamakarios 2015,
 * ch. 2: a 784-50-30-10 ReLU network distilled from an ensemble). Once trained it is itself a teacher with exact
 * input derivatives, so students chain.
 *
 * <p>Parameters are one flat vector laid out as {@code W_0, b_0, W_1, b_1, ...} ({@code W_l} of shape
 * {@code [h_l, h_{l+1}]} in C order, {@code b_l} of length {@code h_{l+1}}); hidden layers compute
 * {@code g(h W + b)}. Inputs of another floating type are cast to the architecture's.
 *
 * <p>Immutable: the parameters are private and never modified after construction, so every method is
 * thread-safe. Training happens on a copy, in {@link MlpTraining}. The temporaries of a call live in the calling
 * thread's ND4J workspace {@code "distill4j-mlp-inference"}, reused across calls; results are ordinary arrays
 * owned by the caller.
 */
public final class MlpStudent implements Student, ConditionalTeacher, HasInputJacobian, HasHiddenRepresentation {

    /** The model type in saved files. */
    public static final String MODEL_TYPE = "org.distill4j.core.compression.MlpStudent";

    /** The current version of this student's saved form. */
    public static final int MODEL_VERSION = 1;

    private final MlpArchitecture architecture;
    private final INDArray parameters;
    private final MlpLayers layers;
    private final HiddenActivation activation;
    private int hash;

    private MlpStudent(MlpArchitecture architecture, INDArray ownedParameters) {
        this.architecture = architecture;
        this.parameters = ownedParameters;
        this.layers = new MlpLayers(architecture, ownedParameters);
        this.activation = HiddenActivation.of(architecture.activation());
    }

    /**
     * A freshly initialised student: weights drawn from {@code N(0, 2 / fan_in)} (He et al. 2015) for ReLU and
     * LeakyReLU, {@code N(0, 2 / (fan_in + fan_out))} (Glorot and Bengio 2010) otherwise; biases 0. The same seed
     * gives the same student on every platform (the draws come from {@link SplittableRandom}).
     *
     * @param architecture the shape
     * @param seed the seed of the weight draws
     */
    @SuppressWarnings("try")
    public static MlpStudent initialize(MlpArchitecture architecture, long seed) {
        checkNotNull(architecture, "architecture");
        SplittableRandom rng = new SplittableRandom(seed);
        boolean reluLike = architecture.activation() == Activation.RELU
                || architecture.activation() == Activation.LEAKYRELU;
        double[] values = new double[(int) architecture.parameterCount()];
        int offset = 0;
        for (int l = 0; l < architecture.layerCount(); l++) {
            int in = architecture.layerSizes().get(l);
            int out = architecture.layerSizes().get(l + 1);
            double std = Math.sqrt(reluLike ? 2.0 / in : 2.0 / (in + out));
            for (int i = 0; i < in * out; i++) {
                values[offset++] = std * rng.nextGaussian();
            }
            offset += out;
        }
        try (MemoryWorkspace ignored = Workspaces.outside()) {
            INDArray flat = Nd4j.create(values, new long[] {1, values.length}, architecture.dataType());
            return new MlpStudent(architecture, flat);
        }
    }

    /** Adopts {@code parameters} ({@code [1, P]}, the architecture's dtype) without copying: callers hand it over. */
    static MlpStudent adopt(MlpArchitecture architecture, INDArray parameters) {
        return new MlpStudent(architecture, parameters);
    }

    /** The shape of this student. */
    public MlpArchitecture architecture() {
        return architecture;
    }

    @Override
    public int inputSize() {
        return architecture.inputSize();
    }

    @Override
    public int outputSize() {
        return architecture.outputSize();
    }

    @Override
    public long parameterCount() {
        return architecture.parameterCount();
    }

    /**
     * The predictive probabilities {@code softmax(logits)}.
     *
     * @param inputs {@code [n, d]}, finite; not modified
     * @return a new {@code [n, K]} array in the architecture's dtype whose rows sum to 1
     */
    @SuppressWarnings("try")
    @Override
    public INDArray predict(INDArray inputs) {
        try (MemoryWorkspace ignored = Workspaces.open(Workspaces.INFERENCE)) {
            return forward(inputs, false).probabilities().detach();
        }
    }

    /**
     * The pre-softmax outputs.
     *
     * @param inputs {@code [n, d]}, finite; not modified
     * @return a new {@code [n, K]} array
     */
    @SuppressWarnings("try")
    public INDArray logits(INDArray inputs) {
        try (MemoryWorkspace ignored = Workspaces.open(Workspaces.INFERENCE)) {
            return forward(inputs, false).logits.detach();
        }
    }

    /**
     * The output {@code h_j = g(z_j)} of every hidden layer, in order (post-activations only; the representation
     * that information measures read, Dissanayake et al. 2025, arXiv:2411.07483).
     *
     * @param inputs {@code [n, d]}, finite; not modified
     * @return new caller-owned arrays {@code [n, h_j]}, one per hidden layer (empty without hidden layers)
     */
    @SuppressWarnings("try")
    @Override
    public List<INDArray> hiddenRepresentations(INDArray inputs) {
        List<INDArray> out = new ArrayList<>();
        try (MemoryWorkspace ignored = Workspaces.open(Workspaces.INFERENCE)) {
            for (INDArray h : forward(inputs, false).hidden) {
                out.add(h.detach());
            }
        }
        return out;
    }

    /**
     * The log-probabilities {@code log softmax(logits)}, computed stably.
     *
     * @param inputs {@code [n, d]}, finite; not modified
     * @return a new {@code [n, K]} array
     */
    @SuppressWarnings("try")
    public INDArray logProbabilities(INDArray inputs) {
        try (MemoryWorkspace ignored = Workspaces.open(Workspaces.INFERENCE)) {
            return forward(inputs, false).logProbabilities().detach();
        }
    }

    /**
     * The exact Jacobian of the log-probabilities with respect to the inputs, by propagating the K output
     * adjoints backwards through the layers ({@code O(n·K·params)}).
     *
     * @param inputs {@code [n, d]}, finite; not modified
     * @return a new {@code [n, K, d]} array, entry {@code [r, i, j] = ∂ log q(y=i|x_r) / ∂x_rj}
     */
    @SuppressWarnings("try")
    @Override
    public INDArray logProbabilityJacobian(INDArray inputs) {
        checkInputShape(architecture, inputs, "inputs");
        INDArray out = Nd4j.create(architecture.dataType(), inputs.size(0), outputSize(), inputSize());
        try (MemoryWorkspace ignored = Workspaces.open(Workspaces.INFERENCE)) {
            MlpForward f = forward(inputs, true);
            JacobianPropagation.of(layers, f, activation, out);
        }
        return out;
    }

    /**
     * Jacobian-vector products by forward-mode tangent propagation ({@code O(n·params)}, the Jacobian is never
     * formed): {@code ż_0 = v W_0}, {@code ż_l = (ż_{l-1} ⊙ g'_{l-1}) W_l}, then {@code ż_L − ⟨q, ż_L⟩}.
     *
     * @param inputs {@code [n, d]}, finite; not modified
     * @param directions {@code [n, d]}, one direction per row, finite; not modified
     * @return a new {@code [n, K]} array
     */
    @SuppressWarnings("try")
    @Override
    public INDArray logProbabilityJvp(INDArray inputs, INDArray directions) {
        try (MemoryWorkspace ignored = Workspaces.open(Workspaces.INFERENCE)) {
            MlpForward f = forward(inputs, true);
            INDArray v = checkInputs(architecture, directions, "directions");
            checkArgument(v.size(0) == f.rows(), "directions %s must have the shape of inputs %s",
                    Arrays.toString(directions.shape()), Arrays.toString(inputs.shape()));
            INDArray tangent = v;
            for (int l = 0; l < layers.count(); l++) {
                tangent = Gemm.mmul(tangent, layers.weights[l]);
                if (l < layers.count() - 1 && f.derivatives[l] != null) {
                    tangent.muli(f.derivatives[l]);
                }
            }
            INDArray inner = tangent.mul(f.probabilities()).sum(true, 1);
            return tangent.subiColumnVector(inner).detach();
        }
    }

    /** A copy of the flat parameter vector, {@code [1, P]} in the architecture's dtype. */
    public INDArray parameters() {
        return parameters.dup();
    }

    /**
     * This architecture with other parameters.
     *
     * @param newParameters a vector ({@code [P]}, {@code [1, P]} or {@code [P, 1]}) of {@link #parameterCount()}
     *     finite values in the layout described above; copied (and cast to the architecture's dtype)
     * @throws IllegalArgumentException if the length is wrong or a value is not finite
     */
    @SuppressWarnings("try")
    public MlpStudent withParameters(INDArray newParameters) {
        checkNotNull(newParameters, "parameters");
        checkArgument(newParameters.isVector() || newParameters.isScalar() && parameterCount() == 1,
                "parameters must be a vector of %s values, got shape %s", parameterCount(),
                Arrays.toString(newParameters.shape()));
        checkArgument(newParameters.length() == parameterCount(),
                "parameters must have %s values (architecture %s), got %s", parameterCount(), architecture,
                newParameters.length());
        checkArgument(Double.isFinite(newParameters.sumNumber().doubleValue()),
                "parameters must be finite, got NaN or infinite values");
        try (MemoryWorkspace ignored = Workspaces.outside()) {
            INDArray copy = newParameters.castTo(architecture.dataType()).dup('c').reshape('c', 1, parameterCount());
            return new MlpStudent(architecture, copy);
        }
    }

    /**
     * Saves this student in distill4j's model format ({@link ModelFile}): header {@code layerSizes},
     * {@code activation}, {@code dataType}; one array {@code parameters}.
     */
    @Override
    public void save(Path file) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("layerSizes", architecture.layerSizes());
        header.put("activation", architecture.activation().name());
        header.put("dataType", architecture.dataType().name());
        ModelFile.write(file, MODEL_TYPE, MODEL_VERSION, header, Map.of("parameters", parameters));
    }

    /**
     * Loads a student saved by {@link #save}.
     *
     * @throws IOException if the file cannot be read, is not a valid model file of this type, or its contents
     *     do not describe a valid student (the message says which field)
     */
    public static MlpStudent load(Path file) throws IOException {
        ModelFile.Contents contents = ModelFile.read(file, MODEL_TYPE);
        if (contents.modelVersion() > MODEL_VERSION) {
            throw new IOException(file + ": MlpStudent model version " + contents.modelVersion()
                    + " is newer than this library reads (" + MODEL_VERSION + ")");
        }
        MlpArchitecture architecture;
        try {
            Object sizes = contents.field("layerSizes");
            if (!(sizes instanceof List)) {
                throw new IOException(file + ": header field 'layerSizes' must be a list, got " + sizes);
            }
            List<Integer> layerSizes = new ArrayList<>();
            for (Object s : (List<?>) sizes) {
                if (!(s instanceof Integer)) {
                    throw new IOException(file + ": header field 'layerSizes' must hold integers, got " + sizes);
                }
                layerSizes.add((Integer) s);
            }
            architecture = new MlpArchitecture(layerSizes, Activation.valueOf(contents.stringField("activation")),
                    DataType.valueOf(contents.stringField("dataType")));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": invalid MlpStudent header: " + e.getMessage(), e);
        }
        INDArray params = contents.array("parameters");
        if (params.dataType() != architecture.dataType() || params.length() != architecture.parameterCount()) {
            throw new IOException(file + ": array 'parameters' must hold " + architecture.parameterCount() + " "
                    + architecture.dataType() + " values for " + architecture + ", got " + params.length() + " "
                    + params.dataType());
        }
        if (!isFinite(params)) {
            throw new IOException(file + ": array 'parameters' holds NaN or infinite values");
        }
        return new MlpStudent(architecture, params.reshape('c', 1, architecture.parameterCount()));
    }

    /** Equal when the architectures and the parameters are exactly equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MlpStudent)) {
            return false;
        }
        MlpStudent other = (MlpStudent) o;
        return architecture.equals(other.architecture)
                && Arrays.equals(parameters.toDoubleVector(), other.parameters.toDoubleVector());
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = architecture.hashCode() * 31 + Arrays.hashCode(parameters.toDoubleVector());
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "MlpStudent[" + architecture + ", " + parameterCount() + " parameters]";
    }

    static void checkInputShape(MlpArchitecture architecture, INDArray inputs, String name) {
        checkNotNull(inputs, name);
        if (inputs.rank() != 2 || inputs.size(1) != architecture.inputSize() || inputs.size(0) < 1) {
            throw new IllegalArgumentException(String.format("%s must be [n, %s] with n >= 1, got shape %s", name,
                    architecture.inputSize(), Arrays.toString(inputs.shape()))); // built only on failure
        }
    }

    /** Whether every value is finite: one BLAS pass (sum of absolute values) for contiguous arrays. */
    static boolean isFinite(INDArray a) {
        return Finite.check(a);
    }

    /** Package-private access for training: the parameter views (read-only by convention). */
    MlpLayers layers() {
        return layers;
    }

    HiddenActivation activation() {
        return activation;
    }

    private MlpForward forward(INDArray inputs, boolean withDerivatives) {
        return MlpForward.run(layers, activation, checkInputs(architecture, inputs, "inputs"), withDerivatives);
    }

    /**
     * Checks {@code [n, d]} with {@code n >= 1} and finite values, and returns it in the architecture's dtype
     * (the argument itself when it already is: callers must not modify the result).
     */
    static INDArray checkInputs(MlpArchitecture architecture, INDArray inputs, String name) {
        checkInputShape(architecture, inputs, name);
        checkArgument(inputs.dataType().isFPType(), "%s must be floating point, got %s", name, inputs.dataType());
        checkArgument(isFinite(inputs), "%s must be finite, got NaN or infinite values", name);
        return inputs.dataType() == architecture.dataType() ? inputs : inputs.castTo(architecture.dataType());
    }
}
