package org.distill4j.bayes.regression;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.distill4j.core.Student;
import org.distill4j.core.io.ModelFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The regression student of Bayesian Dark Knowledge (Korattikara et al., NIPS 2015):
 * {@code S(y|x) = N(y; μ(x), e^{α(x)})}, a ReLU MLP with layer sizes {@code [p, h_1, .., h_L, 2]} whose outputs are
 * the mean head {@code μ} and the log-variance head {@code α}. Trained by {@link GaussianRegressionDistiller} or
 * {@link DistilledSgld} on the closed-form loss {@code ½α + ((m − μ)² + v)/(2e^α)} (see {@link GaussianMlp}).
 *
 * <p>As a {@link GaussianTeacher} it answers {@code [n, 2]} mean and variance; {@link #logDensity} gives held-out
 * log-likelihoods. Saved with core's {@link ModelFile}: header {@code layerSizes}, array {@code parameters}
 * ({@code [P]} DOUBLE). Immutable and thread-safe: the parameters are copied in and out.
 */
public final class GaussianRegressionStudent implements Student, GaussianTeacher {

    /** The model type in saved files. */
    public static final String MODEL_TYPE = "org.distill4j.bayes.GaussianRegressionStudent";
    /** The current version of this student's saved form. */
    public static final int MODEL_VERSION = 1;

    private final int[] sizes;
    private final double[] params;

    private GaussianRegressionStudent(int[] sizes, double[] params) {
        this.sizes = sizes;
        this.params = params;
    }

    /**
     * A freshly initialised student (He-normal ReLU weights, zero biases).
     *
     * @param inputSize the number of input features {@code p ≥ 1}
     * @param hidden the hidden layer widths, each ≥ 1 (BDK's Boston student: {@code {50}})
     * @param seed the seed of the initial weights
     */
    public static GaussianRegressionStudent initialize(int inputSize, int[] hidden, long seed) {
        int[] sizes = layerSizes(inputSize, hidden);
        return new GaussianRegressionStudent(sizes, GaussianMlp.initialize(sizes, seed));
    }

    /**
     * A student with given parameters.
     *
     * @param layerSizes {@code [p, h_1, .., h_L, 2]}
     * @param parameters the flat parameters (per layer {@code W [out, in]} row-major then {@code b}); copied
     */
    public static GaussianRegressionStudent of(int[] layerSizes, double[] parameters) {
        checkNotNull(layerSizes, "layerSizes");
        checkArgument(layerSizes.length >= 2 && layerSizes[layerSizes.length - 1] == 2,
                "layerSizes must run from the input size to 2 outputs (mean, log-variance), got %s",
                Arrays.toString(layerSizes));
        int[] sizes = layerSizes(layerSizes[0], Arrays.copyOfRange(layerSizes, 1, layerSizes.length - 1));
        checkNotNull(parameters, "parameters");
        int expected = GaussianMlp.parameterCount(sizes);
        checkArgument(parameters.length == expected, "parameters must have %s entries for layer sizes %s, got %s",
                expected, Arrays.toString(sizes), parameters.length);
        for (int i = 0; i < parameters.length; i++) {
            checkArgument(Double.isFinite(parameters[i]), "parameters[%s] must be finite, got %s", (Object) i,
                    parameters[i]);
        }
        return new GaussianRegressionStudent(sizes, parameters.clone());
    }

    private static int[] layerSizes(int inputSize, int[] hidden) {
        checkArgument(inputSize >= 1, "inputSize must be >= 1, got %s", inputSize);
        checkNotNull(hidden, "hidden");
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputSize;
        for (int l = 0; l < hidden.length; l++) {
            checkArgument(hidden[l] >= 1, "hidden[%s] must be >= 1, got %s", l, hidden[l]);
            sizes[l + 1] = hidden[l];
        }
        sizes[sizes.length - 1] = 2;
        return sizes;
    }

    /** A copy of the layer sizes {@code [p, h_1, .., h_L, 2]}. */
    public int[] layerSizes() {
        return sizes.clone();
    }

    /** A copy of the flat parameters. */
    public double[] parameters() {
        return params.clone();
    }

    @Override
    public int inputSize() {
        return sizes[0];
    }

    @Override
    public long parameterCount() {
        return params.length;
    }

    /** The bytes of the parameters as stored ({@code 8·P}). */
    public long memoryBytes() {
        return 8L * params.length;
    }

    @Override
    public INDArray moments(INDArray inputs) {
        double[] out = headsOf(inputs);
        for (int i = 0; i < out.length; i += 2) {
            out[i + 1] = Math.max(Math.exp(out[i + 1]), Double.MIN_NORMAL);
        }
        return Nd4j.create(out, new long[] {out.length / 2, 2}, DataType.DOUBLE);
    }

    /**
     * {@code log N(y_i; μ(x_i), e^{α(x_i)})} per row.
     *
     * @param inputs {@code [n, inputSize()]}, finite
     * @param targets {@code [n]}, finite
     * @return a new {@code [n]} array
     */
    public double[] logDensity(INDArray inputs, double[] targets) {
        double[] heads = headsOf(inputs);
        double[] y = RegressionInputs.targets(targets, heads.length / 2, "targets");
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - heads[2 * i];
            out[i] = -GaussianMlp.HALF_LOG_2PI - 0.5 * heads[2 * i + 1] - 0.5 * d * d * Math.exp(-heads[2 * i + 1]);
        }
        return out;
    }

    /** The mean of {@link #logDensity} over the rows. */
    public double meanLogLikelihood(INDArray inputs, double[] targets) {
        double sum = 0;
        double[] lp = logDensity(inputs, targets);
        for (double v : lp) {
            sum += v;
        }
        return sum / lp.length;
    }

    /** Row-major {@code [n, 2]}: {@code μ} and {@code α} per row. */
    private double[] headsOf(INDArray inputs) {
        double[] x = RegressionInputs.rows(inputs, sizes[0], "inputs");
        int n = x.length / sizes[0];
        double[] out = new double[2 * n];
        GaussianMlp.forward(params, sizes, x, n, out);
        return out;
    }

    /** The parameters themselves, for the package's trainers (never handed out). */
    double[] parametersView() {
        return params;
    }

    @Override
    public void save(Path file) throws IOException {
        List<Integer> layerSizes = Arrays.stream(sizes).boxed().toList();
        ModelFile.write(file, MODEL_TYPE, MODEL_VERSION, Map.of("layerSizes", layerSizes),
                Map.of("parameters", Nd4j.createFromArray(params)));
    }

    /**
     * Loads a student saved by {@link #save}.
     *
     * @throws IOException if the file is missing, not such a student, or inconsistent
     */
    public static GaussianRegressionStudent load(Path file) throws IOException {
        ModelFile.Contents contents = ModelFile.read(file, MODEL_TYPE);
        if (contents.modelVersion() != MODEL_VERSION) {
            throw new IOException(file + ": Gaussian regression student version " + contents.modelVersion()
                    + " is not supported (" + MODEL_VERSION + " is)");
        }
        Object field = contents.field("layerSizes");
        if (!(field instanceof List<?> list) || list.isEmpty()) {
            throw new IOException(file + ": header field 'layerSizes' must be a list of integers, got " + field);
        }
        int[] sizes = new int[list.size()];
        for (int i = 0; i < sizes.length; i++) {
            if (!(list.get(i) instanceof Integer v)) {
                throw new IOException(file + ": layerSizes[" + i + "] must be an integer, got " + list.get(i));
            }
            sizes[i] = v;
        }
        double[] params = contents.array("parameters").castTo(DataType.DOUBLE).toDoubleVector();
        try {
            return of(sizes, params);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": invalid Gaussian regression student: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianRegressionStudent s && Arrays.equals(s.sizes, sizes)
                && Arrays.equals(s.params, params);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sizes) + Arrays.hashCode(params);
    }

    @Override
    public String toString() {
        return "GaussianRegressionStudent{layerSizes=" + Arrays.toString(sizes) + ", parameters=" + params.length
                + "}";
    }
}
