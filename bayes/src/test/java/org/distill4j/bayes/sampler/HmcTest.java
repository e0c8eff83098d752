package org.distill4j.bayes.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.distill4j.bayes.diagnostics.ParameterSummary;
import org.distill4j.bayes.diagnostics.SplitRhat;
import org.distill4j.bayes.model.BayesianLinearRegression;
import org.distill4j.bayes.model.LogDensity;
import org.junit.jupiter.api.Test;

/** HMC against the exact conjugate posterior; adaptation; divergences; seeds; bad configuration. */
class HmcTest {

    private static final long SEED = 42L;

    private static HmcConfig config(long seed) {
        return HmcConfig.builder().leapfrogSteps(10).stepSize(0.05).warmup(400).seed(seed).build();
    }

    @Test
    void matchesTheExactConjugatePosteriorWithinMonteCarloError() {
        BayesianLinearRegression model = TargetFixtures.linearRegression(SEED);
        double[] mean = model.posteriorMean();
        double[][] cov = model.posteriorCovariance();
        double[] variance = {cov[0][0], cov[1][1], cov[2][2]};
        Samples samples = ChainRunner.run(c -> new Hmc(model, new double[3], config(SEED + c)), 2,
                RunConfig.builder().warmup(400).draws(2000).threads(2).build());
        MomentChecks.assertMoments(samples, mean, variance, "HMC seed " + SEED);
        for (ChainStats s : samples.stats()) {
            // the averaged step of dual averaging is conservative: acceptance lands at or above the 0.8 target
            assertThat(s.acceptanceRate()).as("dual averaging towards 0.8").isBetween(0.6, 0.98);
            assertThat(s.divergences()).isZero();
            assertThat(s.iterations()).isEqualTo(2400);
            assertThat(s.warmupIterations()).isEqualTo(400);
            assertThat(s.gradientEvaluations()).isEqualTo(1 + 2400L * 10);
        }
        assertThat(samples.acceptanceRate()).isCloseTo(
                (samples.stats().get(0).acceptanceRate() + samples.stats().get(1).acceptanceRate()) / 2, within(1e-12));
        assertThat(samples.divergences()).isZero();
        List<ParameterSummary> summary = samples.summary();
        assertThat(summary).hasSize(3);
        assertThat(summary).allSatisfy(p -> assertThat(p.rhat()).isLessThan(1.02));
    }

    @Test
    void diagonalMassMatrixApproachesThePosteriorVariances() {
        BayesianLinearRegression model = TargetFixtures.linearRegression(SEED);
        double[][] cov = model.posteriorCovariance();
        Hmc hmc = new Hmc(model, new double[3], config(SEED));
        for (int i = 0; i < 400; i++) {
            hmc.next();
        }
        double[] inv = hmc.inverseMassDiagonal();
        for (int j = 0; j < 3; j++) {
            assertThat(inv[j] / cov[j][j]).as("M⁻¹[%s] / Σ[%s][%s]", j, j, j).isBetween(0.5, 2.0);
        }
        double eps = hmc.stepSize();
        hmc.next();
        assertThat(hmc.stepSize()).as("fixed after warm-up").isEqualTo(eps);
    }

    @Test
    void rhatSeparatesChainsStuckInDifferentModes() {
        LogDensity bimodal = TargetFixtures.bimodal(8);
        HmcConfig base = HmcConfig.builder().leapfrogSteps(5).stepSize(0.3).warmup(200).build();
        RunConfig run = RunConfig.builder().warmup(200).draws(500).build();
        Samples apart = ChainRunner.run(c -> new Hmc(bimodal, new double[] {c == 0 ? -8 : 8},
                base.toBuilder().seed(c).build()), 2, run);
        assertThat(SplitRhat.of(apart.parameter(0))).isGreaterThan(5.0);
        Samples together = ChainRunner.run(c -> new Hmc(bimodal, new double[] {8},
                base.toBuilder().seed(c).build()), 2, run);
        assertThat(SplitRhat.of(together.parameter(0))).isLessThan(1.1);
    }

