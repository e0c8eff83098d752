package org.distill4j.trees.tree;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The immutable node arrays of an axis-aligned binary decision tree. Node 0 is the root; every internal node
 * {@code i} tests {@code x[feature(i)] <= threshold(i)}, going to {@code left(i)} when true and to
 * {@code right(i)} otherwise; children have larger indices than their parent, so the arrays describe a tree
 * (no cycles, every node but the root has exactly one parent). Every node, leaf or not, holds a value vector
 * of {@link #outputs()} floats (for classification: class probabilities; for regression: the mean target) and
 * the number of training rows that reached it, so that a tree can be inspected and pruned.
 *
 * <p>Routing is allocation-free ({@link #leafOf(float[], int)}); instances are immutable and thread-safe.
 * Accessors returning arrays return copies.
 */
public final class TreeNodes {

    /** The feature index stored for leaves. */
    public static final int LEAF = -1;

    private final int outputs;
    private final int[] feature;
    private final float[] threshold;
    private final int[] left;
    private final int[] right;
    private final float[] value;
    private final long[] samples;
    private final double[] impurity;
    private final int depth;
    private final int leafCount;

    private TreeNodes(int outputs, int[] feature, float[] threshold, int[] left, int[] right, float[] value,
            long[] samples, double[] impurity) {
        this.outputs = outputs;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.value = value;
        this.samples = samples;
        this.impurity = impurity;
        int[] depths = new int[feature.length];
        int deepest = 0;
        int leaves = 0;
        for (int i = 0; i < feature.length; i++) {
            if (feature[i] == LEAF) {
                leaves++;
            } else {
                depths[left[i]] = depths[i] + 1;
                depths[right[i]] = depths[i] + 1;
            }
            deepest = Math.max(deepest, depths[i]);
        }
        this.depth = deepest;
        this.leafCount = leaves;
    }

    /**
     * Checks and copies node arrays into a tree.
     *
     * @param outputs the length of each node's value vector, at least 1
     * @param feature per node, the tested feature ({@code >= 0}) or {@link #LEAF}
     * @param threshold per node, the threshold of the test (finite for internal nodes; ignored for leaves)
     * @param left per node, the child for {@code x <= threshold} (greater than the node), or -1 for leaves
     * @param right per node, the child for {@code x > threshold} (greater than the node), or -1 for leaves
     * @param value {@code [nodes × outputs]} row-major, finite
     * @param samples per node, the number of training rows that reached it, {@code >= 0}
     * @param impurity per node, its impurity on the training rows, finite and {@code >= 0}
     * @throws IllegalArgumentException naming the first inconsistency (lengths, child indices, a node with two
     *     parents or none, non-finite values)
     */
    public static TreeNodes of(int outputs, int[] feature, float[] threshold, int[] left, int[] right, float[] value,
            long[] samples, double[] impurity) {
        checkArgument(outputs >= 1, "outputs must be >= 1, got %s", outputs);
        checkNotNull(feature, "feature");
        checkNotNull(threshold, "threshold");
        checkNotNull(left, "left");
        checkNotNull(right, "right");
        checkNotNull(value, "value");
        checkNotNull(samples, "samples");
        checkNotNull(impurity, "impurity");
        int n = feature.length;
        checkArgument(n >= 1, "a tree needs at least one node, got 0");
        checkArgument(threshold.length == n && left.length == n && right.length == n && samples.length == n
                && impurity.length == n, "node arrays must all have %s entries, got feature %s, threshold %s, left %s, "
                        + "right %s, samples %s, impurity %s", n, n, threshold.length, left.length, right.length,
                samples.length, impurity.length);
        checkArgument((long) n * outputs == value.length, "value must have nodes x outputs = %s x %s entries, got %s",
                n, outputs, value.length);
        boolean[] hasParent = new boolean[n];
        for (int i = 0; i < n; i++) {
            checkArgument(samples[i] >= 0, "samples of node %s must be >= 0, got %s", i, samples[i]);
            checkArgument(Double.isFinite(impurity[i]) && impurity[i] >= 0,
                    "impurity of node %s must be finite and >= 0, got %s", Integer.valueOf(i), Double.valueOf(impurity[i]));
            if (feature[i] == LEAF) {
                checkArgument(left[i] == -1 && right[i] == -1, "leaf %s must have children -1, got %s and %s", i,
                        left[i], right[i]);
                continue;
            }
            checkArgument(feature[i] >= 0, "feature of node %s must be >= 0 or LEAF (-1), got %s", i, feature[i]);
            checkArgument(Float.isFinite(threshold[i]), "threshold of node %s must be finite, got %s",
                    Integer.valueOf(i), Float.valueOf(threshold[i]));
            for (int child : new int[] {left[i], right[i]}) {
                checkArgument(child > i && child < n, "children of node %s must be in (%s, %s), got %s", i, i, n,
                        child);
                checkArgument(!hasParent[child], "node %s has two parents", child);
                hasParent[child] = true;
            }
        }
        for (int i = 1; i < n; i++) {
            checkArgument(hasParent[i], "node %s is not reachable from the root", i);
        }
        for (int j = 0; j < value.length; j++) {
            checkArgument(Float.isFinite(value[j]), "value %s of node %s must be finite, got %s", j % outputs,
                    j / outputs, value[j]);
        }
        return new TreeNodes(outputs, feature.clone(), threshold.clone(), left.clone(), right.clone(), value.clone(),
                samples.clone(), impurity.clone());
    }

    /** The length of each node's value vector. */
    public int outputs() {
        return outputs;
    }

    /** The number of nodes, internal and leaves. */
    public int nodeCount() {
        return feature.length;
    }

    /** The number of leaves. */
    public int leafCount() {
        return leafCount;
    }

    /** The length of the longest root-to-leaf path (0 for a single leaf). */
    public int depth() {
        return depth;
    }

    /** Whether {@code node} is a leaf. */
    public boolean isLeaf(int node) {
        return feature[node] == LEAF;
    }

    /** The feature tested at {@code node}, or {@link #LEAF}. */
    public int feature(int node) {
        return feature[node];
    }

    /** The threshold of the test at {@code node} ({@code x <= threshold} goes left). */
    public float threshold(int node) {
        return threshold[node];
    }

    /** The child of {@code node} for {@code x <= threshold}, or -1 for a leaf. */
    public int left(int node) {
        return left[node];
    }

    /** The child of {@code node} for {@code x > threshold}, or -1 for a leaf. */
    public int right(int node) {
        return right[node];
    }

    /** Output {@code k} of the value vector of {@code node}. */
    public float value(int node, int k) {
        return value[node * outputs + k];
    }

    /** A copy of the value vector of {@code node}. */
    public float[] values(int node) {
        return Arrays.copyOfRange(value, node * outputs, (node + 1) * outputs);
    }

    /** The number of training rows that reached {@code node}. */
    public long samples(int node) {
        return samples[node];
    }

    /** The impurity of {@code node} on its training rows (criterion-specific; 0 for a pure node). */
    public double impurity(int node) {
        return impurity[node];
    }

    /**
     * The leaf that a row reaches; allocation-free and thread-safe.
     *
     * @param x holds the row's features at {@code x[offset .. offset + d)}
     */
    public int leafOf(float[] x, int offset) {
        int node = 0;
        while (feature[node] != LEAF) {
            node = x[offset + feature[node]] <= threshold[node] ? left[node] : right[node];
        }
        return node;
    }

    /** {@link #leafOf(float[], int)} over a buffer (a row of an INDArray read in place). */
    int leafOf(FloatBuffer x, int offset) {
        int node = 0;
        while (feature[node] != LEAF) {
            node = x.get(offset + feature[node]) <= threshold[node] ? left[node] : right[node];
        }
        return node;
    }

    /** Doubles are rounded to float first, as training does, so that both sides of a threshold agree. */
    int leafOf(DoubleBuffer x, int offset) {
        int node = 0;
        while (feature[node] != LEAF) {
            node = (float) x.get(offset + feature[node]) <= threshold[node] ? left[node] : right[node];
        }
        return node;
    }

    /** Copies leaf {@code node}'s value vector into {@code out[offset .. offset + outputs)}. */
    public void copyValue(int node, float[] out, int offset) {
        System.arraycopy(value, node * outputs, out, offset, outputs);
    }

    /** The largest feature index tested, or -1 for a single leaf. */
    public int maxFeature() {
        int max = -1;
        for (int f : feature) {
            max = Math.max(max, f);
        }
        return max;
    }

    /** Copies of the arrays, for saving: feature, left, right. */
    int[][] intArrays() {
        return new int[][] {feature.clone(), left.clone(), right.clone()};
    }

    /** Copies of the thresholds. */
    float[] thresholds() {
        return threshold.clone();
    }

    /** A copy of all value vectors, {@code [nodes × outputs]} row-major. */
    public float[] valueMatrix() {
        return value.clone();
    }

    /** A copy of the per-node sample counts. */
    long[] sampleCounts() {
        return samples.clone();
    }

    /** A copy of the per-node impurities. */
    double[] impurities() {
        return impurity.clone();
    }

    /** Equal when every array is exactly equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TreeNodes other)) {
            return false;
        }
        return outputs == other.outputs && Arrays.equals(feature, other.feature)
                && Arrays.equals(threshold, other.threshold) && Arrays.equals(left, other.left)
                && Arrays.equals(right, other.right) && Arrays.equals(value, other.value)
                && Arrays.equals(samples, other.samples) && Arrays.equals(impurity, other.impurity);
    }

    @Override
    public int hashCode() {
        int h = 31 * outputs + Arrays.hashCode(feature);
        h = 31 * h + Arrays.hashCode(threshold);
        h = 31 * h + Arrays.hashCode(left);
        h = 31 * h + Arrays.hashCode(right);
        return 31 * h + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "TreeNodes[nodes=" + nodeCount() + ", leaves=" + leafCount + ", depth=" + depth + ", outputs="
                + outputs + "]";
    }
}
