package org.distill4j.bayes.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.distill4j.core.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Validation and conversion of the data the models of this package hold: features become one row-major
 * {@code double[n·p]} array, checked for shape and finiteness, labels are checked against their range.
 * Package-private helper; stateless.
 */
final class Features {

    private Features() {
    }

    /** Row-major copy of {@code x [n, p]}, checked rectangular, non-empty and finite. */
    static double[] flatten(double[][] x, String name) {
        checkNotNull(x, name);
        checkArgument(x.length >= 1, "%s must have at least one row, got 0", name);
        checkNotNull(x[0], "%s[0]", name);
        int p = x[0].length;
        checkArgument(p >= 1, "%s must have at least one column, got 0", name);
        double[] flat = new double[x.length * p];
        for (int i = 0; i < x.length; i++) {
            checkNotNull(x[i], "%s[%s]", name, i);
            checkArgument(x[i].length == p, "%s must be rectangular: row 0 has %s columns, row %s has %s", name, p,
                    i, x[i].length);
            for (int j = 0; j < p; j++) {
                checkArgument(Double.isFinite(x[i][j]), "%s[%s][%s] must be finite, got %s", name, i, j, x[i][j]);
            }
            System.arraycopy(x[i], 0, flat, i * p, p);
        }
        return flat;
    }

    /** Row-major double copy of a rank-2 {@code x [n, p]}, checked non-empty and finite. */
    static double[] flatten(INDArray x, String name) {
        checkNotNull(x, name);
        checkArgument(x.rank() == 2 && x.rows() >= 1 && x.columns() >= 1, "%s must be [n >= 1, p >= 1], got shape %s",
                name, Arrays.toString(x.shape()));
        double[] flat = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int k = 0; k < flat.length; k++) {
            checkArgument(Double.isFinite(flat[k]), "%s[%s][%s] must be finite, got %s", name, k / x.columns(),
                    k % x.columns(), flat[k]);
        }
        return flat;
    }

    /** Inputs of a prediction: {@code [n, p]} with {@code p == inputSize}, finite, as row-major doubles. */
    static double[] inputs(INDArray inputs, int inputSize) {
        checkNotNull(inputs, "inputs");
        checkArgument(inputs.rank() == 2 && inputs.columns() == inputSize && inputs.rows() >= 1,
                "inputs must be [n >= 1, %s], got shape %s", inputSize, Arrays.toString(inputs.shape()));
        return flatten(inputs, "inputs");
    }

    /** A vector of targets (rank 1, or a single row or column), finite. */
    static double[] targets(INDArray y, String name) {
        checkNotNull(y, name);
        checkArgument(y.isVector() || y.length() == 1, "%s must be a vector, got shape %s", name,
                Arrays.toString(y.shape()));
        double[] t = y.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        return targets(t, name);
    }

    /** A checked copy of the targets. */
    static double[] targets(double[] y, String name) {
        checkNotNull(y, name);
        for (int i = 0; i < y.length; i++) {
            checkArgument(Double.isFinite(y[i]), "%s[%s] must be finite, got %s", name, i, y[i]);
        }
        return y.clone();
    }

    /** Integer labels from an INDArray vector of whole numbers. */
    static int[] labels(INDArray y, String name) {
        double[] t = targets(y, name);
        int[] labels = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            checkArgument(t[i] == Math.rint(t[i]), "%s[%s] must be a whole number, got %s", name, i, t[i]);
            labels[i] = (int) t[i];
        }
        return labels;
    }

    /** A checked copy of labels, each in {@code [0, numClasses)}. */
    static int[] labels(int[] labels, int rows, int numClasses) {
        checkNotNull(labels, "labels");
        checkArgument(labels.length == rows, "labels must have one entry per row (%s), got %s", rows, labels.length);
        for (int i = 0; i < labels.length; i++) {
            checkArgument(labels[i] >= 0 && labels[i] < numClasses, "labels[%s] must be in [0, %s), got %s", i,
                    numClasses, labels[i]);
        }
        return labels.clone();
    }

    /** The features of a core data set as row-major doubles. */
    static double[] of(Dataset data) {
        checkNotNull(data, "data");
        return flatten(data.features(), "data.features");
    }

    /** Checks that a target vector has one entry per row. */
    static void checkRows(int targets, int rows, String name) {
        checkArgument(targets == rows, "%s must have one entry per row (%s), got %s", name, rows, targets);
    }

    /** Checks the prior variance. */
    static double priorVariance(double v) {
        checkArgument(v > 0 && Double.isFinite(v), "priorVariance must be finite and > 0, got %s", v);
        return v;
    }

    /** Checks a parameter vector's length. */
    static void checkTheta(double[] theta, int d) {
        checkNotNull(theta, "theta");
        checkArgument(theta.length == d, "theta must have length %s, got %s", d, theta.length);
    }

    /** Checks a gradient buffer's length (null allowed). */
    static void checkGradient(double[] gradient, int d) {
        checkArgument(gradient == null || gradient.length == d, "gradient must have length %s, got %s", d,
                gradient == null ? 0 : gradient.length);
    }

    /** Checks minibatch rows. */
    static void checkRows(int[] rows, int n) {
        checkNotNull(rows, "rows");
        checkArgument(rows.length >= 1, "rows must not be empty");
        for (int r : rows) {
            checkArgument(r >= 0 && r < n, "rows must be in [0, %s), got %s", n, r);
        }
    }

    /**
     * The log-density {@code −|θ_{0..count}|²/(2·variance)} of an isotropic Gaussian prior on the first
     * {@code count} entries; when {@code gradient} is not null, its entries {@code 0..count} are SET to
     * {@code −θ_j/variance} (the likelihood then adds to them).
     */
    static double gaussianPrior(double[] theta, int count, double variance, double[] gradient) {
        double inv = 1.0 / variance;
        double ss = 0;
        for (int j = 0; j < count; j++) {
            ss += theta[j] * theta[j];
            if (gradient != null) {
                gradient[j] = -theta[j] * inv;
            }
        }
        return -0.5 * inv * ss;
    }

    /** {@code Σ_j a[aOff + j] · b[bOff + j]} for {@code j < len}, with four accumulators (the JIT does not reorder). */
    static double dot(double[] a, int aOff, double[] b, int bOff, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            s0 += a[aOff + j] * b[bOff + j];
            s1 += a[aOff + j + 1] * b[bOff + j + 1];
            s2 += a[aOff + j + 2] * b[bOff + j + 2];
            s3 += a[aOff + j + 3] * b[bOff + j + 3];
        }
        for (; j < len; j++) {
            s0 += a[aOff + j] * b[bOff + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code y[yOff + j] += alpha · x[xOff + j]} for {@code j < len}. */
    static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int len) {
        for (int j = 0; j < len; j++) {
            y[yOff + j] += alpha * x[xOff + j];
        }
    }

    /** The logistic sigmoid, stable for large |z|. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** A new {@code [n, k]} DOUBLE array from row-major values. */
    static INDArray matrix(double[] values, int n, int k) {
        return Nd4j.create(values, new long[] {n, k}, DataType.DOUBLE);
    }
}
