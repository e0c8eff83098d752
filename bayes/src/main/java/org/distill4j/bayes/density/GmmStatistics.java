package org.distill4j.bayes.density;

import java.util.Arrays;

/**
 * The expected sufficient statistics of a 1-D Gaussian mixture, {@code s0_k = E[r_k]}, {@code s1_k = E[r_k x]},
 * {@code s2_k = E[r_k x²]}, with the E-step that accumulates them and the M-step that maps them to parameters.
 * Batch EM averages them over a sample; stepwise EM (Cappé &amp; Moulines 2009, eq. 5) moves them by
 * {@code s ← (1 − γ) s + γ ŝ(x)}. Mutable, not thread-safe; one per run.
 */
final class GmmStatistics {

    final double[] s0;
    final double[] s1;
    final double[] s2;
    private final double[] r;

    GmmStatistics(int k) {
        s0 = new double[k];
        s1 = new double[k];
        s2 = new double[k];
        r = new double[k];
    }

    /** The statistics that {@code mixture} would produce on its own samples (its "expected" statistics). */
    static GmmStatistics of(GaussianMixture mixture) {
        int k = mixture.components();
        GmmStatistics s = new GmmStatistics(k);
        double[] w = mixture.weights();
        double[] m = mixture.means();
        double[] v = mixture.variances();
        for (int j = 0; j < k; j++) {
            s.s0[j] = w[j];
            s.s1[j] = w[j] * m[j];
            s.s2[j] = w[j] * (v[j] + m[j] * m[j]);
        }
        return s;
    }

    void clear() {
        Arrays.fill(s0, 0);
        Arrays.fill(s1, 0);
        Arrays.fill(s2, 0);
    }

    /**
     * Adds {@code weight · ŝ(x)} under {@code mixture} after scaling the current statistics by {@code keep}.
     *
     * @return {@code log q(x)} under {@code mixture}
     */
    double update(GaussianMixture mixture, double x, double keep, double weight) {
        double logq = mixture.responsibilities(x, r);
        for (int j = 0; j < r.length; j++) {
            s0[j] = keep * s0[j] + weight * r[j];
            s1[j] = keep * s1[j] + weight * r[j] * x;
            s2[j] = keep * s2[j] + weight * r[j] * x * x;
        }
        return logq;
    }

    /**
     * The M-step: weights {@code s0/Σs0}, means {@code s1/s0}, variances {@code max(s2/s0 − m², floor)}. A
     * component whose share fell below {@code 1e-12} keeps its previous mean and variance and a tiny weight.
     */
    GaussianMixture maximise(GaussianMixture previous, double varianceFloor) {
        int k = s0.length;
        double total = 0;
        for (double v : s0) {
            total += Math.max(v, 0);
        }
        double[] w = new double[k];
        double[] m = previous.means();
        double[] v = previous.variances();
        double wsum = 0;
        for (int j = 0; j < k; j++) {
            double share = Math.max(s0[j], 0) / total;
            if (share > 1e-12) {
                m[j] = s1[j] / s0[j];
                v[j] = Math.max(s2[j] / s0[j] - m[j] * m[j], varianceFloor);
            }
            w[j] = Math.max(share, 1e-12);
            wsum += w[j];
        }
        for (int j = 0; j < k; j++) {
            w[j] /= wsum;
        }
        return GaussianMixture.of(w, m, v);
    }

    /**
     * A starting mixture for {@code x}: equal weights, means at the quantiles {@code (k + ½)/K} of the sorted
     * values, and each variance the sample variance over {@code K²} (at least {@code floor}). Deterministic.
     */
    static GaussianMixture initial(double[] x, int k, double varianceFloor) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / x.length;
        }
        double[] w = new double[k];
        double[] m = new double[k];
        double[] v = new double[k];
        for (int j = 0; j < k; j++) {
            w[j] = 1.0 / k;
            m[j] = sorted[(int) Math.min(sorted.length - 1, Math.floor((j + 0.5) / k * sorted.length))];
            v[j] = Math.max(var / ((double) k * k), varianceFloor);
        }
        return GaussianMixture.of(w, m, v);
    }
}
