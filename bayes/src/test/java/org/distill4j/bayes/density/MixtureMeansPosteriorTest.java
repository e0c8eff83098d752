package org.distill4j.bayes.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixtureMeansPosteriorTest {

    private static final long SEED = 31;
    private static final double[] W = {0.2, 0.3, 0.5};

    private static MixtureMeansPosterior posterior() {
        double[] data = MixtureMeansPosterior.generate(W, new double[] {-3, 0, 2}, 1.0, 50, SEED);
        return MixtureMeansPosterior.of(data, W, 1.0, 0.5, 10.0);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        MixtureMeansPosterior p = posterior();
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int trial = 0; trial < 5; trial++) {
            double[] theta = {rng.nextDouble(-5, 5), rng.nextDouble(-5, 5), rng.nextDouble(-5, 5)};
            double[] grad = new double[3];
            double value = p.logDensity(theta, grad);
            assertThat(p.logDensity(theta, null)).isEqualTo(value);
            for (int j = 0; j < 3; j++) {
                double h = 1e-5;
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[j] += h;
                minus[j] -= h;
                double fd = (p.logDensity(plus, null) - p.logDensity(minus, null)) / (2 * h);
                assertThat(grad[j]).as("d/dmu_%s at trial %s (seed %s)", j, trial, SEED)
                        .isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
            }
        }
    }

    @Test
    void logDensityMatchesTheDefinitionUpToAConstant() {
        MixtureMeansPosterior p = posterior();
        double[] data = MixtureMeansPosterior.generate(W, new double[] {-3, 0, 2}, 1.0, 50, SEED);
        double[] a = {-3, 0, 2};
        double[] b = {1, -1, 4};
        assertThat(p.logDensity(a, null) - p.logDensity(b, null))
                .isCloseTo(direct(data, a) - direct(data, b), within(1e-9));
    }

    private static double direct(double[] data, double[] mu) {
        double lp = 0;
        for (double m : mu) {
            lp += GaussianMixture.logNormal(m, 0.5, 10.0);
        }
        GaussianMixture g = GaussianMixture.sharedVariance(W, mu, 1.0);
        for (double x : data) {
            lp += g.logDensity(x);
        }
        return lp;
    }

    @Test
    void leavesThetaAloneAndAnswersNanForNonFiniteMeans() {
        MixtureMeansPosterior p = posterior();
        double[] theta = {0, 1, Double.NaN};
        double[] grad = new double[3];
        assertThat(p.logDensity(theta, grad)).isNaN();
        assertThat(grad).containsOnly(Double.NaN);
        assertThat(theta[1]).isEqualTo(1);
    }

    @Test
    void generatedDataDependOnlyOnTheSeed() {
        double[] a = MixtureMeansPosterior.generate(W, new double[] {-3, 0, 2}, 1.0, 20, SEED);
        assertThat(MixtureMeansPosterior.generate(W, new double[] {-3, 0, 2}, 1.0, 20, SEED)).containsExactly(a);
        assertThat(MixtureMeansPosterior.generate(W, new double[] {-3, 0, 2}, 1.0, 20, SEED + 1)).isNotEqualTo(a);
    }

    @Test
    void defaultsAreTheDocumentedThreeComponentModel() {
        MixtureMeansPosterior p = MixtureMeansPosterior.withDefaults(new double[] {1, 2});
        assertThat(p.dimension()).isEqualTo(3);
        assertThat(p.weights()).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
        assertThat(p.variance()).isEqualTo(1.0);
    }

    @Test
    void rejectsBadInputs() {
        assertThatThrownBy(() -> MixtureMeansPosterior.of(new double[0], W, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data");
        assertThatThrownBy(() -> MixtureMeansPosterior.of(new double[] {1, Double.NaN}, W, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data[1]");
        assertThatThrownBy(() -> MixtureMeansPosterior.of(new double[] {1}, W, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variances");
        assertThatThrownBy(() -> MixtureMeansPosterior.of(new double[] {1}, W, 1, 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priorVariance");
        assertThatThrownBy(() -> MixtureMeansPosterior.of(new double[] {1}, new double[] {0.5, 0.6}, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> posterior().logDensity(new double[2], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3").hasMessageContaining("2");
        assertThatThrownBy(() -> posterior().logDensity(new double[3], new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gradient");
    }
}
