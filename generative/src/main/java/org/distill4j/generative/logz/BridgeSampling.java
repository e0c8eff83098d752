package org.distill4j.generative.logz;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.distill4j.core.DensityTeacher;
import org.distill4j.generative.math.LogMath;
import org.distill4j.generative.nade.Nade;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bridge sampling of a partition function (Meng and Wong 1996) between a target known up to {@code Z} and a
 * normalised proposal, with samples from both (Papamakarios 2015, arXiv:1510.02437, ch. 4: RBM samples from Gibbs
 * chains and NADE samples). With {@code l(x) = p~(x)/q(x)}, {@code n1} target samples {@code y}, {@code n2}
 * proposal samples {@code x}, {@code s_k = n_k / (n1 + n2)}, the optimal bridge estimate is the fixed point of
 * <pre>
 *   r ← [ (1/n2) Σ_j l(x_j) / (s1 l(x_j) + s2 r) ] / [ (1/n1) Σ_i 1 / (s1 l(y_i) + s2 r) ]
 * </pre>
 * iterated in log space from the importance-sampling estimate. Its relative error is estimated as in
 * Frühwirth-Schnatter (2004): {@code RE² = Var(f2)/(n2 E(f2)²) + Var(f1)/(n1 E(f1)²)} for the numerator and
 * denominator terms, treating the samples as independent (run the target's chains long enough between samples,
 * e.g. one sample per persistent chain); it is the standard error of {@code log Ẑ}. Bridge sampling is robust where
 * importance sampling is not: it also looks where the target has mass and the proposal little.
 *
 * <p>Stateless and thread-safe; nothing given is modified.
 */
public final class BridgeSampling {

    /** Iterations of the fixed point at most. */
    static final int MAX_ITERATIONS = 1000;

    /** Convergence tolerance on {@code log r}. */
    static final double TOLERANCE = 1e-12;

    private BridgeSampling() {
    }

    /**
     * Estimates {@code log Z} of {@code target} from its samples and {@code proposalSamples} fresh NADE samples.
     *
     * @param targetSamples {@code [n1, D]} binary samples of the target (e.g. persistent Gibbs chain states),
     *     n1 ≥ 2; not modified
     * @param proposalSamples n2 ≥ 2
     */
    public static LogZEstimate estimate(DensityTeacher target, INDArray targetSamples, Nade proposal,
            int proposalSamples, long seed) {
        checkNotNull(target, "target");
        checkNotNull(targetSamples, "targetSamples");
        checkNotNull(proposal, "proposal");
        checkArgument(targetSamples.rank() == 2 && targetSamples.rows() >= 2
                && targetSamples.columns() == target.inputSize(), "targetSamples must be [n1, %s] with n1 >= 2, got "
                + "shape %s", target.inputSize(), Arrays.toString(targetSamples.shape()));
        long t0 = System.nanoTime();
        double[] proposalLogRatios = ImportanceSampling.logWeights(target, proposal, proposalSamples, seed);
        double[] targetLogRatios = target.unnormalizedLogDensity(targetSamples).subi(proposal.logProbability(
                targetSamples)).toDoubleVector();
        LogZEstimate e = fromLogRatios(targetLogRatios, proposalLogRatios);
        return new LogZEstimate(e.method(), e.logZ(), e.standardError(), e.effectiveSampleSize(), e.samples(),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The estimate from the log-ratios {@code log p~ − log q} at the target's and at the proposal's samples.
     *
     * @param targetLogRatios at least 2 finite values
     * @param proposalLogRatios at least 2 values, not all {@code −∞}, none NaN or {@code +∞}
     * @throws IllegalArgumentException on too few or invalid values
     */
    public static LogZEstimate fromLogRatios(double[] targetLogRatios, double[] proposalLogRatios) {
        checkNotNull(targetLogRatios, "targetLogRatios");
        checkNotNull(proposalLogRatios, "proposalLogRatios");
        checkArgument(targetLogRatios.length >= 2 && proposalLogRatios.length >= 2, "bridge sampling needs at least "
                + "2 samples from each side, got %s target and %s proposal samples", targetLogRatios.length,
                proposalLogRatios.length);
        for (int i = 0; i < targetLogRatios.length; i++) {
            checkArgument(Double.isFinite(targetLogRatios[i]), "targetLogRatios[%s] must be finite (a target sample "
                    + "where the target or the proposal has no mass), got %s", (Integer) i,
                    (Double) targetLogRatios[i]);
        }
        LogMath.checkedMax(proposalLogRatios, "proposal log-ratios");
        int n1 = targetLogRatios.length;
        int n2 = proposalLogRatios.length;
        double logS1 = Math.log((double) n1 / (n1 + n2));
        double logS2 = Math.log((double) n2 / (n1 + n2));
        double logR = LogMath.logMeanExp(proposalLogRatios);
        double[] numerator = new double[n2];
        double[] denominator = new double[n1];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            terms(proposalLogRatios, targetLogRatios, logS1, logS2, logR, numerator, denominator);
            double next = LogMath.logMeanExp(numerator) - LogMath.logMeanExp(denominator);
            boolean done = Math.abs(next - logR) < TOLERANCE;
            logR = next;
            if (done) {
                break;
            }
        }
        terms(proposalLogRatios, targetLogRatios, logS1, logS2, logR, numerator, denominator);
        double se = Math.sqrt(relativeVariance(numerator) / n2 + relativeVariance(denominator) / n1);
        return new LogZEstimate("bridge sampling", logR, se, LogMath.effectiveSampleSize(proposalLogRatios), n1 + n2,
                0);
    }

    /** log of l/(s1 l + s2 r) at the proposal's samples and of 1/(s1 l + s2 r) at the target's. */
    private static void terms(double[] proposal, double[] target, double logS1, double logS2, double logR,
            double[] numerator, double[] denominator) {
        double b = logS2 + logR;
        for (int j = 0; j < proposal.length; j++) {
            numerator[j] = proposal[j] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
                    : proposal[j] - logAddExp(logS1 + proposal[j], b);
        }
        for (int i = 0; i < target.length; i++) {
            denominator[i] = -logAddExp(logS1 + target[i], b);
        }
    }

    /** Var(w)/E(w)² of weights given by their logs (0 for constant weights). */
    private static double relativeVariance(double[] logTerms) {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : logTerms) {
            max = Math.max(max, t);
        }
        double mean = 0;
        for (double t : logTerms) {
            mean += Math.exp(t - max);
        }
        mean /= logTerms.length;
        double ss = 0;
        for (double t : logTerms) {
            double d = Math.exp(t - max) - mean;
            ss += d * d;
        }
        return ss / (logTerms.length - 1) / (mean * mean);
    }

    private static double logAddExp(double a, double b) {
        double m = Math.max(a, b);
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }
}
