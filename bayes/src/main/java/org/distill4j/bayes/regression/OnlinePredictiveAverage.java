package org.distill4j.bayes.regression;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

/**
 * A running Monte-Carlo predictive density on fixed test points: after {@code S} calls of {@link #add} with the
 * Gaussian predictive {@code (μ_s(x_i), σ_s²(x_i))} of posterior sample {@code s}, {@link #logPredictiveDensities}
 * is {@code log (1/S) Σ_s N(y_i; μ_s, σ_s²)} — how Bayesian Dark Knowledge (Korattikara et al., NIPS 2015)
 * reports the SGLD teacher's test log-likelihood without storing its samples. Kept in log space (a running
 * log-sum-exp per point). Memory: two doubles per test point.
 *
 * <p>Mutable, not thread-safe.
 */
public final class OnlinePredictiveAverage {

    private final double[] targets;
    private final double[] logSum;
    private long count;

    /** @param targets the test targets {@code [n]}, finite; copied */
    public OnlinePredictiveAverage(double[] targets) {
        checkNotNull(targets, "targets");
        checkArgument(targets.length >= 1, "targets must hold at least 1 value, got 0");
        this.targets = RegressionInputs.targets(targets, targets.length, "targets");
        this.logSum = new double[targets.length];
        java.util.Arrays.fill(logSum, Double.NEGATIVE_INFINITY);
    }

    /**
     * Adds one sample's predictive.
     *
     * @param predictive row-major {@code [n, 2]}: mean and variance (> 0) per test point
     * @throws IllegalArgumentException for a wrong length, a non-finite mean or a non-positive variance
     */
    public void add(double[] predictive) {
        checkPredictive(predictive, targets.length);
        for (int i = 0; i < targets.length; i++) {
            double lp = RegressionInputs.logNormal(targets[i], predictive[2 * i], predictive[2 * i + 1]);
            double max = Math.max(logSum[i], lp);
            logSum[i] = max + Math.log(Math.exp(logSum[i] - max) + Math.exp(lp - max));
        }
        count++;
    }

    /** The number of samples added. */
    public long count() {
        return count;
    }

    /** {@code log (1/S) Σ_s N(y_i; μ_s, σ_s²)} per test point, a new array. */
    public double[] logPredictiveDensities() {
        checkState(count > 0, "no predictive has been added yet");
        double[] out = new double[targets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = logSum[i] - Math.log(count);
        }
        return out;
    }

    /** The mean over test points of {@link #logPredictiveDensities}. */
    public double meanLogLikelihood() {
        double sum = 0;
        for (double v : logPredictiveDensities()) {
            sum += v;
        }
        return sum / targets.length;
    }

    static void checkPredictive(double[] p, long rows) {
        checkNotNull(p, "predictive");
        checkArgument(p.length == 2 * rows, "the predictive must be [%s, 2] (mean, variance), got %s values", rows,
                p.length);
        for (int i = 0; i < rows; i++) {
            checkArgument(Double.isFinite(p[2 * i]), "predictive mean of row %s must be finite, got %s", (Object) i,
                    p[2 * i]);
            checkArgument(p[2 * i + 1] > 0 && Double.isFinite(p[2 * i + 1]),
                    "predictive variance of row %s must be finite and > 0, got %s", (Object) i, p[2 * i + 1]);
        }
    }
}
