package org.distill4j.trees.testing;

import java.util.SplittableRandom;
import org.distill4j.core.contract.ContractInputs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded synthetic data sets for tree tests. */
public final class TreeFixtures {

    private TreeFixtures() {
    }

    /** {@code [n, d]} standard normal FLOAT features. */
    public static INDArray gaussian(int n, int d, long seed) {
        return ContractInputs.gaussian(n, d, seed, DataType.FLOAT);
    }

    /** {@code [n, d]} features whose values are small integers in {@code [0, levels)}: many ties. */
    public static INDArray levels(int n, int d, int levels, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(levels);
        }
        return Nd4j.create(v, new long[] {n, d}, DataType.FLOAT);
    }

    /** Class labels from random axis-aligned rules on the first features, with a fraction flipped at random. */
    public static int[] ruleLabels(INDArray x, int classes, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = (int) x.size(0);
        float[] v = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int d = (int) x.size(1);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            float a = v[i * d];
            float b = d > 1 ? v[i * d + 1] : 0;
            int label = a > 0.3f ? (b > -0.2f ? 0 : 1) : (b > 0.5f ? 2 : 1);
            labels[i] = Math.floorMod(label, classes);
            if (rng.nextDouble() < noise) {
                labels[i] = rng.nextInt(classes);
            }
        }
        return labels;
    }

    /** Soft targets: a softmax of random linear logits of the features, {@code [n, k]} FLOAT. */
    public static INDArray softTargets(INDArray x, int k, long seed) {
        INDArray w = ContractInputs.gaussian((int) x.size(1), k, seed, DataType.FLOAT).muli(1.5);
        INDArray logits = x.castTo(DataType.FLOAT).mmul(w);
        INDArray e = org.nd4j.linalg.ops.transforms.Transforms.exp(logits, false);
        return e.diviColumnVector(e.sum(1).reshape(-1, 1));
    }

    /** The one-hot matrix of labels, {@code [n, k]} FLOAT. */
    public static INDArray oneHot(int[] labels, int k) {
        float[] v = new float[labels.length * k];
        for (int i = 0; i < labels.length; i++) {
            v[i * k + labels[i]] = 1;
        }
        return Nd4j.create(v, new long[] {labels.length, k}, DataType.FLOAT);
    }

    /** Row-major float copy. */
    public static float[] values(INDArray x) {
        return x.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
