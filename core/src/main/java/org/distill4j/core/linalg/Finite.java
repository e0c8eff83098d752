package org.distill4j.core.linalg;

import static com.google.common.base.Preconditions.checkNotNull;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Whether an array holds only finite values, in one BLAS pass for contiguous floating-point arrays (a NaN or an
 * infinity makes the sum of absolute values non-finite), with an exact element-wise check when that sum is not
 * finite (it may also overflow for huge finite values) or the layout does not allow the fast pass. Integer arrays
 * are always finite. Stateless and thread-safe; does not modify its argument.
 */
public final class Finite {

    private Finite() {
    }

    /** True if every entry of {@code array} is finite (an empty array is). */
    public static boolean check(INDArray array) {
        checkNotNull(array, "array");
        if (!array.dataType().isFPType() || array.isEmpty()) {
            return true;
        }
        if (array.elementWiseStride() == 1) {
            double sum = Nd4j.getBlasWrapper().asum(array.reshape(array.ordering(), new long[] {array.length()}));
            if (Double.isFinite(sum)) {
                return true;
            }
        }
        return !BooleanIndexing.or(array, Conditions.notFinite());
    }
}
