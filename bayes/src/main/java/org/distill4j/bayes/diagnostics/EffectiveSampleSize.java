package org.distill4j.bayes.diagnostics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Effective sample size of MCMC draws with Geyer's initial monotone sequence estimator (Geyer 1992, Statist. Sci.
 * 7, §3.3): the autocorrelations are summed in pairs {@code Γ_k = ρ_{2k} + ρ_{2k+1}} up to the first non-positive
 * pair, the pairs made monotone non-increasing, and {@code ESS = n / (−1 + 2 Σ_k Γ_k)}.
 *
 * <p>{@link #singleChain} matches {@code ess_imse} of {@code shared/bench/hmc_blr.py} (biased autocovariances,
 * {@code ρ_t = γ_t/γ_0}); {@link #multiChain} is the multi-chain form of Vehtari et al. 2021 (eq. 10; Stan's
 * {@code ess}), where {@code ρ_t = 1 − (W − mean_m γ_{m,t}) / var⁺} pools the chains' autocovariances and the
 * between-chain variance. Autocovariances are computed lag by lag only up to the truncation point, so the cost is
 * {@code O(n · lags)}. Constant draws give NaN. Stateless; thread-safe.
 */
public final class EffectiveSampleSize {

    private EffectiveSampleSize() {
    }

    /**
     * The ESS of one chain.
     *
     * @param x the draws of one scalar, at least 4, not modified
     * @return the effective sample size, NaN if the draws are constant
     */
    public static double singleChain(double[] x) {
        checkNotNull(x, "x");
        checkArgument(x.length >= 4, "need at least 4 draws, got %s", x.length);
        int n = x.length;
        double[] c = centred(x);
        double g0 = autocovariance(c, 0);
        if (!(g0 > 0)) {
            return Double.NaN;
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; 2 * k + 1 < n; k++) {
            double pair = (autocovariance(c, 2 * k) + autocovariance(c, 2 * k + 1)) / g0;
            if (pair <= 0) {
                break;
            }
            min = Math.min(min, pair);
            sum += min;
        }
        return n / (-1.0 + 2.0 * sum);
    }

    /**
     * The multi-chain ESS (Vehtari et al. 2021) of {@code [chains][draws]} draws of one scalar.
     *
     * @param chains at least one chain of at least 4 draws each, all the same length; not modified
     * @return the effective sample size of all draws together, NaN if they are constant
     */
    public static double multiChain(double[][] chains) {
        checkChains(chains);
        int m = chains.length;
        int n = chains[0].length;
        double[][] c = new double[m][];
        double[] means = new double[m];
        double w = 0;
        double[] g0 = new double[m];
        for (int j = 0; j < m; j++) {
            means[j] = mean(chains[j]);
            c[j] = centred(chains[j]);
            g0[j] = autocovariance(c[j], 0);
            w += g0[j] * n / (n - 1.0);
        }
        w /= m;
        double grand = mean(means);
        double betweenOverN = 0;
        if (m > 1) {
            for (double mu : means) {
                betweenOverN += (mu - grand) * (mu - grand);
            }
            betweenOverN /= m - 1;
        }
        double varPlus = (n - 1.0) / n * w + betweenOverN;
        if (!(varPlus > 0)) {
            return Double.NaN;
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; 2 * k + 1 < n; k++) {
            double pair = rho(c, 2 * k, w, varPlus) + rho(c, 2 * k + 1, w, varPlus);
            if (pair <= 0) {
                break;
            }
            min = Math.min(min, pair);
            sum += min;
        }
        return (double) m * n / (-1.0 + 2.0 * sum);
    }

    private static double rho(double[][] c, int lag, double w, double varPlus) {
        double mean = 0;
        for (double[] chain : c) {
            mean += autocovariance(chain, lag);
        }
        mean /= c.length;
        return 1.0 - (w - mean) / varPlus;
    }

    static void checkChains(double[][] chains) {
        checkNotNull(chains, "chains");
        checkArgument(chains.length >= 1, "need at least one chain");
        for (int j = 0; j < chains.length; j++) {
            checkNotNull(chains[j], "chains[%s]", j);
            checkArgument(chains[j].length >= 4, "each chain needs at least 4 draws, chain %s has %s", j,
                    chains[j].length);
            checkArgument(chains[j].length == chains[0].length, "chains must have equal lengths: %s and %s",
                    chains[0].length, chains[j].length);
        }
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double[] centred(double[] x) {
        double m = mean(x);
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i] - m;
        }
        return c;
    }

    /** The biased autocovariance {@code (1/n) Σ_{i<n−t} c_i c_{i+t}} of centred draws. */
    private static double autocovariance(double[] c, int lag) {
        double s0 = 0;
        double s1 = 0;
        int n = c.length;
        int i = 0;
        for (; i + 1 < n - lag; i += 2) {
            s0 += c[i] * c[i + lag];
            s1 += c[i + 1] * c[i + 1 + lag];
        }
        if (i < n - lag) {
            s0 += c[i] * c[i + lag];
        }
        return (s0 + s1) / n;
    }
}
