package org.distill4j.core.transfer;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.distill4j.core.linalg.Finite;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers shared by the transfer sources of this package. */
final class Sources {

    /** Returned by {@link #epochRows} for sources whose epoch length is unknown. */
    static final long UNKNOWN = -1;

    private Sources() {
    }

    /** Implemented by this package's sources: the number of rows one epoch yields. */
    interface Sized {
        long epochRows();
    }

    /** The rows one epoch of {@code source} yields, or {@link #UNKNOWN}. */
    static long epochRows(TransferSource source) {
        return source instanceof Sized sized ? sized.epochRows() : UNKNOWN;
    }

    static void checkEpoch(int batchSize, SplittableRandom rng) {
        checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
        checkNotNull(rng, "rng");
    }

    static void checkHoldOut(int count, SplittableRandom rng) {
        checkArgument(count >= 0, "holdOut count must be >= 0, got %s", count);
        checkNotNull(rng, "rng");
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Fills {@code target} in place with N(0, sigma²) draws from an ND4J generator seeded with {@code seed}. */
    static INDArray fillGaussian(INDArray target, double sigma, long seed) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        try {
            return Nd4j.randn(0.0, sigma, target, random);
        } finally {
            release(random);
        }
    }

    /** Fills {@code target} in place with U[0, 1) draws from an ND4J generator seeded with {@code seed}. */
    static INDArray fillUniform(INDArray target, long seed) {
        Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        try {
            return Nd4j.rand(target, random);
        } finally {
            release(random);
        }
    }

    private static void release(Random random) {
        try {
            random.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release an ND4J random generator", e);
        }
    }

    /** True if every entry is finite. */
    static boolean isFinite(INDArray array) {
        return Finite.check(array);
    }

    static String shape(INDArray array) {
        return Arrays.toString(array.shape());
    }
}
