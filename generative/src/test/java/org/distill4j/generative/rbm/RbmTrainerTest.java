package org.distill4j.generative.rbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.distill4j.generative.logz.ExactLogZ;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RbmTrainerTest {

    /** 600 rows of 12 pixels from two noisy prototypes (a left half and a right half lit). */
    static INDArray twoPrototypes(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] rows = new float[600][12];
        for (float[] row : rows) {
            boolean left = rng.nextBoolean();
            for (int i = 0; i < 12; i++) {
                boolean on = (i < 6) == left;
                row[i] = rng.nextDouble() < (on ? 0.9 : 0.1) ? 1 : 0;
            }
        }
        return Nd4j.createFromArray(rows);
    }

    @Test
    void cdAndPcdRaiseTheExactLogLikelihood() {
        INDArray data = twoPrototypes(1);
        RbmTrainingConfig.Builder base = RbmTrainingConfig.builder().hiddenUnits(4).epochs(15).batchSize(20)
                .learningRate(0.1).seed(5);
        Rbm initial = new RbmTrainer(base.epochs(1).learningRate(1e-9).build()).train(data);
        double start = initial.averageLogLikelihood(data, ExactLogZ.of(initial));
        for (RbmTrainingConfig config : new RbmTrainingConfig[] {
            base.epochs(15).learningRate(0.1).contrastiveDivergence(1).build(),
            base.contrastiveDivergence(3).momentum(0.5).weightDecay(1e-4).build(),
            base.persistentContrastiveDivergence(1, 50).momentum(0).weightDecay(0).build()}) {
            Rbm rbm = new RbmTrainer(config).train(data);
            double ll = rbm.averageLogLikelihood(data, ExactLogZ.of(rbm));
            assertThat(ll).as("%s: log-likelihood %s vs %s at the start", config, ll, start).isGreaterThan(start + 1);
        }
    }

    /**
     * With saturated biases every draw is deterministic, so one CD-1 step has a closed form:
     * {@code ΔW = lr/B (v0ᵀ ph0 − v1ᵀ ph1)}, {@code Δb = lr mean(v0 − v1)}, {@code Δc = lr mean(ph0 − ph1)}.
     */
    @Test
    void oneCdStepIsTheClosedFormUpdate() {
        INDArray w = Nd4j.zeros(DataType.FLOAT, 3, 2);
        INDArray b = Nd4j.createFromArray(50f, -50f, 50f);
        INDArray c = Nd4j.createFromArray(50f, -50f);
        Rbm start = Rbm.of(w, b, c);
        INDArray data = Nd4j.createFromArray(new float[][] {{0, 1, 1}, {1, 1, 0}});
        double lr = 0.1;
        for (int k : new int[] {1, 2}) {
            Rbm after = new RbmTrainer(RbmTrainingConfig.builder().hiddenUnits(2).contrastiveDivergence(k)
                    .learningRate(lr).batchSize(2).epochs(1).seed(3).build()).train(start, data);
            // ph0 = ph1 = (1, 0), v1 = (1, 0, 1) for both rows
            assertThat(after.weights().ravel().toDoubleVector()).as("CD-%s", k).containsExactly(
                    new double[] {-lr / 2, 0, lr, 0, -lr / 2, 0}, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(after.visibleBias().toDoubleVector()).containsExactly(
                    new double[] {50 - lr / 2, -50 + lr, 50 - lr / 2}, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(after.hiddenBias().toDoubleVector()).containsExactly(new double[] {50, -50},
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void sameSeedSameRbmAndDataUntouched() {
        INDArray data = twoPrototypes(2);
        INDArray before = data.dup();
        RbmTrainingConfig config = RbmTrainingConfig.builder().hiddenUnits(3).epochs(2).batchSize(32).seed(9).build();
        Rbm a = new RbmTrainer(config).train(data);
        Rbm b = new RbmTrainer(config).train(data);
        Rbm c = new RbmTrainer(config.toBuilder().seed(10).build()).train(data);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(data).isEqualTo(before);
        assertThat(a.dataType()).isEqualTo(DataType.FLOAT);
        Rbm continued = new RbmTrainer(config).train(a, data);
        assertThat(continued).isNotEqualTo(a);
    }

    @Test
    void rejectsNonBinaryDataAndBadConfigs() {
        RbmTrainer trainer = new RbmTrainer(RbmTrainingConfig.builder().hiddenUnits(2).build());
        assertThatThrownBy(() -> trainer.train(Nd4j.createFromArray(new float[][] {{0, 0.3f}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data must be binary");
        assertThatThrownBy(() -> RbmTrainingConfig.builder().learningRate(0).build())
                .hasMessageContaining("learningRate");
        assertThatThrownBy(() -> RbmTrainingConfig.builder().contrastiveDivergence(0).build())
                .hasMessageContaining("gibbsSteps");
        assertThatThrownBy(() -> RbmTrainingConfig.builder().momentum(1).build()).hasMessageContaining("momentum");
        Rbm other = Rbm.baseRate(new double[] {0.5, 0.5, 0.5}, 2, 0.01, DataType.FLOAT);
        assertThatThrownBy(() -> trainer.train(other, Nd4j.zeros(DataType.FLOAT, 2, 2)))
                .hasMessageContaining("2 columns").hasMessageContaining("3 visible");
    }
}
