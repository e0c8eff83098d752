package org.distill4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Array comparisons for the contract kit with explicit tolerances. {@code INDArray.equals} compares with a hidden
 * absolute tolerance of {@code 1e-5}, too loose to tell whether an argument was left untouched and too implicit for
 * numerical checks, so the contracts use these instead.
 */
public final class ContractAssertions {

    /**
     * How far two answers to the same rows may differ (per probability), when they are computed in another batch
     * order, batch size, memory layout or thread: BLAS kernels may sum in another order.
     */
    public static final double ROW_TOLERANCE = 1e-5;

    private ContractAssertions() {
    }

    /**
     * Asserts that {@code actual} has the data type, shape and exact values (bit for bit, NaN included) of
     * {@code before}: an argument a method must not modify.
     *
     * @param what names the array in the failure message
     */
    public static void assertUnchanged(INDArray actual, INDArray before, String what) {
        assertThat(actual.dataType()).as("%s: data type", what).isEqualTo(before.dataType());
        assertThat(actual.shape()).as("%s: shape", what).containsExactly(before.shape());
        double[] a = valuesOf(actual);
        double[] b = valuesOf(before);
        int first = Arrays.mismatch(a, b);
        assertThat(first).as("%s: modified, first at flat index %s (%s, was %s)", what, first,
                first < 0 ? "" : a[first], first < 0 ? "" : b[first]).isEqualTo(-1);
    }

    /**
     * Asserts that two arrays have the same shape and differ by at most {@code tolerance} in every entry.
     *
     * @param what names the comparison in the failure message ({@code String.format} with {@code args})
     */
    public static void assertClose(INDArray actual, INDArray expected, double tolerance, String what,
            Object... args) {
        String description = String.format(what, args);
        assertThat(actual.shape()).as("%s: shape", description).containsExactly(expected.shape());
        assertThat(maxAbsDifference(actual, expected)).as("%s: max |difference|", description)
                .isLessThanOrEqualTo(tolerance);
    }

    /** {@code max |a − b|} in double; {@code NaN} if either holds NaN; the shapes must agree. */
    public static double maxAbsDifference(INDArray a, INDArray b) {
        assertThat(a.shape()).as("shapes compared").containsExactly(b.shape());
        double[] x = valuesOf(a);
        double[] y = valuesOf(b);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs(x[i] - y[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /** Whether every value is finite. */
    public static boolean allFinite(INDArray array) {
        return Arrays.stream(valuesOf(array)).allMatch(Double::isFinite);
    }

    /** The values in C order as doubles (exact for FLOAT and DOUBLE arrays). */
    static double[] valuesOf(INDArray array) {
        if (array.isEmpty()) {
            return new double[0];
        }
        return array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
