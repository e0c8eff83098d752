package org.distill4j.bayes.bag;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The checks every teacher and student of the bayes module makes on a batch of inputs at its public boundary: a
 * non-empty rank-2 floating-point array of the expected width whose values are finite. Stateless and thread-safe;
 * never modifies its argument.
 */
public final class InputChecks {

    private InputChecks() {
    }

    /**
     * Checks {@code inputs} and returns a contiguous row-major copy that callees may read (or modify) freely.
     *
     * @param width the expected number of features
     * @param name the argument's name, for messages
     * @throws IllegalArgumentException naming the argument and both widths or shapes
     */
    public static INDArray checked(INDArray inputs, int width, String name) {
        checkNotNull(inputs, name);
        checkArgument(inputs.rank() == 2, "%s must be [n, %s], got shape %s", name, width,
                java.util.Arrays.toString(inputs.shape()));
        checkArgument(inputs.rows() > 0, "%s must have at least one row, got shape [0, %s]", name,
                inputs.columns());
        checkArgument(inputs.columns() == width, "%s have %s features but the model expects %s (shape %s)", name,
                inputs.columns(), width, java.util.Arrays.toString(inputs.shape()));
        checkArgument(inputs.dataType().isFPType(), "%s must be floating point, got %s", name, inputs.dataType());
        INDArray copy = inputs.dup('c');
        checkArgument(!copy.isInfinite().any() && !copy.isNaN().any(), "%s must be finite", name);
        return copy;
    }

    /** As {@link #checked}, returning the values as a row-major {@code double[n·width]}. */
    public static double[] doubles(INDArray inputs, int width, String name) {
        INDArray copy = checked(inputs, width, name);
        double[] out = copy.dataType() == DataType.DOUBLE ? copy.data().asDouble()
                : copy.castTo(DataType.DOUBLE).data().asDouble();
        return out;
    }

    /** The floating type of answers to {@code inputs}: DOUBLE for DOUBLE inputs, else FLOAT. */
    public static DataType answerType(INDArray inputs) {
        return inputs.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
    }
}
