package org.distill4j.bayes.regression;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks and reads the inputs and targets of the regression teachers and students. Stateless. */
final class RegressionInputs {

    private RegressionInputs() {
    }

    /** The rows of {@code inputs} {@code [n, width]} as a row-major copy, after checking shape and finiteness. */
    static double[] rows(INDArray inputs, int width, String name) {
        checkNotNull(inputs, name);
        checkArgument(inputs.rank() == 2, "%s must be rank 2 [n, %s], got shape %s", name, width,
                Arrays.toString(inputs.shape()));
        checkArgument(inputs.columns() == width, "%s have %s features but %s are expected (shape %s)", name,
                inputs.columns(), width, Arrays.toString(inputs.shape()));
        checkArgument(inputs.rows() >= 1, "%s must have at least 1 row, got shape %s", name,
                Arrays.toString(inputs.shape()));
        double[] x = inputs.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < x.length; i++) {
            checkArgument(Double.isFinite(x[i]), "%s must be finite: row %s column %s is %s", name, i / width,
                    i % width, x[i]);
        }
        return x;
    }

    /** The targets as a checked copy, one per row. */
    static double[] targets(double[] y, long rows, String name) {
        checkNotNull(y, name);
        checkArgument(y.length == rows, "%s has %s values but there are %s input rows", name, y.length, rows);
        for (int i = 0; i < y.length; i++) {
            checkArgument(Double.isFinite(y[i]), "%s[%s] must be finite, got %s", name, (Object) i, y[i]);
        }
        return y.clone();
    }

    /** {@code log N(y; mean, variance)}. */
    static double logNormal(double y, double mean, double variance) {
        double d = y - mean;
        return -0.5 * (Math.log(2 * Math.PI * variance) + d * d / variance);
    }
}
