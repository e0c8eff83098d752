package org.distill4j.trees.tree;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * Growable node arrays of a tree being grown, for tree learners: nodes are appended as leaves and become tests
 * when split; {@link #build()} checks and freezes them into {@link TreeNodes}. Children must be added after their
 * parent. Not thread-safe.
 */
public final class TreeBuilder {

    private final int outputs;
    private int size;
    private int[] feature = new int[64];
    private float[] threshold = new float[64];
    private int[] left = new int[64];
    private int[] right = new int[64];
    private float[] value;
    private long[] samples = new long[64];
    private double[] impurity = new double[64];

    /** An empty builder of nodes with value vectors of {@code outputs} entries. */
    public TreeBuilder(int outputs) {
        checkArgument(outputs >= 1, "outputs must be >= 1, got %s", outputs);
        this.outputs = outputs;
        this.value = new float[64 * outputs];
    }

    /** The number of nodes so far. */
    public int size() {
        return size;
    }

    /**
     * Appends a leaf and returns its index.
     *
     * @param nodeValue {@code outputs} values, copied
     */
    public int addLeaf(float[] nodeValue, long count, double nodeImpurity) {
        if (size == feature.length) {
            int capacity = size * 2;
            feature = Arrays.copyOf(feature, capacity);
            threshold = Arrays.copyOf(threshold, capacity);
            left = Arrays.copyOf(left, capacity);
            right = Arrays.copyOf(right, capacity);
            value = Arrays.copyOf(value, capacity * outputs);
            samples = Arrays.copyOf(samples, capacity);
            impurity = Arrays.copyOf(impurity, capacity);
        }
        feature[size] = TreeNodes.LEAF;
        left[size] = -1;
        right[size] = -1;
        System.arraycopy(nodeValue, 0, value, size * outputs, outputs);
        samples[size] = count;
        impurity[size] = nodeImpurity;
        return size++;
    }

    /** Replaces the value, sample count and impurity of {@code node}. */
    public void update(int node, float[] nodeValue, long count, double nodeImpurity) {
        checkArgument(node >= 0 && node < size, "node must be in [0, %s), got %s", size, node);
        System.arraycopy(nodeValue, 0, value, node * outputs, outputs);
        samples[node] = count;
        impurity[node] = nodeImpurity;
    }

    /** Turns leaf {@code node} into a test with the given children. */
    public void split(int node, int f, float t, int leftChild, int rightChild) {
        feature[node] = f;
        threshold[node] = t;
        left[node] = leftChild;
        right[node] = rightChild;
    }

    /**
     * The nodes so far, checked ({@link TreeNodes#of}); the builder stays usable.
     *
     * @throws IllegalArgumentException if the nodes do not form a tree
     */
    public TreeNodes build() {
        return TreeNodes.of(outputs, Arrays.copyOf(feature, size), Arrays.copyOf(threshold, size),
                Arrays.copyOf(left, size), Arrays.copyOf(right, size), Arrays.copyOf(value, size * outputs),
                Arrays.copyOf(samples, size), Arrays.copyOf(impurity, size));
    }
}
