package org.distill4j.generative.logz;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.SplittableRandom;
import org.distill4j.core.DensityTeacher;
import org.distill4j.generative.math.LogMath;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.nade.NadeSamples;

/**
 * Importance sampling of a partition function with a normalised, tractable proposal (Papamakarios 2015,
 * arXiv:1510.02437, ch. 4: a NADE distilled from the RBM):
 * <pre>
 *   log Ẑ = log (1/n) Σ_i p~(x_i) / q(x_i),   x_i ~ q
 * </pre>
 * unbiased in {@code Ẑ}, with standard error {@code sd(w) / (sqrt(n) mean(w))} on the log scale (delta method)
 * and Kish's effective sample size of the weights. The proposal's log-densities come out of ancestral sampling, so
 * each sample costs one NADE sample and one target evaluation.
 *
 * <p>Stateless and thread-safe; the target and proposal are not modified.
 */
public final class ImportanceSampling {

    /** Samples per chunk, bounding memory. */
    static final int CHUNK = 2048;

    private ImportanceSampling() {
    }

    /**
     * Estimates {@code log Z} of {@code target} with {@code samples} draws from {@code proposal}.
     *
     * @param target the unnormalised density, e.g. an RBM
     * @param proposal a NADE over the same variables
     * @param samples at least 2
     * @throws IllegalArgumentException on size mismatch, or if every weight is zero
     */
    public static LogZEstimate estimate(DensityTeacher target, Nade proposal, int samples, long seed) {
        long t0 = System.nanoTime();
        double[] logWeights = logWeights(target, proposal, samples, seed);
        return fromLogWeights(logWeights, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The log importance weights {@code log p~(x_i) − log q(x_i)} of {@code samples} draws {@code x_i ~ q}.
     *
     * @param samples at least 1
     */
    public static double[] logWeights(DensityTeacher target, Nade proposal, int samples, long seed) {
        checkNotNull(target, "target");
        checkNotNull(proposal, "proposal");
        checkArgument(samples >= 1, "samples must be >= 1, got %s", samples);
        checkArgument(target.inputSize() == proposal.inputSize(), "the target has %s variables but the proposal has "
                + "%s", target.inputSize(), proposal.inputSize());
        double[] out = new double[samples];
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int from = 0; from < samples; from += CHUNK) {
            int m = Math.min(CHUNK, samples - from);
            NadeSamples s = proposal.sampleWithLogProbabilities(m, seeds.nextLong());
            double[] logp = target.unnormalizedLogDensity(s.samples()).toDoubleVector();
            double[] logq = s.logProbabilities();
            for (int i = 0; i < m; i++) {
                out[from + i] = logp[i] - logq[i];
            }
        }
        return out;
    }

    /**
     * The estimate from log importance weights.
     *
     * @param logWeights at least 2 values, not all {@code −∞}, none NaN or {@code +∞}
     * @param seconds the time it took to get them, for the record
     * @throws IllegalArgumentException if there are fewer than 2 weights, or all are {@code −∞} (every weight
     *     zero: the estimate would be {@code log 0})
     */
    public static LogZEstimate fromLogWeights(double[] logWeights, double seconds) {
        checkNotNull(logWeights, "logWeights");
        checkArgument(logWeights.length >= 2, "importance sampling needs at least 2 samples for its standard error, "
                + "got %s", logWeights.length);
        LogMath.checkedMax(logWeights, "importance log-weights");
        return new LogZEstimate("importance sampling", LogMath.logMeanExp(logWeights),
                LogMath.logMeanExpStandardError(logWeights), LogMath.effectiveSampleSize(logWeights),
                logWeights.length, seconds);
    }
}
