package org.distill4j.bayes.sampler;

import java.util.SplittableRandom;
import org.distill4j.bayes.model.BayesianLinearRegression;
import org.distill4j.bayes.model.LogDensity;

/** Small targets shared by the sampler tests. */
final class TargetFixtures {

    private TargetFixtures() {
    }

    /** A conjugate linear regression: 40 rows, 3 features (the last a column of ones), noise variance 0.5. */
    static BayesianLinearRegression linearRegression(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 40;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = 0.5 * x[i][0] + rng.nextGaussian();
            x[i][2] = 1.0;
            y[i] = 1.5 * x[i][0] - 2 * x[i][1] + 0.3 + Math.sqrt(0.5) * rng.nextGaussian();
        }
        return BayesianLinearRegression.of(x, y, 10.0, 0.5);
    }

    /** An isotropic Gaussian N(mean, sd² I). */
    static LogDensity gaussian(double[] mean, double sd) {
        return new LogDensity() {
            @Override
            public int dimension() {
                return mean.length;
            }

            @Override
            public double logDensity(double[] theta, double[] gradient) {
                double lp = 0;
                for (int j = 0; j < mean.length; j++) {
                    double e = (theta[j] - mean[j]) / sd;
                    lp -= 0.5 * e * e;
                    if (gradient != null) {
                        gradient[j] = -e / sd;
                    }
                }
                return lp;
            }
        };
    }

    /** 1-D equal mixture of N(−m, 1) and N(m, 1). */
    static LogDensity bimodal(double m) {
        return new LogDensity() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double logDensity(double[] theta, double[] gradient) {
                double a = -0.5 * (theta[0] - m) * (theta[0] - m);
                double b = -0.5 * (theta[0] + m) * (theta[0] + m);
                double max = Math.max(a, b);
                double wa = Math.exp(a - max);
                double wb = Math.exp(b - max);
                if (gradient != null) {
                    gradient[0] = (wa * (m - theta[0]) + wb * (-m - theta[0])) / (wa + wb);
                }
                return max + Math.log(wa + wb);
            }
        };
    }

    /** A standard normal whose log-density is NaN where θ₀ > 1 (a broken model region). */
    static LogDensity brokenAbove(double limit, int d) {
        LogDensity base = gaussian(new double[d], 1.0);
        return new LogDensity() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public double logDensity(double[] theta, double[] gradient) {
                double lp = base.logDensity(theta, gradient);
                if (theta[0] > limit) {
                    if (gradient != null) {
                        gradient[0] = Double.NaN;
                    }
                    return Double.NaN;
                }
                return lp;
            }
        };
    }
}
