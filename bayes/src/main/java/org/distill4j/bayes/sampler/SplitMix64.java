package org.distill4j.bayes.sampler;

import java.util.random.RandomGenerator;

/**
 * The random stream of {@code new java.util.SplittableRandom(seed)} (SplitMix64: Steele, Lea &amp; Flood 2014,
 * <i>Fast splittable pseudorandom number generators</i>, OOPSLA), draw for draw — {@code nextLong}, {@code nextInt},
 * and through them every derived draw ({@code nextDouble}, bounded ints, {@code nextGaussian}) — but with a state
 * that can be read and restored, so that a chain's checkpoint continues exactly the stream it left
 * ({@link CheckpointableChain}). {@code SplittableRandom} hides its state, and the number of draws behind one
 * {@code nextGaussian} varies, so the stream cannot be replayed by counting.
 *
 * <p>Mutable; not thread-safe (one per chain).
 */
public final class SplitMix64 implements RandomGenerator {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;

    /** The stream of {@code new SplittableRandom(seed)}. */
    public SplitMix64(long seed) {
        this.seed = seed;
    }

    /** The state: restoring it with {@link #setState} continues the stream from here. */
    public long state() {
        return seed;
    }

    /** Continues the stream from a {@link #state()}. */
    public void setState(long state) {
        this.seed = state;
    }

    @Override
    public long nextLong() {
        long z = seed += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public int nextInt() {
        long z = seed += GOLDEN_GAMMA;
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }
}
