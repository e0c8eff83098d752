package org.distill4j.generative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.generative.ais.AisConfig;
import org.distill4j.generative.ais.AisSchedule;
import org.distill4j.generative.ais.AnnealedImportanceSampling;
import org.distill4j.generative.ais.BaseRateModel;
import org.distill4j.generative.distill.RbmNadeConfig;
import org.distill4j.generative.distill.RbmNadeDistiller;
import org.distill4j.generative.logz.BridgeSampling;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.nade.NadeTrainer;
import org.distill4j.generative.nade.NadeTrainingConfig;
import org.distill4j.generative.rbm.GibbsChains;
import org.distill4j.generative.rbm.Rbm;
import org.distill4j.generative.rbm.RbmTrainer;
import org.distill4j.generative.rbm.RbmTrainingConfig;
import org.distill4j.generative.testing.TinyNadeFixtures;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The "bad input" list of the generative module's issue, across the entry points that take data or samples (the
 * per-class tests cover RBM files with inconsistent shapes or NaN values, too-large layers for the exact log Z, and
 * importance weights that are all {@code −∞}): empty sample sets and non-binary data are refused with a message
 * naming the argument, and nothing is modified.
 */
class BadInputTest {

    private final Rbm rbm = TinyRbmFixtures.random(4, 3, 0.5, 1, DataType.FLOAT);
    private final Nade nade = TinyNadeFixtures.random(4, 3, null, DataType.FLOAT, 2);
    private final INDArray empty = Nd4j.create(DataType.FLOAT, 0, 4);
    private final INDArray nonBinary = Nd4j.createFromArray(new float[][] {{0, 1, 0.5f, 1}, {1, 0, 0, 1}});

    @Test
    void emptySampleSetsAreRefused() {
        assertThatThrownBy(() -> new RbmTrainer(RbmTrainingConfig.builder().hiddenUnits(3).build()).train(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data");
        assertThatThrownBy(() -> new NadeTrainer(NadeTrainingConfig.builder().hiddenUnits(3).build()).train(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data");
        assertThatThrownBy(() -> BaseRateModel.fit(empty, BaseRateModel.DEFAULT_CLIP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data");
        assertThatThrownBy(() -> GibbsChains.fromStates(rbm, empty, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialVisible");
        assertThatThrownBy(() -> nade.logProbability(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inputs");
        assertThatThrownBy(() -> rbm.averageLogLikelihood(empty, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n >= 1").hasMessageContaining("[0, 4]");
        assertThatThrownBy(() -> BridgeSampling.estimate(rbm, empty, nade, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetSamples");
    }

    @Test
    void nonBinaryDataAreRefusedAndNotModified() {
        INDArray before = nonBinary.dup();
        assertThatThrownBy(() -> new NadeTrainer(NadeTrainingConfig.builder().hiddenUnits(3).build())
                .train(nonBinary)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary");
        assertThatThrownBy(() -> BaseRateModel.fit(nonBinary, BaseRateModel.DEFAULT_CLIP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary");
        assertThatThrownBy(() -> GibbsChains.fromStates(rbm, nonBinary, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary");
        assertThatThrownBy(() -> rbm.unnormalizedLogDensity(nonBinary))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary");
        assertThatThrownBy(() -> BridgeSampling.estimate(rbm, nonBinary, nade, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary");
        RbmNadeConfig config = RbmNadeConfig.builder()
                .training(TrainingSettings.builder().epochs(1).batchSize(2).seed(0).heldOut(0, 0).build())
                .hiddenUnits(3).chains(2, 1, 0).klEstimates(1, 4).build();
        assertThatThrownBy(() -> new RbmNadeDistiller(config).distill(rbm, TransferSources.fixed(nonBinary)))
                .hasMessageContaining("binary");
        assertThat(nonBinary).isEqualTo(before);
    }

    @Test
    void aisRefusesAMismatchedBaseRateModel() {
        BaseRateModel five = BaseRateModel.ofMeans(new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, 1e-3);
        assertThatThrownBy(() -> AnnealedImportanceSampling.estimate(rbm, five, AisConfig.builder().runs(2)
                .schedule(AisSchedule.linear(3)).build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 visible").hasMessageContaining("4");
    }
}
