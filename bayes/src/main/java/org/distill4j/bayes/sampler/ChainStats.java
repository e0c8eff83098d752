package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * What a chain reports about its own run so far: iterations done (of which warm-up), acceptance rate over the
 * post-warm-up iterations (over all iterations while still warming up), divergent transitions, log-density
 * (gradient) evaluations and the current step size.
 *
 * @param iterations          transitions performed, warm-up included
 * @param warmupIterations    of which warm-up (adaptation) transitions
 * @param acceptanceRate      mean Metropolis acceptance probability, in [0, 1] (1 for SGLD except divergences;
 *                            for slice sampling, the fraction of non-divergent updates)
 * @param divergences         proposals rejected after warm-up because the log-density or gradient was non-finite
 *                            (HMC also counts energy errors above {@link Hmc#DIVERGENCE_ENERGY})
 * @param warmupDivergences   the same during warm-up (common while the step size is still being tuned)
 * @param gradientEvaluations evaluations of the log-density (with gradient for HMC and SGLD), all iterations
 * @param stepSize            the current step size (HMC leapfrog ε, SGLD ε_t, slice initial width)
 */
public record ChainStats(long iterations, long warmupIterations, double acceptanceRate, long divergences,
        long warmupDivergences, long gradientEvaluations, double stepSize) {

    /** Validates. */
    public ChainStats {
        checkArgument(iterations >= 0 && warmupIterations >= 0 && warmupIterations <= iterations,
                "need 0 <= warmupIterations <= iterations, got %s and %s", warmupIterations, iterations);
        checkArgument(acceptanceRate >= 0 && acceptanceRate <= 1 || Double.isNaN(acceptanceRate),
                "acceptanceRate must be in [0, 1], got %s", acceptanceRate);
        checkArgument(divergences >= 0 && warmupDivergences >= 0 && gradientEvaluations >= 0,
                "counts must be >= 0, got %s, %s and %s", divergences, warmupDivergences, gradientEvaluations);
    }
}
