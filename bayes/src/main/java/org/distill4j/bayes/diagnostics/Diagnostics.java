package org.distill4j.bayes.diagnostics;

import java.util.Arrays;

/**
 * Summaries of MCMC output per parameter ({@link ParameterSummary}): mean, standard deviation, Monte-Carlo
 * standard error, ESS, split R-hat and quantiles. Stateless; thread-safe.
 */
public final class Diagnostics {

    private Diagnostics() {
    }

    /**
     * Summarises coordinate {@code index} given its {@code [chains][draws]} draws.
     *
     * @param index  the coordinate's index (recorded only)
     * @param chains at least one chain of at least 4 draws, equal lengths; not modified
     */
    public static ParameterSummary summarize(int index, double[][] chains) {
        EffectiveSampleSize.checkChains(chains);
        int n = chains[0].length;
        double[] all = new double[chains.length * n];
        for (int c = 0; c < chains.length; c++) {
            System.arraycopy(chains[c], 0, all, c * n, n);
        }
        double mean = EffectiveSampleSize.mean(all);
        double ss = 0;
        for (double v : all) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (all.length - 1));
        double ess = EffectiveSampleSize.multiChain(chains);
        double rhat = SplitRhat.of(chains);
        Arrays.sort(all);
        return new ParameterSummary(index, mean, sd, sd / Math.sqrt(ess), ess, rhat, quantile(all, 0.05),
                quantile(all, 0.5), quantile(all, 0.95));
    }

    /** The q-quantile of sorted values by linear interpolation (type 7, R's default). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
