package org.distill4j.generative.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.generative.logz.ExactLogZ;
import org.distill4j.generative.logz.ImportanceSampling;
import org.distill4j.generative.logz.LogZEstimate;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.testing.TinyNadeFixtures;
import org.distill4j.generative.rbm.Rbm;
import org.distill4j.generative.testing.ShiftedDensityFixture;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

class RbmNadeDistillerTest {

    private static RbmNadeConfig.Builder small(int epochs) {
        return RbmNadeConfig.builder()
                .training(TrainingSettings.builder().epochs(epochs).batchSize(50).seed(7).heldOut(0, 0).build())
                .hiddenUnits(16).updater(new Adam(0.01)).blockSize(4).chains(500, 1, 20).klEstimates(20, 400);
    }

    @Test
    void distilledNadeEstimatesTheRbmsLogZ() {
        Rbm rbm = TinyRbmFixtures.random(10, 5, 0.8, 21, DataType.FLOAT);
        INDArray transfer = rbm.sample(500, 5, 1);
        Distillation<Nade> run = new RbmNadeDistiller(small(25).build()).distill(rbm, TransferSources.fixed(transfer));
        Map<String, List<Double>> losses = run.report().lossPerTerm();
        assertThat(losses.keySet()).containsExactly("nll", "total", "kl_rbm_nade", "kl_nade_rbm");
        List<Double> kl = losses.get("kl_rbm_nade");
        assertThat(kl.get(kl.size() - 1)).as("KL(RBM||NADE) per epoch %s", kl).isLessThan(0.05)
                .isLessThan(kl.get(0) / 4);
        assertThat(losses.get("kl_nade_rbm").get(kl.size() - 1)).isBetween(0.0, 0.05);
        double exact = ExactLogZ.of(rbm);
        LogZEstimate is = ImportanceSampling.estimate(rbm, run.student(), 10_000, 3);
        assertThat(is.logZ()).isCloseTo(exact, within(0.05));
        assertThat(run.report().teacherQueries()).isPositive();
        assertThat(run.report().warnings()).isEmpty();
        assertThat(run.report().pacCertificate()).isEmpty();
    }

    @Test
    void squaredErrorOnLogDensitiesIsReportedAndHelpsNoLess() {
        Rbm rbm = TinyRbmFixtures.random(8, 4, 0.8, 22, DataType.FLOAT);
        Distillation<Nade> run = new RbmNadeDistiller(small(6).logDensityWeight(0.5).build())
                .distill(rbm, TransferSources.fixed(rbm.sample(200, 5, 1)));
        List<Double> se = run.report().lossPerTerm().get("log_density_se");
        assertThat(se).hasSize(6);
        assertThat(se.get(5)).isLessThan(se.get(0));
        List<Double> total = run.report().lossPerTerm().get("total");
        List<Double> nll = run.report().lossPerTerm().get("nll");
        assertThat(total.get(0)).isCloseTo(nll.get(0) + 0.5 * se.get(0), within(1e-9));
    }

    @Test
    void aDensityTeacherWithoutChainsIsSampledAndFlagged() {
        Nade teacher = TinyNadeFixtures.random(6, 4, null, DataType.FLOAT, 3);
        Distillation<Nade> run = new RbmNadeDistiller(small(2).build()).distill(new ShiftedDensityFixture(teacher, 1.0),
                TransferSources.fixed(TinyNadeFixtures.randomBinary(100, 6, 1)));
        assertThat(run.report().warnings()).anyMatch(w -> w.contains("not an Rbm"));
        assertThat(run.student().visibleSize()).isEqualTo(6);
    }

    @Test
    void badConfigurationsAndTransferData() {
        assertThatThrownBy(() -> small(1).chains(10, 1, 0).build()).hasMessageContaining("chains must be >= the batch "
                + "size 50");
        assertThatThrownBy(() -> small(1).logDensityWeight(-1).build()).hasMessageContaining("logDensityWeight");
        Rbm rbm = TinyRbmFixtures.random(6, 3, 1.0, 5, DataType.FLOAT);
        INDArray notBinary = TinyNadeFixtures.randomBinary(60, 6, 1).muli(0.5);
        assertThatThrownBy(() -> new RbmNadeDistiller(small(1).build()).distill(rbm, TransferSources.fixed(notBinary)))
                .isInstanceOf(DistillationException.class).hasMessageContaining("binary");
        assertThatThrownBy(() -> new RbmNadeDistiller(small(1).ordering(new int[] {0, 1}).build()).distill(rbm,
                TransferSources.fixed(TinyNadeFixtures.randomBinary(60, 6, 1)))).hasMessageContaining("ordering has 2");
    }
}
