package org.distill4j.generative.rbm;

/**
 * A seeded stream of uniform doubles in {@code (0, 1)} for the Bernoulli draws of Gibbs sampling: SplitMix64
 * (Steele, Lea and Flood 2014, the generator behind {@link java.util.SplittableRandom}), one 64-bit output per
 * value, of which the top 53 bits give {@code u = (k + ½) / 2^53}. Filling an array is a loop without
 * dependencies between elements, which HotSpot compiles to vector code; the same seed gives the same values.
 *
 * <p>Mutable, not thread-safe: one stream per thread.
 */
public final class UniformStream {

    private static final long GAMMA = 0x9e3779b97f4a7c15L;
    private static final double UNIT = 0x1.0p-53;

    private long state;

    /** @param seed any value */
    public UniformStream(long seed) {
        this.state = seed;
    }

    /** Fills {@code u[0..n)} with the next {@code n} values of the stream. */
    public void fill(double[] u, int n) {
        long s = state;
        for (int i = 0; i < n; i++) {
            long z = s + (i + 1) * GAMMA;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            z = z ^ (z >>> 31);
            u[i] = ((z >>> 11) + 0.5) * UNIT;
        }
        state = s + n * GAMMA;
    }

    /** The next value. */
    public double next() {
        state += GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = z ^ (z >>> 31);
        return ((z >>> 11) + 0.5) * UNIT;
    }
}
