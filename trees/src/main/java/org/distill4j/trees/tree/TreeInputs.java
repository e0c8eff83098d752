package org.distill4j.trees.tree;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Checks batches of inputs for trees and routes their rows without copying the whole batch: a contiguous
 * row-major FLOAT or DOUBLE array is read in place, anything else (views, column-major, other types) is copied
 * once into a row-major FLOAT array. Stateless and thread-safe.
 */
public final class TreeInputs {

    private TreeInputs() {
    }

    /**
     * Checks that {@code inputs} is a non-empty numeric batch {@code [n, inputSize]} of finite values.
     *
     * @param name the argument name used in messages
     * @throws IllegalArgumentException naming the argument, the expected and actual shapes, or the non-finite
     *     value
     */
    public static void checkBatch(INDArray inputs, int inputSize, String name) {
        checkShape(inputs, inputSize, name);
        checkArgument(isFinite(inputs), "%s must be finite, found NaN or infinite values", name);
    }

    /** {@link #checkBatch} without the finiteness check. */
    private static void checkShape(INDArray inputs, int inputSize, String name) {
        checkNotNull(inputs, name);
        checkArgument(inputs.rank() == 2, "%s must have rank 2 and shape [n, %s], got shape %s", name, inputSize,
                Arrays.toString(inputs.shape()));
        checkArgument(inputs.size(1) == inputSize, "%s must have shape [n, %s], got shape %s", name, inputSize,
                Arrays.toString(inputs.shape()));
        checkArgument(inputs.size(0) >= 1, "%s must have at least one row, got shape %s", name,
                Arrays.toString(inputs.shape()));
        checkArgument(inputs.size(0) <= Integer.MAX_VALUE / Math.max(1, inputSize),
                "%s has too many rows for a tree, got shape %s", name, Arrays.toString(inputs.shape()));
        checkArgument(inputs.dataType().isNumerical(), "%s must be numeric, got data type %s", name,
                inputs.dataType());
    }

    /**
     * Whether every value is finite: a finite sum proves it (NaN and infinities propagate), and only a
     * non-finite sum (which overflow can also cause) needs the element-wise check.
     */
    private static boolean isFinite(INDArray inputs) {
        if (!inputs.dataType().isFPType()) {
            return true;
        }
        return Double.isFinite(inputs.sumNumber().doubleValue())
                || !BooleanIndexing.or(inputs, Conditions.notFinite());
    }

    /**
     * Checks a batch as {@link #checkBatch} does and computes the leaf of every row, in one pass over the inputs:
     * a contiguous row-major FLOAT or DOUBLE batch is read in place, row by row, each row checked for non-finite
     * values (with a few independent accumulators, so that the check runs at memory speed) just before it is
     * routed, while it is in cache; any other batch is checked, then copied once into a row-major FLOAT array.
     *
     * @param inputs {@code [n, d]}, not modified
     * @return a new array: the leaf index of each row
     * @throws IllegalArgumentException as {@link #checkBatch}; a non-finite value is named by row and column
     */
    static int[] checkedLeaves(TreeNodes nodes, INDArray inputs, int inputSize, String name) {
        checkShape(inputs, inputSize, name);
        int n = (int) inputs.size(0);
        int d = inputSize;
        int[] leaves = new int[n];
        boolean inPlace = !inputs.isView() && inputs.ordering() == 'c' && inputs.offset() == 0;
        if (inPlace && inputs.dataType() == DataType.FLOAT) {
            FloatBuffer x = inputs.data().asNioFloat();
            for (int r = 0, offset = 0; r < n; r++, offset += d) {
                if (!rowIsFinite(x, offset, d)) {
                    int c = firstNonFinite(x, offset, d);
                    throw nonFinite(name, r, c, x.get(offset + c));
                }
                leaves[r] = nodes.leafOf(x, offset);
            }
            return leaves;
        }
        if (inPlace && inputs.dataType() == DataType.DOUBLE) {
            DoubleBuffer x = inputs.data().asNioDouble();
            for (int r = 0, offset = 0; r < n; r++, offset += d) {
                if (!rowIsFinite(x, offset, d)) {
                    int c = firstNonFinite(x, offset, d);
                    throw nonFinite(name, r, c, x.get(offset + c));
                }
                leaves[r] = nodes.leafOf(x, offset);
            }
            return leaves;
        }
        checkArgument(isFinite(inputs), "%s must be finite, found NaN or infinite values", name);
        FloatBuffer x = inputs.castTo(DataType.FLOAT).dup('c').data().asNioFloat();
        for (int r = 0, offset = 0; r < n; r++, offset += d) {
            leaves[r] = nodes.leafOf(x, offset);
        }
        return leaves;
    }

    /** {@code 0 · v} is 0 for finite v and NaN otherwise; four sums keep the additions independent. */
    private static boolean rowIsFinite(FloatBuffer x, int from, int length) {
        float a = 0;
        float b = 0;
        float c = 0;
        float e = 0;
        int i = from;
        int to = from + length;
        for (; i + 3 < to; i += 4) {
            a += x.get(i) * 0f;
            b += x.get(i + 1) * 0f;
            c += x.get(i + 2) * 0f;
            e += x.get(i + 3) * 0f;
        }
        for (; i < to; i++) {
            a += x.get(i) * 0f;
        }
        return a + b + c + e == 0f;
    }

    private static boolean rowIsFinite(DoubleBuffer x, int from, int length) {
        double a = 0;
        double b = 0;
        int i = from;
        int to = from + length;
        for (; i + 1 < to; i += 2) {
            a += x.get(i) * 0d;
            b += x.get(i + 1) * 0d;
        }
        for (; i < to; i++) {
            a += x.get(i) * 0d;
        }
        return a + b == 0d;
    }

    private static int firstNonFinite(FloatBuffer x, int from, int length) {
        for (int c = 0; c < length; c++) {
            if (!Float.isFinite(x.get(from + c))) {
                return c;
            }
        }
        throw new IllegalStateException("no non-finite value in the row");
    }

    private static int firstNonFinite(DoubleBuffer x, int from, int length) {
        for (int c = 0; c < length; c++) {
            if (!Double.isFinite(x.get(from + c))) {
                return c;
            }
        }
        throw new IllegalStateException("no non-finite value in the row");
    }

    private static IllegalArgumentException nonFinite(String name, int row, int column, double value) {
        return new IllegalArgumentException(String.format("%s must be finite, found %s at row %s, column %s", name,
                value, row, column));
    }
}
