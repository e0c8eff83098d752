package org.distill4j.trees.lrh;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.SplittableRandom;
import org.distill4j.trees.tree.ClassificationTree;
import org.distill4j.trees.tree.TreeNodes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The learning task of the experiments of E. Boix-Adsera, <i>Towards a theory of model distillation</i>, 2024
 * (arXiv:2403.09053), section 5: inputs uniform on {@code {±1}^d}, labels given by a random complete decision tree
 * of depth r in which every internal node tests a variable drawn uniformly from those not on its path, and every
 * leaf holds a uniform random label ±1.
 *
 * <p>Nodes are numbered in heap order (children of n: 2n+1 for {@code x_i = -1}, 2n+2 for {@code x_i = +1}).
 * Labels are also given as classes: class 0 for -1, class 1 for +1. Immutable and thread-safe.
 */
public final class RandomTreeTask {

    private final int d;
    private final int depth;
    private final int[] variable;
    private final int[] leafLabel;

    private RandomTreeTask(int d, int depth, int[] variable, int[] leafLabel) {
        this.d = d;
        this.depth = depth;
        this.variable = variable;
        this.leafLabel = leafLabel;
    }

    /**
     * Draws a task.
     *
     * @param d the input dimension, at least {@code depth}
     * @param depth r, in {@code [1, 20]}
     * @throws IllegalArgumentException if {@code depth} is out of range or exceeds {@code d}
     */
    public static RandomTreeTask generate(int d, int depth, long seed) {
        checkArgument(depth >= 1 && depth <= 20, "depth must be in [1, 20], got %s", depth);
        checkArgument(d >= depth, "d must be >= depth (each path tests distinct variables): d = %s, depth = %s", d,
                depth);
        SplittableRandom rng = new SplittableRandom(seed);
        int internal = (1 << depth) - 1;
        int[] variable = new int[internal];
        for (int n = 0; n < internal; n++) {
            int v;
            do {
                v = rng.nextInt(d);
            } while (onPath(variable, n, v));
            variable[n] = v;
        }
        int[] labels = new int[1 << depth];
        for (int l = 0; l < labels.length; l++) {
            labels[l] = rng.nextBoolean() ? 1 : -1;
        }
        return new RandomTreeTask(d, depth, variable, labels);
    }

    /** Whether {@code v} is tested by an ancestor of node {@code n}. */
    private static boolean onPath(int[] variable, int n, int v) {
        for (int a = n; a > 0; ) {
            a = (a - 1) / 2;
            if (variable[a] == v) {
                return true;
            }
        }
        return false;
    }

    /** Whether every leaf has the same label: the task is then a constant function. */
    public boolean isConstant() {
        for (int label : leafLabel) {
            if (label != leafLabel[0]) {
                return false;
            }
        }
        return true;
    }

    /** The input dimension d. */
    public int inputSize() {
        return d;
    }

    /** The depth r. */
    public int depth() {
        return depth;
    }

    /** The label ±1 of the input {@code x[offset .. offset + d)} (entries ±1). */
    public int label(float[] x, int offset) {
        int n = 0;
        while (n < variable.length) {
            n = x[offset + variable[n]] > 0 ? 2 * n + 2 : 2 * n + 1;
        }
        return leafLabel[n - variable.length];
    }

    /** {@code n} inputs uniform on {@code {±1}^d}, {@code [n, d]} FLOAT. */
    public INDArray sampleInputs(int n, SplittableRandom rng) {
        checkArgument(n >= 1, "n must be >= 1, got %s", n);
        float[] x = new float[Math.multiplyExact(n, d)];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextBoolean() ? 1f : -1f;
        }
        return Nd4j.create(x, new long[] {n, d}, DataType.FLOAT);
    }

    /** The class (0 for -1, 1 for +1) of each row of {@code x}. */
    public int[] classes(INDArray x) {
        checkArgument(x.rank() == 2 && x.columns() == d, "x must have shape [n, %s], got %s", d,
                java.util.Arrays.toString(x.shape()));
        float[] v = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] out = new int[x.rows()];
        for (int r = 0; r < out.length; r++) {
            out[r] = label(v, r * d) > 0 ? 1 : 0;
        }
        return out;
    }

    /** The target as a {@link ClassificationTree} (tests {@code x_i <= 0}, certain leaves). */
    public ClassificationTree asTree() {
        int internal = variable.length;
        int nodes = 2 * internal + 1;
        int[] feature = new int[nodes];
        float[] threshold = new float[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        float[] value = new float[2 * nodes];
        for (int n = 0; n < nodes; n++) {
            if (n < internal) {
                feature[n] = variable[n];
                left[n] = 2 * n + 1;
                right[n] = 2 * n + 2;
                value[2 * n] = 0.5f;
                value[2 * n + 1] = 0.5f;
            } else {
                feature[n] = TreeNodes.LEAF;
                left[n] = -1;
                right[n] = -1;
                value[2 * n + (leafLabel[n - internal] > 0 ? 1 : 0)] = 1f;
            }
        }
        return ClassificationTree.of(d, TreeNodes.of(2, feature, threshold, left, right, value, new long[nodes],
                new double[nodes]));
    }
}
