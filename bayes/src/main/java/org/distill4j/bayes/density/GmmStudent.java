package org.distill4j.bayes.density;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.distill4j.core.DensityTeacher;
import org.distill4j.core.Student;
import org.distill4j.core.io.ModelFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 1-D Gaussian-mixture density student: {@code q(x) = Σ_k w_k N(x; m_k, v_k)} with free weights, means and
 * variances, fitted to a predictive density by EM (Papamakarios 2015, arXiv:1510.02437, ch. 3: the bag's
 * {@code S·K}-component predictive distilled into {@code K} components). A trained student is itself a
 * {@link DensityTeacher} (normalised log-densities; samples), and saves to distill4j's {@link ModelFile} format.
 *
 * <p>Inputs and samples are {@code [n, 1]}; log-densities are {@code [n]} DOUBLE. Immutable and thread-safe.
 */
public final class GmmStudent implements Student, DensityTeacher {

    /** The model type in saved files. */
    public static final String MODEL_TYPE = "org.distill4j.bayes.GmmStudent";
    /** The current version of this student's saved form. */
    public static final int MODEL_VERSION = 1;

    private final GaussianMixture mixture;

    /** @param mixture the student's density */
    public GmmStudent(GaussianMixture mixture) {
        this.mixture = checkNotNull(mixture, "mixture");
    }

    /** The student's mixture. */
    public GaussianMixture mixture() {
        return mixture;
    }

    @Override
    public int inputSize() {
        return 1;
    }

    /** {@code 3K}: a weight, a mean and a variance per component. */
    @Override
    public long parameterCount() {
        return 3L * mixture.components();
    }

    /** {@code log q(x)} for one finite {@code x}. */
    public double logDensity(double x) {
        checkArgument(Double.isFinite(x), "x must be finite, got %s", x);
        return mixture.logDensity(x);
    }

    @Override
    public INDArray unnormalizedLogDensity(INDArray inputs) {
        double[] x = DensityInputs.column(inputs, "inputs");
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = mixture.logDensity(x[i]);
        }
        return Nd4j.createFromArray(out);
    }

    @Override
    public INDArray sample(int n, long seed) {
        checkArgument(n >= 1, "n must be >= 1, got %s", n);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mixture.sample(rng);
        }
        return Nd4j.create(x, new long[] {n, 1}, DataType.DOUBLE);
    }

    /**
     * Saves to distill4j's model format: header {@code components}, arrays {@code weights}, {@code means},
     * {@code variances} ({@code [K]} DOUBLE).
     */
    @Override
    public void save(Path file) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("weights", Nd4j.createFromArray(mixture.weights()));
        arrays.put("means", Nd4j.createFromArray(mixture.means()));
        arrays.put("variances", Nd4j.createFromArray(mixture.variances()));
        ModelFile.write(file, MODEL_TYPE, MODEL_VERSION, Map.of("components", mixture.components()), arrays);
    }

    /**
     * Loads a student saved by {@link #save}.
     *
     * @throws IOException if the file is missing, not a GMM student, or inconsistent
     */
    public static GmmStudent load(Path file) throws IOException {
        ModelFile.Contents contents = ModelFile.read(file, MODEL_TYPE);
        if (contents.modelVersion() != MODEL_VERSION) {
            throw new IOException(file + ": GMM student version " + contents.modelVersion() + " is not supported ("
                    + MODEL_VERSION + " is)");
        }
        long k = contents.longField("components");
        double[] w = vector(contents, "weights", k);
        double[] m = vector(contents, "means", k);
        double[] v = vector(contents, "variances", k);
        try {
            return new GmmStudent(GaussianMixture.of(w, m, v));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": invalid GMM student: " + e.getMessage(), e);
        }
    }

    private static double[] vector(ModelFile.Contents contents, String name, long k) throws IOException {
        INDArray a = contents.array(name);
        if (a.length() != k || k < 1) {
            throw new IOException(contents.file() + ": array '" + name + "' has " + a.length() + " entries but the"
                    + " header says " + k + " components");
        }
        return a.castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GmmStudent g && g.mixture.equals(mixture);
    }

    @Override
    public int hashCode() {
        return mixture.hashCode();
    }

    @Override
    public String toString() {
        return "GmmStudent{" + mixture + "}";
    }
}
