package org.distill4j.bayes.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.distill4j.bayes.model.BayesianLinearRegression;
import org.distill4j.bayes.model.LogDensity;
import org.junit.jupiter.api.Test;

/** Slice sampling against known Gaussians; divergent regions; seeds; bad configuration. */
class SliceSamplerTest {

    private static final long SEED = 5L;

    @Test
    void matchesASmallGaussianWithinMonteCarloError() {
        double[] mean = {1.0, -2.0};
        LogDensity target = TargetFixtures.gaussian(mean, 0.5);
        Samples samples = ChainRunner.run(c -> new SliceSampler(target, new double[] {3, 3},
                SliceConfig.builder().width(1.0).seed(SEED + c).build()), 2,
                RunConfig.builder().warmup(100).draws(3000).build());
        MomentChecks.assertMoments(samples, mean, new double[] {0.25, 0.25}, "slice seed " + SEED);
        assertThat(samples.divergences()).isZero();
        assertThat(samples.stats().get(0).acceptanceRate()).isEqualTo(1.0);
    }

    @Test
    void matchesTheConjugatePosterior() {
        BayesianLinearRegression model = TargetFixtures.linearRegression(SEED);
        double[][] cov = model.posteriorCovariance();
        Samples samples = ChainRunner.run(c -> new SliceSampler(model, new double[3],
                SliceConfig.builder().width(0.5).seed(SEED + c).build()), 2,
                RunConfig.builder().warmup(100).draws(3000).build());
        MomentChecks.assertMoments(samples, model.posteriorMean(), new double[] {cov[0][0], cov[1][1], cov[2][2]},
                "slice on linear regression");
    }

    @Test
    void nanRegionIsAvoidedAndCounted() {
        SliceSampler s = new SliceSampler(TargetFixtures.brokenAbove(0.5, 1), new double[] {0},
                SliceConfig.builder().width(2).seed(SEED).build());
        for (int i = 0; i < 200; i++) {
            assertThat(s.next()[0]).isLessThanOrEqualTo(0.5);
        }
        assertThat(s.stats().divergences()).isPositive();
    }

    @Test
    void sameSeedSameChain() {
        LogDensity g = TargetFixtures.gaussian(new double[3], 1);
        SliceSampler a = new SliceSampler(g, new double[3], SliceConfig.builder().seed(9).build());
        SliceSampler b = new SliceSampler(g, new double[3], SliceConfig.builder().seed(9).build());
        SliceSampler c = new SliceSampler(g, new double[3], SliceConfig.builder().seed(10).build());
        double[] last = null;
        for (int i = 0; i < 20; i++) {
            last = a.next();
            assertThat(b.next()).containsExactly(last);
        }
        assertThat(c.next()).isNotEqualTo(a.state());
        assertThat(a.stats().iterations()).isEqualTo(20);
    }

    @Test
    void rejectsBadConfigurationAndStart() {
        assertThatThrownBy(() -> SliceConfig.builder().width(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width");
        assertThatThrownBy(() -> SliceConfig.builder().width(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width");
        assertThatThrownBy(() -> SliceConfig.builder().maxStepsOut(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxStepsOut");
        LogDensity g = TargetFixtures.gaussian(new double[2], 1);
        assertThatThrownBy(() -> new SliceSampler(g, new double[1], SliceConfig.builder().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
        assertThatThrownBy(() -> new SliceSampler(TargetFixtures.brokenAbove(0, 1), new double[] {1},
                SliceConfig.builder().build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }
}
