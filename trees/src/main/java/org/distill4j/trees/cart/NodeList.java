package org.distill4j.trees.cart;

import java.util.Arrays;
import org.distill4j.trees.tree.TreeNodes;

/** Growable node arrays of a tree being grown; nodes start as leaves and become internal when split. */
final class NodeList {

    private final int outputs;
    private int size;
    private int[] feature = new int[64];
    private float[] threshold = new float[64];
    private int[] left = new int[64];
    private int[] right = new int[64];
    private float[] value;
    private long[] samples = new long[64];
    private double[] impurity = new double[64];

    NodeList(int outputs) {
        this.outputs = outputs;
        this.value = new float[64 * outputs];
    }

    int size() {
        return size;
    }

    /** Appends a leaf and returns its index. */
    int addLeaf(float[] nodeValue, long count, double nodeImpurity) {
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

    /** Turns leaf {@code node} into a test with the given children. */
    void split(int node, int f, float t, int leftChild, int rightChild) {
        feature[node] = f;
        threshold[node] = t;
        left[node] = leftChild;
        right[node] = rightChild;
    }

    TreeNodes build() {
        return TreeNodes.of(outputs, Arrays.copyOf(feature, size), Arrays.copyOf(threshold, size),
                Arrays.copyOf(left, size), Arrays.copyOf(right, size), Arrays.copyOf(value, size * outputs),
                Arrays.copyOf(samples, size), Arrays.copyOf(impurity, size));
    }
}
