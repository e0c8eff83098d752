package org.distill4j.generative.logz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.nade.NadeTrainer;
import org.distill4j.generative.nade.NadeTrainingConfig;
import org.distill4j.generative.rbm.Rbm;
import org.distill4j.generative.testing.ShiftedDensityFixture;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

class ImportanceAndBridgeSamplingTest {

    private static Rbm rbm;
    private static Nade nade;
    private static double exact;

    @BeforeAll
    static void fitANadeToAnRbm() {
        rbm = TinyRbmFixtures.random(10, 5, 0.8, 17, DataType.FLOAT);
        exact = ExactLogZ.of(rbm);
        NadeTrainingConfig config = NadeTrainingConfig.builder().hiddenUnits(12).epochs(8).batchSize(100)
                .updater(new Adam(0.01)).seed(1).build();
        nade = new NadeTrainer(config).train(rbm.sample(4000, 100, 2));
    }

    @Test
    void importanceSamplingAgreesWithExactLogZ() {
        LogZEstimate is = ImportanceSampling.estimate(rbm, nade, 20_000, 3);
        assertThat(is.logZ()).as("IS %s ± %s vs exact %s", is.logZ(), is.standardError(), exact)
                .isCloseTo(exact, within(Math.max(0.03, 4 * is.standardError())));
        assertThat(is.standardError()).isPositive().isLessThan(0.03);
        assertThat(is.effectiveSampleSize()).isGreaterThan(2000).isLessThanOrEqualTo(20_000);
        assertThat(is.samples()).isEqualTo(20_000);
        assertThat(ImportanceSampling.estimate(rbm, nade, 500, 3).logZ())
                .isEqualTo(ImportanceSampling.estimate(rbm, nade, 500, 3).logZ());
    }

    @Test
    void bridgeSamplingAgreesWithExactLogZ() {
        LogZEstimate bridge = BridgeSampling.estimate(rbm, rbm.sample(3000, 100, 5), nade, 3000, 6);
        assertThat(bridge.logZ()).as("bridge %s ± %s vs exact %s", bridge.logZ(), bridge.standardError(), exact)
                .isCloseTo(exact, within(Math.max(0.03, 4 * bridge.standardError())));
        assertThat(bridge.standardError()).isPositive().isLessThan(0.03);
        assertThat(bridge.samples()).isEqualTo(6000);
        assertThat(bridge.method()).contains("bridge");
    }

    @Test
    void aPerfectProposalGivesTheExactAnswerWithZeroError() {
        ShiftedDensityFixture target = new ShiftedDensityFixture(nade, 3.7);
        LogZEstimate is = ImportanceSampling.estimate(target, nade, 200, 1);
        assertThat(is.logZ()).isCloseTo(3.7, within(1e-5));
        assertThat(is.standardError()).isCloseTo(0, within(1e-5));
        assertThat(is.effectiveSampleSize()).isCloseTo(200, within(1e-3));
        LogZEstimate bridge = BridgeSampling.estimate(target, nade.sample(100, 2), nade, 100, 3);
        assertThat(bridge.logZ()).isCloseTo(3.7, within(1e-5));
        assertThat(bridge.standardError()).isCloseTo(0, within(1e-5));
    }

    @Test
    void bridgeIsRobustWhereImportanceSamplingIsNot() {
        // the proposal misses half of the target's mass (it never generates x_0 = 1, where p~ is large):
        // IS cannot see it, bridge sampling sees it through the target's samples
        double[] lp2 = new double[400];
        double[] lp1 = new double[400];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < 400; i++) {
            lp2[i] = Math.log(0.5) + 0.05 * rng.nextGaussian(); // proposal samples: l = p~/q ≈ 0.5
            lp1[i] = i % 2 == 0 ? Math.log(0.5) : Math.log(1e6); // target samples: half where q is tiny
        }
        LogZEstimate is = ImportanceSampling.fromLogWeights(lp2, 0);
        LogZEstimate bridge = BridgeSampling.fromLogRatios(lp1, lp2);
        assertThat(is.logZ()).isCloseTo(Math.log(0.5), within(0.01));
        assertThat(bridge.logZ()).as("bridge sees the missed mass").isGreaterThan(Math.log(0.5) + 0.5);
    }

    @Test
    void allZeroWeightsAndEmptySampleSetsAreRejected() {
        double[] minusInf = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        assertThatThrownBy(() -> ImportanceSampling.fromLogWeights(minusInf, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all -Infinity");
        assertThatThrownBy(() -> ImportanceSampling.estimate(new ShiftedDensityFixture(nade, Double.NEGATIVE_INFINITY),
                nade, 10, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all -Infinity");
        assertThatThrownBy(() -> ImportanceSampling.fromLogWeights(new double[0], 0))
                .hasMessageContaining("at least 2 samples");
        assertThatThrownBy(() -> ImportanceSampling.estimate(rbm, nade, 0, 1)).hasMessageContaining("samples");
        assertThatThrownBy(() -> BridgeSampling.fromLogRatios(new double[] {0}, new double[] {0, 1}))
                .hasMessageContaining("at least 2 samples from each side");
        assertThatThrownBy(() -> BridgeSampling.fromLogRatios(new double[] {0, 1}, minusInf))
                .hasMessageContaining("all -Infinity");
        assertThatThrownBy(() -> BridgeSampling.estimate(rbm, rbm.sample(1, 1, 1), nade, 10, 1))
                .hasMessageContaining("n1 >= 2");
        Rbm other = TinyRbmFixtures.random(9, 5, 0.8, 17, DataType.FLOAT);
        assertThatThrownBy(() -> ImportanceSampling.estimate(other, nade, 10, 1))
                .hasMessageContaining("9 variables").hasMessageContaining("10");
    }
}
