package org.distill4j.bayes.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.distill4j.bayes.diagnostics.EffectiveSampleSize;

/** Checks that draws match a known mean and variance within Monte-Carlo error (error bars from the ESS). */
final class MomentChecks {

    /** Allowed error in Monte-Carlo standard errors (several coordinates are checked). */
    static final double Z = 4.5;

    private MomentChecks() {
    }

    /**
     * For each coordinate j: the mean of the draws is within Z MCSE of {@code mean[j]}, and the mean of
     * {@code (θ_j − mean_j)²} is within Z of its own MCSE of {@code variance[j]}.
     */
    static void assertMoments(Samples samples, double[] mean, double[] variance, String what) {
        for (int j = 0; j < mean.length; j++) {
            double[][] x = samples.parameter(j);
            double[][] sq = new double[x.length][x[0].length];
            for (int c = 0; c < x.length; c++) {
                for (int i = 0; i < x[c].length; i++) {
                    double e = x[c][i] - mean[j];
                    sq[c][i] = e * e;
                }
            }
            double[] m = moments(x);
            double[] v = moments(sq);
            double mcseMean = Math.sqrt(m[1] / EffectiveSampleSize.multiChain(x));
            double mcseVar = Math.sqrt(v[1] / EffectiveSampleSize.multiChain(sq));
            assertThat(m[0]).as("%s: mean of θ%s (mcse %s)", what, j, mcseMean).isCloseTo(mean[j],
                    within(Z * mcseMean));
            assertThat(v[0]).as("%s: variance of θ%s (mcse %s)", what, j, mcseVar).isCloseTo(variance[j],
                    within(Z * mcseVar));
        }
    }

    /** Mean and variance of all values. */
    private static double[] moments(double[][] x) {
        double s = 0;
        int n = 0;
        for (double[] row : x) {
            for (double v : row) {
                s += v;
                n++;
            }
        }
        double m = s / n;
        double ss = 0;
        for (double[] row : x) {
            for (double v : row) {
                ss += (v - m) * (v - m);
            }
        }
        return new double[] {m, ss / (n - 1)};
    }
}