    @Test
    void divergencesAreCountedAndTheChainStaysAtTheLastGoodState() {
        LogDensity broken = TargetFixtures.brokenAbove(1.0, 2);
        Hmc hmc = new Hmc(broken, new double[2], HmcConfig.builder().leapfrogSteps(10).stepSize(0.3).warmup(0)
                .seed(SEED).build());
        double[] previous = hmc.state();
        int stayed = 0;
        for (int i = 0; i < 300; i++) {
            double[] next = hmc.next();
            assertThat(next[0]).isLessThanOrEqualTo(1.0);
            assertThat(Double.isFinite(next[1])).isTrue();
            if (java.util.Arrays.equals(next, previous)) {
                stayed++;
            }
            previous = next;
        }
        ChainStats stats = hmc.stats();
        assertThat(stats.divergences()).isPositive();
        assertThat(stayed).isGreaterThanOrEqualTo((int) stats.divergences());
        assertThat(Double.isFinite(hmc.logDensity())).isTrue();
        assertThat(stats.acceptanceRate()).isBetween(0.0, 1.0);
    }

    @Test
    void sameSeedGivesSameDrawsWhateverTheThreads() {
        BayesianLinearRegression model = TargetFixtures.linearRegression(SEED);
        RunConfig one = RunConfig.builder().warmup(50).draws(30).thin(2).build();
        RunConfig two = RunConfig.builder().warmup(50).draws(30).thin(2).threads(2).build();
        HmcConfig short0 = config(SEED).toBuilder().warmup(50).build();
        Samples a = ChainRunner.run(c -> new Hmc(model, new double[3], short0.toBuilder().seed(c).build()), 3, one);
        Samples b = ChainRunner.run(c -> new Hmc(model, new double[3], short0.toBuilder().seed(c).build()), 3, two);
        assertThat(a.draws()).isDeepEqualTo(b.draws());
        assertThat(a.drawsPerChain()).isEqualTo(30);
        assertThat(java.util.Arrays.deepEquals(a.chain(0), a.chain(1))).isFalse();
    }

    @Test
    void rejectsBadConfigurationAndStart() {
        assertThatThrownBy(() -> HmcConfig.builder().stepSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepSize");
        assertThatThrownBy(() -> HmcConfig.builder().stepSize(-0.1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepSize");
        assertThatThrownBy(() -> HmcConfig.builder().leapfrogSteps(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leapfrogSteps");
        assertThatThrownBy(() -> HmcConfig.builder().targetAcceptance(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetAcceptance");
        LogDensity g = TargetFixtures.gaussian(new double[2], 1);
        assertThatThrownBy(() -> new Hmc(g, new double[3], config(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 2, got 3");
        assertThatThrownBy(() -> new Hmc(TargetFixtures.brokenAbove(1, 2), new double[] {2, 0}, config(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial state");
        assertThatThrownBy(() -> RunConfig.builder().thin(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thin");
        Hmc h = new Hmc(g, new double[2], config(1));
        assertThatThrownBy(() -> ChainRunner.run(List.of(h, h), RunConfig.builder().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThat(h.stats().iterations()).isZero();
    }

    @Test
    void fixedStepSizeWithoutAdaptation() {
        Hmc hmc = new Hmc(TargetFixtures.gaussian(new double[] {1, 2}, 1), new double[2], HmcConfig.builder()
                .adaptStepSize(false).massMatrix(HmcConfig.MassMatrix.IDENTITY).stepSize(0.2).warmup(100).build());
        for (int i = 0; i < 150; i++) {
            hmc.next();
        }
        assertThat(hmc.stepSize()).isEqualTo(0.2);
        assertThat(hmc.inverseMassDiagonal()).containsExactly(1.0, 1.0);
        assertThat(hmc.stats().stepSize()).isCloseTo(0.2, within(0.0));
    }
}
