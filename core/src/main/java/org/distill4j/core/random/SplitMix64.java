package org.distill4j.core.random;

import java.util.random.RandomGenerator;

/**
 * The random stream of {@code new java.util.SplittableRandom(seed)} (SplitMix64: Steele, Lea &amp; Flood 2014,
 * <i>Fast splittable pseudorandom number generators</i>, OOPSLA), draw for draw — {@code nextLong}, {@code nextInt},
 * and through them every derived draw ({@code nextDouble}, bounded ints, {@code nextGaussian}) — but with a state
 * that can be read and restored, so that a checkpointed run (e.g. a Markov chain) continues exactly the stream it
 * left. {@code SplittableRandom} hides its state, and the number of draws behind one {@code nextGaussian} varies,
 * so the stream cannot be replayed by counting. {@link #fill} and {@link #nextOpenUnit} give uniform doubles in
 * {@code (0, 1)} — the top 53 bits of one output, {@code u = (k + ½) / 2^53} — for Bernoulli draws; filling an
 * array is a loop without dependencies between elements, which HotSpot compiles to vector code.
 *
 * <p>Mutable; not thread-safe (one per chain or thread).
 */
public final class SplitMix64 implements RandomGenerator {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double UNIT = 0x1.0p-53;

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

    /** The next uniform double in {@code (0, 1)}: {@code ((nextLong() >>> 11) + ½) / 2^53}. */
    public double nextOpenUnit() {
        return ((nextLong() >>> 11) + 0.5) * UNIT;
    }

    /** Fills {@code u[0..n)} with the next {@code n} values of {@link #nextOpenUnit()}, in one vectorisable loop. */
    public void fill(double[] u, int n) {
        long s = seed;
        for (int i = 0; i < n; i++) {
            long z = s + (i + 1) * GOLDEN_GAMMA;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            z = z ^ (z >>> 31);
            u[i] = ((z >>> 11) + 0.5) * UNIT;
        }
        seed = s + n * GOLDEN_GAMMA;
    }
}
