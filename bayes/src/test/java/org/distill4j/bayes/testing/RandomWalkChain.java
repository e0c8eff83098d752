package org.distill4j.bayes.testing;

import java.util.SplittableRandom;
import org.distill4j.bayes.model.LogDensity;
import org.distill4j.bayes.sampler.MarkovChain;

/** A test double: random-walk Metropolis over a {@link LogDensity}, seeded. */
public final class RandomWalkChain implements MarkovChain {

    private final LogDensity target;
    private final double step;
    private final SplittableRandom rng;
    private double[] state;
    private double logp;

    public RandomWalkChain(LogDensity target, double[] start, double step, long seed) {
        this.target = target;
        this.step = step;
        this.rng = new SplittableRandom(seed);
        this.state = start.clone();
        this.logp = target.logDensity(state, null);
    }

    @Override
    public int dimension() {
        return state.length;
    }

    @Override
    public double[] state() {
        return state.clone();
    }

    @Override
    public double[] next() {
        double[] proposal = state.clone();
        for (int i = 0; i < proposal.length; i++) {
            proposal[i] += step * Gaussians.standard(rng);
        }
        double lp = target.logDensity(proposal, null);
        if (Math.log(rng.nextDouble()) < lp - logp) {
            state = proposal;
            logp = lp;
        }
        return state.clone();
    }
}
