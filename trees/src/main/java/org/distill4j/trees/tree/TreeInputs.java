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
 * Checks batches of inputs for trees and reads their rows without copying the whole batch: a contiguous
 * row-major FLOAT or DOUBLE array is read in place, anything else (views, column-major, other types) is copied
 * once into a row-major FLOAT array. Stateless.
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
        checkArgument(isFinite(inputs), "%s must be finite, found NaN or infinite values", name);
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
     * Computes the leaf of every row of a checked batch.
     *
     * @param inputs {@code [n, d]} checked with {@link #checkBatch}; not modified
     * @return the leaf index of each row
     */
    static int[] leaves(TreeNodes nodes, INDArray inputs) {
        int n = (int) inputs.size(0);
        int d = (int) inputs.size(1);
        int[] leaves = new int[n];
        boolean inPlace = !inputs.isView() && inputs.ordering() == 'c' && inputs.offset() == 0;
        if (inPlace && inputs.dataType() == DataType.DOUBLE) {
            DoubleBuffer x = inputs.data().asNioDouble();
            for (int r = 0; r < n; r++) {
                leaves[r] = leafOf(nodes, x, r * d);
            }
            return leaves;
        }
        INDArray floats = inPlace && inputs.dataType() == DataType.FLOAT ? inputs
                : inputs.castTo(DataType.FLOAT).dup('c');
        FloatBuffer x = floats.data().asNioFloat();
        for (int r = 0; r < n; r++) {
            leaves[r] = leafOf(nodes, x, r * d);
        }
        return leaves;
    }

    private static int leafOf(TreeNodes nodes, FloatBuffer x, int offset) {
        int node = 0;
        while (!nodes.isLeaf(node)) {
            node = x.get(offset + nodes.feature(node)) <= nodes.threshold(node) ? nodes.left(node) : nodes.right(node);
        }
        return node;
    }

    /** Doubles are rounded to float first, as training does, so that both sides of a threshold agree. */
    private static int leafOf(TreeNodes nodes, DoubleBuffer x, int offset) {
        int node = 0;
        while (!nodes.isLeaf(node)) {
            float v = (float) x.get(offset + nodes.feature(node));
            node = v <= nodes.threshold(node) ? nodes.left(node) : nodes.right(node);
        }
        return node;
    }
}
