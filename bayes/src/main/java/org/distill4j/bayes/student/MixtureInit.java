package org.distill4j.bayes.student;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.SplittableRandom;

/**
 * Seeded initialisation helpers of the mixture students, and the entropy that turns a cross-entropy into a KL.
 * Stateless and thread-safe.
 */
public final class MixtureInit {

    private MixtureInit() {
    }

    /**
     * {@code count} distinct indices in {@code [0, size)} (all indices, cycling, when {@code count > size}), drawn
     * by a partial Fisher–Yates shuffle.
     */
    public static int[] distinctIndices(int size, int count, SplittableRandom rng) {
        checkArgument(size >= 1 && count >= 1, "size and count must be >= 1, got %s and %s", size, count);
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            int pos = k % size;
            if (pos == 0 && k > 0) {
                continue;
            }
            int j = pos + rng.nextInt(size - pos);
            int tmp = all[pos];
            all[pos] = all[j];
            all[j] = tmp;
        }
        for (int k = 0; k < count; k++) {
            out[k] = all[k % size];
        }
        return out;
    }

    /** Fills {@code params} with {@code N(0, scale²)} draws. */
    public static void gaussian(double[] params, double scale, SplittableRandom rng) {
        for (int i = 0; i < params.length; i++) {
            params[i] = scale * gaussian(rng);
        }
    }

    /** A standard normal draw (Box–Muller). */
    public static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        while (u1 <= 0) {
            u1 = rng.nextDouble();
        }
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** The mean entropy {@code −(1/n) Σ t log t} of {@code n} probability rows of {@code classes} entries. */
    public static double meanEntropy(double[] targets, int n, int classes) {
        double h = 0;
        for (int i = 0; i < n * classes; i++) {
            if (targets[i] > 0) {
                h -= targets[i] * Math.log(targets[i]);
            }
        }
        return h / n;
    }
}
