package org.distill4j.trees.tree;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import org.distill4j.core.Student;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An axis-aligned binary decision tree over {@link #inputSize()} real features whose leaves hold value
 * vectors: class probabilities ({@link ClassificationTree}) or regression targets ({@link RegressionTree}).
 * Trees are fitted by {@code org.distill4j.trees.cart.CartTrainer} (CART, Breiman et al. 1984, with histogram
 * splits) or grown by a distiller, exported with {@link TreeExport} (Graphviz DOT, if/then rules) and
 * {@link TreeJson}, and saved in distill4j's model format.
 *
 * <p>Prediction routes each row from the root ({@code x[f] <= t} goes left) to a leaf and copies the leaf's
 * vector; it allocates nothing per row, reads contiguous inputs in place, and is thread-safe: a tree is
 * immutable.
 */
public abstract sealed class DecisionTree implements Student permits ClassificationTree, RegressionTree {

    private final int inputSize;
    private final TreeNodes nodes;

    DecisionTree(int inputSize, TreeNodes nodes) {
        checkArgument(inputSize >= 1, "inputSize must be >= 1, got %s", inputSize);
        checkNotNull(nodes, "nodes");
        checkArgument(nodes.maxFeature() < inputSize, "the tree tests feature %s but inputSize is %s",
                nodes.maxFeature(), inputSize);
        this.inputSize = inputSize;
        this.nodes = nodes;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    /** The length of the leaf vectors: the number of classes, or of regression outputs. */
    public int outputSize() {
        return nodes.outputs();
    }

    /** The node arrays (immutable). */
    public TreeNodes nodes() {
        return nodes;
    }

    /** The number of leaves. */
    public int leafCount() {
        return nodes.leafCount();
    }

    /** The length of the longest root-to-leaf path (0 for a single leaf). */
    public int depth() {
        return nodes.depth();
    }

    /**
     * Two per internal node (feature and threshold) plus {@link #outputSize()} per leaf: what a compression
     * ratio should count.
     */
    @Override
    public long parameterCount() {
        long internal = nodes.nodeCount() - nodes.leafCount();
        return 2 * internal + (long) nodes.leafCount() * nodes.outputs();
    }

    /**
     * The leaf that each row reaches.
     *
     * @param inputs {@code [n, inputSize()]}, finite, not modified
     * @return a new array of n node indices, each a leaf of {@link #nodes()}
     * @throws IllegalArgumentException if {@code inputs} is not a non-empty finite {@code [n, inputSize()]} batch
     */
    public int[] leafIndices(INDArray inputs) {
        return TreeInputs.checkedLeaves(nodes, inputs, inputSize, "inputs");
    }

    /**
     * Predicts one row without allocating: copies the vector of the leaf that {@code x[offset .. offset + d)}
     * reaches into {@code out[outOffset .. outOffset + outputSize())}. No checks beyond array bounds: the caller
     * owns validation here.
     *
     * @return the leaf index
     */
    public int predictRow(float[] x, int offset, float[] out, int outOffset) {
        int leaf = nodes.leafOf(x, offset);
        nodes.copyValue(leaf, out, outOffset);
        return leaf;
    }

    /** The leaf vectors of each row, {@code [n, outputSize()]} FLOAT, a new caller-owned array. */
    final INDArray predictValues(INDArray inputs) {
        int[] leaves = TreeInputs.checkedLeaves(nodes, inputs, inputSize, "inputs");
        int k = nodes.outputs();
        float[] out = new float[leaves.length * k];
        for (int r = 0; r < leaves.length; r++) {
            nodes.copyValue(leaves[r], out, r * k);
        }
        return Nd4j.create(out, new long[] {leaves.length, k}, DataType.FLOAT);
    }

    /** Graphviz DOT source of this tree, with features named {@code x[i]}. */
    public String toDot() {
        return TreeExport.toDot(this, List.of(), List.of());
    }

    /** One readable if/then rule per leaf, with features named {@code x[i]}. */
    public String toRules() {
        return TreeExport.toRules(this, List.of(), List.of());
    }

    /** This tree as JSON ({@link TreeJson}). */
    public String toJson() {
        return TreeJson.write(this);
    }

    /** Equal when of the same class, input size and node arrays. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        DecisionTree other = (DecisionTree) o;
        return inputSize == other.inputSize && nodes.equals(other.nodes);
    }

    @Override
    public int hashCode() {
        return 31 * nodes.hashCode() + inputSize;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[inputSize=" + inputSize + ", outputs=" + outputSize() + ", leaves="
                + leafCount() + ", depth=" + depth() + "]";
    }
}
