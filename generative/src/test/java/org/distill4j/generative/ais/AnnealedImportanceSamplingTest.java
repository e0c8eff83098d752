package org.distill4j.generative.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill4j.generative.logz.ExactLogZ;
import org.distill4j.generative.rbm.Rbm;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AnnealedImportanceSamplingTest {

    private static final AisConfig COARSE = AisConfig.builder().runs(100)
            .schedule(AisSchedule.salakhutdinovMurray(10)).seed(3).build();

    @Test
    void agreesWithExactLogZOnSmallRbms() {
        for (long seed = 1; seed <= 3; seed++) {
            Rbm rbm = TinyRbmFixtures.random(24, 10, 0.4, seed, DataType.FLOAT);
            double exact = ExactLogZ.of(rbm);
            BaseRateModel base = BaseRateModel.fit(rbm.sample(500, 50, seed), BaseRateModel.DEFAULT_CLIP);
            AisResult ais = AnnealedImportanceSampling.estimate(rbm, base, COARSE);
            assertThat(ais.logZ()).as("seed %s: AIS %s vs exact %s", seed, ais.logZ(), exact)
                    .isCloseTo(exact, within(0.05));
            assertThat(ais.standardError()).isPositive().isLessThan(0.05);
            assertThat(ais.lower()).isLessThan(ais.logZ());
            assertThat(ais.upper()).isGreaterThan(ais.logZ());
            assertThat(ais.runs()).isEqualTo(100);
            assertThat(ais.temperatures()).isEqualTo(1453);
        }
    }

    @Test
    void baseModelEqualToTheTargetIsExact() {
        double[] biases = {0.3, -1.2, 2.0, 0.0};
        Rbm rbm = Rbm.of(Nd4j.zeros(DataType.DOUBLE, 4, 3), Nd4j.createFromArray(biases),
                Nd4j.zeros(DataType.DOUBLE, 3));
        AisResult ais = AnnealedImportanceSampling.estimate(rbm, BaseRateModel.ofBiases(biases),
                COARSE.toBuilder().schedule(AisSchedule.linear(5)).build());
        assertThat(ais.logZ()).isCloseTo(ExactLogZ.of(rbm), within(1e-12));
        assertThat(ais.standardError()).isCloseTo(0, within(1e-12));
        assertThat(ais.logZBase()).isCloseTo(ExactLogZ.of(rbm), within(1e-12));
    }

    @Test
    void sameSeedSameEstimateAndFloatIsClose() {
        Rbm rbm = TinyRbmFixtures.random(16, 6, 0.5, 7, DataType.FLOAT);
        BaseRateModel base = BaseRateModel.ofBiases(rbm.visibleBias().toDoubleVector());
        AisConfig config = COARSE.toBuilder().schedule(AisSchedule.salakhutdinovMurray(50)).build();
        AisResult a = AnnealedImportanceSampling.estimate(rbm, base, config);
        AisResult b = AnnealedImportanceSampling.estimate(rbm, base, config);
        AisResult c = AnnealedImportanceSampling.estimate(rbm, base, config.toBuilder().seed(4).build());
        assertThat(b.logWeights()).containsExactly(a.logWeights());
        assertThat(c.logZ()).isNotEqualTo(a.logZ());
        AisResult f = AnnealedImportanceSampling.estimate(rbm, base, config.toBuilder().dataType(DataType.FLOAT)
                .build());
        assertThat(f.logZ()).isCloseTo(ExactLogZ.of(rbm), within(0.1));
    }

    @Test
    void hugeWeightsDoNotOverflow() {
        INDArray w = Nd4j.createFromArray(new double[][] {{900, 0}, {0, -900}, {5, 5}});
        Rbm rbm = Rbm.of(w, Nd4j.createFromArray(-450.0, 450.0, 0.0), Nd4j.zeros(DataType.DOUBLE, 2));
        AisResult ais = AnnealedImportanceSampling.estimate(rbm, BaseRateModel.ofMeans(new double[] {0.5, 0.5, 0.5},
                0.01), COARSE.toBuilder().schedule(AisSchedule.salakhutdinovMurray(100)).build());
        assertThat(ais.logZ()).isFinite();
        assertThat(ais.logZ()).isCloseTo(ExactLogZ.of(rbm), within(1.0));
    }

    @Test
    void bandFollowsTheReferenceFormula() {
        // weights 1, e^-100, e^-100 (relative): mean ~ 1/3, sd = std(w)/sqrt(3) ~ 1/3, so mean − 3 sd < 0
        AisResult r = AnnealedImportanceSampling.summarize(new double[] {0, -100, -100}, 2.0, 10, 0);
        assertThat(r.lowerBound()).isEmpty();
        assertThat(r.logZ()).isCloseTo(2.0 + Math.log(1.0 / 3), within(1e-9));
        double sd = Math.sqrt((Math.pow(2.0 / 3, 2) + 2 * Math.pow(1.0 / 3, 2)) / 2) / Math.sqrt(3);
        assertThat(r.upper()).isCloseTo(2.0 + Math.log(1.0 / 3 + 3 * sd), within(1e-9));
        AisResult tight = AnnealedImportanceSampling.summarize(new double[] {0, 0.01, -0.01}, 0, 10, 0);
        assertThat(tight.lowerBound()).isPresent();
    }

    @Test
    void schedulesAndBadArguments() {
        assertThat(AisSchedule.salakhutdinovMurray().size()).isEqualTo(14_503);
        double[] betas = AisSchedule.salakhutdinovMurray().betas();
        assertThat(betas[0]).isZero();
        assertThat(betas[500]).isEqualTo(0.5);
        assertThat(betas[501]).isEqualTo(0.5);
        assertThat(betas[502]).isCloseTo(0.5001, within(1e-15));
        assertThat(betas[14_502]).isEqualTo(1.0);
        assertThat(AisSchedule.salakhutdinovMurray(10).size()).isEqualTo(1453);
        assertThatThrownBy(() -> AisSchedule.of(0, 0.6, 0.5, 1)).hasMessageContaining("never decrease");
        assertThatThrownBy(() -> AisSchedule.of(0.1, 1)).hasMessageContaining("start at 0");
        assertThatThrownBy(() -> AisConfig.builder().runs(1).build()).hasMessageContaining("runs");
        Rbm rbm = TinyRbmFixtures.random(4, 2, 1, 1, DataType.DOUBLE);
        assertThatThrownBy(() -> AnnealedImportanceSampling.estimate(rbm, BaseRateModel.ofBiases(new double[3]),
                COARSE)).hasMessageContaining("3 visible").hasMessageContaining("has 4");
        assertThatThrownBy(() -> BaseRateModel.fit(Nd4j.createFromArray(new double[][] {{0.5, 1}}), 0.01))
                .hasMessageContaining("binary");
    }
}
