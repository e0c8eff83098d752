package org.distill4j.bayes.density;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks and reads the {@code [n, 1]} inputs of the 1-D density teachers and students. Stateless. */
final class DensityInputs {

    private DensityInputs() {
    }

    /**
     * The single column of {@code inputs} as doubles.
     *
     * @throws IllegalArgumentException for a rank other than 2, a width other than 1, no rows, or non-finite values
     */
    static double[] column(INDArray inputs, String name) {
        checkNotNull(inputs, name);
        checkArgument(inputs.rank() == 2, "%s must be rank 2 [n, 1], got shape %s", name,
                Arrays.toString(inputs.shape()));
        checkArgument(inputs.columns() == 1, "%s must have 1 column (a 1-D density), got shape %s", name,
                Arrays.toString(inputs.shape()));
        checkArgument(inputs.rows() >= 1, "%s must have at least 1 row, got shape %s", name,
                Arrays.toString(inputs.shape()));
        double[] x = inputs.castTo(DataType.DOUBLE).dup('c').toDoubleVector();
        for (int i = 0; i < x.length; i++) {
            checkArgument(Double.isFinite(x[i]), "%s[%s] must be finite, got %s", name, (Object) i, x[i]);
        }
        return x;
    }
}
