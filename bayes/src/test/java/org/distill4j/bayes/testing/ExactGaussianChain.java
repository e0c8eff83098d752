package org.distill4j.bayes.testing;

import java.util.SplittableRandom;
import org.distill4j.bayes.sampler.MarkovChain;

/**
 * Test fixture: a "chain" whose every transition is an independent exact draw from a known Gaussian posterior
 * {@code N(mean, diag(sd²))}, seeded; optionally throws from a given call of {@link #next()} on.
 */
public final class ExactGaussianChain implements MarkovChain {

    /** The message of the exception thrown from the failing call on. */
    public static final String MESSAGE = "chain failed on transition ";

    private final double[] mean;
    private final double[] sd;
    private final SplittableRandom rng;
    private final long failingCall;
    private double[] state;
    private long calls;

    /** A chain that never fails. */
    public ExactGaussianChain(double[] mean, double[] sd, long seed) {
        this(mean, sd, seed, Long.MAX_VALUE);
    }

    /** A chain whose {@code failingCall}-th and later calls of {@link #next()} throw. */
    public ExactGaussianChain(double[] mean, double[] sd, long seed, long failingCall) {
        this.mean = mean.clone();
        this.sd = sd.clone();
        this.rng = new SplittableRandom(seed);
        this.failingCall = failingCall;
        this.state = mean.clone();
    }

    @Override
    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] state() {
        return state.clone();
    }

    @Override
    public double[] next() {
        calls++;
        if (calls >= failingCall) {
            throw new IllegalStateException(MESSAGE + calls);
        }
        double[] s = new double[mean.length];
        for (int j = 0; j < s.length; j++) {
            double u1 = rng.nextDouble();
            while (u1 <= 0) {
                u1 = rng.nextDouble();
            }
            s[j] = mean[j] + sd[j] * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        state = s;
        return s.clone();
    }

    /** The number of transitions made. */
    public long calls() {
        return calls;
    }
}
