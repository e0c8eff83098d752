package org.distill4j.bayes.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written backpropagation of the closed-form loss against float64 central differences. */
class GaussianMlpGradientTest {

    private static final long SEED = 5;

    @Test
    void gradientMatchesCentralDifferences() {
        for (int[] sizes : new int[][] {{3, 2}, {3, 5, 2}, {2, 4, 3, 2}}) {
            SplittableRandom rng = new SplittableRandom(SEED);
            double[] params = GaussianMlp.initialize(sizes, SEED);
            for (int i = 0; i < params.length; i++) {
                params[i] += 0.3 * GaussianMlp.gaussian(rng); // non-zero biases, away from ReLU kinks
            }
            int n = 4;
            double[] x = new double[n * sizes[0]];
            double[] m = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < x.length; i++) {
                x[i] = GaussianMlp.gaussian(rng);
            }
            for (int i = 0; i < n; i++) {
                m[i] = GaussianMlp.gaussian(rng);
                v[i] = 0.1 + rng.nextDouble();
            }
            double[] grad = new double[params.length];
            double loss = GaussianMlp.lossAndGradient(params, sizes, x, n, m, v, grad);
            assertThat(GaussianMlp.lossAndGradient(params, sizes, x, n, m, v, null)).isEqualTo(loss);
            double h = 1e-6;
            for (int k = 0; k < params.length; k++) {
                double[] plus = params.clone();
                double[] minus = params.clone();
                plus[k] += h;
                minus[k] -= h;
                double fd = (GaussianMlp.lossAndGradient(plus, sizes, x, n, m, v, null)
                        - GaussianMlp.lossAndGradient(minus, sizes, x, n, m, v, null)) / (2 * h);
                assertThat(grad[k]).as("parameter %s of sizes %s (seed %s)", k, java.util.Arrays.toString(sizes), SEED)
                        .isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
            }
        }
    }

    @Test
    void lossIsTheExpectedNegativeLogLikelihoodAndIsSmallestAtTheTarget() {
        int[] sizes = {1, 2};
        // a linear "network" with zero weights: mu = b0, alpha = b1
        double m = 0.7;
        double v = 0.3;
        double[] exact = {0, 0, m, Math.log(v)};
        double at = GaussianMlp.lossAndGradient(exact, sizes, new double[] {0.4}, 1, new double[] {m},
                new double[] {v}, null);
        assertThat(at).isCloseTo(0.5 * Math.log(2 * Math.PI * Math.E * v), within(1e-12)); // entropy of N(m, v)
        double[] off = {0, 0, m + 0.1, Math.log(v) + 0.1};
        assertThat(GaussianMlp.lossAndGradient(off, sizes, new double[] {0.4}, 1, new double[] {m},
                new double[] {v}, null)).isGreaterThan(at);
    }
}
