package org.distill4j.bayes.diagnostics;

/**
 * The split potential scale reduction factor R-hat (Gelman et al., <i>Bayesian Data Analysis</i> 3rd ed., §11.4,
 * eqs. 11.2–11.4; Vehtari et al. 2021, Bayesian Analysis 16(2), eq. 4, without rank normalisation): each chain is
 * cut into halves (the middle draw dropped when odd), and with W the mean within-half variance and B/n the variance
 * of the half means, {@code R̂ = sqrt(((n−1)/n · W + B/n) / W)}. Values near 1 (below about 1.01) indicate mixing;
 * chains stuck in different modes give R̂ ≫ 1. Stateless; thread-safe.
 */
public final class SplitRhat {

    private SplitRhat() {
    }

    /**
     * Split R-hat of {@code [chains][draws]} draws of one scalar.
     *
     * @param chains at least one chain of at least 4 draws, equal lengths; not modified
     * @return R̂ (NaN when every half is constant)
     */
    public static double of(double[][] chains) {
        EffectiveSampleSize.checkChains(chains);
        int half = chains[0].length / 2;
        int odd = chains[0].length % 2;
        int m = 2 * chains.length;
        double[] means = new double[m];
        double w = 0;
        for (int c = 0; c < chains.length; c++) {
            for (int h = 0; h < 2; h++) {
                int from = h * (half + odd);
                double mean = 0;
                for (int i = 0; i < half; i++) {
                    mean += chains[c][from + i];
                }
                mean /= half;
                double var = 0;
                for (int i = 0; i < half; i++) {
                    double e = chains[c][from + i] - mean;
                    var += e * e;
                }
                means[2 * c + h] = mean;
                w += var / (half - 1);
            }
        }
        w /= m;
        double grand = EffectiveSampleSize.mean(means);
        double b = 0;
        for (double mu : means) {
            b += (mu - grand) * (mu - grand);
        }
        b /= m - 1; // = B / n
        if (!(w > 0)) {
            return Double.NaN;
        }
        return Math.sqrt(((half - 1.0) / half * w + b) / w);
    }
}
