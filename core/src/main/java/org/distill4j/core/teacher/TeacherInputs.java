package org.distill4j.core.teacher;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.distill4j.core.linalg.Finite;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Validation and copying of input batches shared by the teacher adapters of this package. */
final class TeacherInputs {

    private TeacherInputs() {
    }

    /**
     * Checks that {@code inputs} is a non-empty numeric batch {@code [n, inputSize]} of finite values.
     *
     * @param name the argument name used in messages
     */
    static void checkBatch(INDArray inputs, long inputSize, String name) {
        checkNotNull(inputs, name);
        checkArgument(inputs.rank() == 2, "%s must have rank 2 and shape [n, %s], got shape %s", name, inputSize,
                Arrays.toString(inputs.shape()));
        checkArgument(inputs.size(1) == inputSize, "%s must have shape [n, %s], got shape %s", name, inputSize,
                Arrays.toString(inputs.shape()));
        checkArgument(inputs.size(0) >= 1, "%s must have at least one row, got shape %s", name,
                Arrays.toString(inputs.shape()));
        checkArgument(inputs.dataType().isNumerical(), "%s must be numeric, got data type %s", name,
                inputs.dataType());
        checkArgument(isFinite(inputs), "%s must be finite, found NaN or infinite values", name);
    }

    /** Whether every value of {@code array} is finite (integer arrays always are). */
    static boolean isFinite(INDArray array) {
        return Finite.check(array);
    }

    /** A new array with the values of {@code inputs} in data type {@code type}; never {@code inputs} itself. */
    static INDArray copyAs(INDArray inputs, DataType type) {
        return inputs.dataType() == type ? inputs.dup('c') : inputs.castTo(type);
    }

    /** Checks a direction batch for a Jacobian-vector product against its inputs. */
    static void checkDirections(INDArray directions, INDArray inputs) {
        checkNotNull(directions, "directions");
        checkArgument(Arrays.equals(directions.shape(), inputs.shape()),
                "directions must have the shape of inputs %s, got %s", Arrays.toString(inputs.shape()),
                Arrays.toString(directions.shape()));
        checkArgument(directions.dataType().isNumerical(), "directions must be numeric, got data type %s",
                directions.dataType());
        checkArgument(isFinite(directions), "directions must be finite, found NaN or infinite values");
    }
}
