package org.distill4j.bayes.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.distill4j.bayes.fixture.DensityTeacherChecks;
import org.junit.jupiter.api.Test;

/**
 * The mixture-of-Gaussians predictive against {@link DensityTeacherChecks} (core has no density-teacher contract;
 * these are the analogous checks of issue 8's battery), plus its own math.
 */
class MixturePredictiveTest extends DensityTeacherChecks<MixturePredictive> {

    private static final double[] W = {0.5, 0.5};

    @Override
    protected MixturePredictive newDensity() {
        return MixturePredictive.of(List.of(new double[] {-2, 2}, new double[] {-1, 3}, new double[] {0, 1}), W, 0.5);
    }

    @Test
    void isTheAverageOfTheSamplesMixtures() {
        MixturePredictive p = newDensity();
        double x = 0.7;
        double expected = (Math.exp(GaussianMixture.sharedVariance(W, new double[] {-2, 2}, 0.5).logDensity(x))
                + Math.exp(GaussianMixture.sharedVariance(W, new double[] {-1, 3}, 0.5).logDensity(x))
                + Math.exp(GaussianMixture.sharedVariance(W, new double[] {0, 1}, 0.5).logDensity(x))) / 3;
        assertThat(p.logDensity(x)).isCloseTo(Math.log(expected), within(1e-12));
        assertThat(p.memoryBytes()).isEqualTo(8 * 3 * 2);
        assertThat(p.sampleCount()).isEqualTo(3);
    }

    @Test
    void integratesToOneAndItsSamplesFollowIt() {
        MixturePredictive p = newDensity();
        GmmStudent single = new GmmStudent(GaussianMixture.sharedVariance(W, new double[] {-2, 2}, 0.5));
        assertThat(DensityKl.kl(p, p, -15, 15)).isCloseTo(0, within(1e-12));
        assertThat(DensityKl.kl(p, single, -15, 15)).isPositive();
        // the Monte-Carlo estimate of KL(p||p) from its own samples is exactly 0; KL(p||single) agrees with quadrature
        assertThat(DensityKl.monteCarloKl(p, single, 20_000, 3))
                .isCloseTo(DensityKl.kl(p, single, -15, 15), within(0.05));
    }

    @Test
    void rejectsBadBags() {
        assertThatThrownBy(() -> MixturePredictive.of(List.of(), W, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> MixturePredictive.of(List.of(new double[] {1, 2, 3}), W, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3").hasMessageContaining("2");
        assertThatThrownBy(() -> MixturePredictive.of(List.of(new double[] {1, Double.NaN}), W, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> MixturePredictive.of(List.of(new double[] {1, 2}), W, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variances");
        assertThatThrownBy(() -> MixturePredictive.of(List.of(new double[] {1, 2}), W, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 0");
    }
}
