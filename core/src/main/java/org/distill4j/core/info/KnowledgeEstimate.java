package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * What a teacher representation T can still teach a student representation S about a task Y, and what it
 * already has (P. Dissanayake et al., <i>Quantifying Knowledge Distillation Using Partial Information
 * Decomposition</i>, AISTATS 2025, arXiv:2411.07483): the <b>distillable knowledge</b> Uni(Y:T\S) and the
 * <b>distilled knowledge</b> Red(Y:T,S), in bits, estimated by a {@link KnowledgeEstimator}, with percentile
 * bootstrap intervals. Immutable.
 *
 * @param route how the representations were reduced to a distribution
 * @param atoms the full decomposition on all samples, in bits
 * @param distillable {@code atoms.uniqueT()}
 * @param distillableInterval its bootstrap interval
 * @param distilled {@code atoms.redundancy()}
 * @param distilledInterval its bootstrap interval
 * @param samples the number of labelled samples
 * @param replicates the number of bootstrap replicates (0: the intervals are the point estimates)
 * @param seed the seed of the clustering and the bootstrap
 */
public record KnowledgeEstimate(KnowledgeEstimator.Route route, PidAtoms atoms, double distillable,
        Interval distillableInterval, double distilled, Interval distilledInterval, int samples, int replicates,
        long seed) {

    /** Checks the fields. */
    public KnowledgeEstimate {
        checkNotNull(route, "route");
        checkNotNull(atoms, "atoms");
        checkNotNull(distillableInterval, "distillableInterval");
        checkNotNull(distilledInterval, "distilledInterval");
        checkArgument(samples >= 1, "samples must be >= 1, got %s", samples);
        checkArgument(replicates >= 0, "replicates must be >= 0, got %s", replicates);
    }

    /**
     * A two-sided percentile interval.
     *
     * @param lower the {@code (1 − level)/2} quantile of the bootstrap replicates
     * @param upper the {@code (1 + level)/2} quantile
     * @param level the confidence level in (0, 1)
     */
    public record Interval(double lower, double upper, double level) {

        /** Checks that lower ≤ upper and the level is in (0, 1). */
        public Interval {
            checkArgument(lower <= upper, "lower must be <= upper, got %s > %s", lower, upper);
            checkArgument(level > 0 && level < 1, "level must be in (0, 1), got %s", level);
        }

        /** Whether {@code value} lies in {@code [lower, upper]}. */
        public boolean contains(double value) {
            return value >= lower && value <= upper;
        }
    }
}
