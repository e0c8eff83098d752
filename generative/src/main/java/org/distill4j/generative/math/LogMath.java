package org.distill4j.generative.math;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Log-space arithmetic in {@code double} and overflow-free softplus on ND4J arrays.
 *
 * <p>ND4J's own {@code softplus} computes {@code log(1 + e^x)} literally, which overflows to {@code +∞} once
 * {@code e^x} does ({@code x > 88} in FLOAT, {@code x > 709} in DOUBLE); {@link #softplusInPlace} uses
 * {@code max(x, 0) + log(1 + e^{-|x|})} instead, exact to rounding for every finite {@code x}.
 *
 * <p>Stateless and thread-safe. Methods named {@code ...InPlace} overwrite the array they are given (callers
 * pass arrays they own); every other method leaves its arguments unchanged.
 */
public final class LogMath {

    /** Elements per chunk when checking large arrays, to bound temporaries. */
    private static final long CHECK_CHUNK_ELEMENTS = 1L << 20;

    private LogMath() {
    }

    /**
     * Overwrites {@code x} with {@code softplus(x) = log(1 + e^x)}, computed as
     * {@code max(x, 0) + log(1 + e^{-|x|})} so that it never overflows.
     *
     * @param x a floating-point array; overwritten
     * @param scratch an array of the same shape and type as {@code x}, used as workspace; overwritten
     * @return {@code x}
     */
    public static INDArray softplusInPlace(INDArray x, INDArray scratch) {
        Nd4j.getExecutioner().exec(new Abs(x, scratch));
        scratch.negi();
        Nd4j.getExecutioner().exec(new SoftPlus(scratch, scratch));
        Transforms.relu(x, false);
        return x.addi(scratch);
    }

    /**
     * Overwrites {@code x} with ND4J's literal {@code log(1 + e^x)}: one native pass, exact to rounding except that
     * it overflows to {@code +∞} where {@code e^x} does. For hot loops that check their results and fall back to
     * {@link #softplusInPlace} when a value is infinite.
     *
     * @return {@code x}
     */
    public static INDArray softplusFastInPlace(INDArray x) {
        Nd4j.getExecutioner().exec(new SoftPlus(x, x));
        return x;
    }

    /**
     * {@code log Σ_i e^{v_i}}, computed stably. Empty input and all {@code -∞} give {@code -∞}; a NaN gives NaN;
     * a {@code +∞} gives {@code +∞}.
     */
    public static double logSumExp(double[] values) {
        checkNotNull(values, "values");
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    /**
     * {@code log((1/n) Σ_i e^{v_i})}: the log of the mean of weights given by their logs.
     *
     * @param values at least one value
     */
    public static double logMeanExp(double[] values) {
        checkNotNull(values, "values");
        checkArgument(values.length > 0, "values must not be empty");
        return logSumExp(values) - Math.log(values.length);
    }

    /**
     * Kish's effective sample size {@code (Σ w)² / Σ w²} of importance weights given by their logs: between 1
     * and {@code n}, equal to {@code n} when all weights are equal.
     *
     * @param logWeights at least one value, not all {@code -∞}, no NaN or {@code +∞}
     */
    public static double effectiveSampleSize(double[] logWeights) {
        double max = checkedMax(logWeights, "logWeights");
        double sum = 0;
        double sumSquares = 0;
        for (double lw : logWeights) {
            double w = Math.exp(lw - max);
            sum += w;
            sumSquares += w * w;
        }
        return sum * sum / sumSquares;
    }

    /**
     * The delta-method standard error of {@code log(mean w)} from weights given by their logs:
     * {@code sd(w) / (sqrt(n) · mean(w))}, with the sample standard deviation ({@code n − 1}); 0 for one weight.
     *
     * @param logWeights at least one value, not all {@code -∞}, no NaN or {@code +∞}
     */
    public static double logMeanExpStandardError(double[] logWeights) {
        double max = checkedMax(logWeights, "logWeights");
        int n = logWeights.length;
        if (n < 2) {
            return 0;
        }
        double mean = 0;
        for (double lw : logWeights) {
            mean += Math.exp(lw - max);
        }
        mean /= n;
        double ss = 0;
        for (double lw : logWeights) {
            double d = Math.exp(lw - max) - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / (n - 1));
        return sd / (Math.sqrt(n) * mean);
    }

    /**
     * The largest of the values, after checking that there is one, that none is NaN or {@code +∞}, and that
     * not all are {@code -∞} (every weight zero).
     *
     * @param name the argument's name for messages
     */
    public static double checkedMax(double[] logWeights, String name) {
        checkNotNull(logWeights, name);
        checkArgument(logWeights.length > 0, "%s must not be empty", name);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logWeights.length; i++) {
            double v = logWeights[i];
            checkArgument(!Double.isNaN(v) && v != Double.POSITIVE_INFINITY, "%s[%s] must not be NaN or +Infinity, "
                    + "got %s", name, i, v);
            max = Math.max(max, v);
        }
        checkArgument(max > Double.NEGATIVE_INFINITY, "%s are all -Infinity (every weight is zero: the proposal "
                + "never produced a point the target can generate), %s values", name, logWeights.length);
        return max;
    }

    /** Whether every element is finite (one pass; NaN and ±∞ make the sum of absolute values non-finite). */
    public static boolean isFinite(INDArray a) {
        checkNotNull(a, "array");
        if (a.isEmpty()) {
            return true;
        }
        double sum = a.norm1Number().doubleValue();
        return !Double.isNaN(sum) && !Double.isInfinite(sum);
    }

    /** Whether every element is exactly 0 or 1 (NaN is not). Large arrays are checked in row chunks. */
    public static boolean isBinary(INDArray a) {
        checkNotNull(a, "array");
        if (a.isEmpty()) {
            return true;
        }
        if (a.rank() != 2 || a.length() <= CHECK_CHUNK_ELEMENTS) {
            return binaryChunk(a);
        }
        long rowsPerChunk = Math.max(1, CHECK_CHUNK_ELEMENTS / Math.max(1, a.columns()));
        for (long from = 0; from < a.rows(); from += rowsPerChunk) {
            long to = Math.min(a.rows(), from + rowsPerChunk);
            if (!binaryChunk(a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that {@code a} holds only 0 and 1.
     *
     * @param name the argument's name for the message
     * @throws IllegalArgumentException naming the argument and showing the first offending value
     */
    public static void checkBinary(INDArray a, String name) {
        if (!isBinary(a)) {
            throw new IllegalArgumentException(name + " must be binary (every value 0 or 1), got " + firstNonBinary(a)
                    + "; binarize first, e.g. x > 0.5");
        }
    }

    /** The values of a vector (any shape with one non-unit dimension, or a scalar) as doubles. */
    public static double[] toDoubles(INDArray vector) {
        checkNotNull(vector, "vector");
        return vector.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static boolean binaryChunk(INDArray a) {
        INDArray t = a.mul(a).subi(a); // x² − x is 0 exactly for 0 and 1
        double s = t.norm1Number().doubleValue();
        return s == 0;
    }

    private static String firstNonBinary(INDArray a) {
        double[] v = a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        long columns = a.rank() == 2 ? a.columns() : v.length;
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0 && v[i] != 1) {
                return a.rank() == 2 ? String.format("%s at row %d, column %d", v[i], i / columns, i % columns)
                        : String.format("%s at index %d", v[i], i);
            }
        }
        return Arrays.toString(a.shape());
    }
}
