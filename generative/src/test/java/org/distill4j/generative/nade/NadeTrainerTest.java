package org.distill4j.generative.nade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class NadeTrainerTest {

    /** Rows where pixel i copies pixel i−1 with probability 0.9: easy for the natural ordering. */
    static INDArray markovChains(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] rows = new float[n][d];
        for (float[] row : rows) {
            row[0] = rng.nextBoolean() ? 1 : 0;
            for (int i = 1; i < d; i++) {
                row[i] = rng.nextDouble() < 0.9 ? row[i - 1] : 1 - row[i - 1];
            }
        }
        return Nd4j.createFromArray(rows);
    }

    @Test
    void learnsAMarkovChainCloseToItsEntropy() {
        INDArray data = markovChains(1000, 12, 1);
        INDArray test = markovChains(300, 12, 2);
        NadeTrainingConfig config = NadeTrainingConfig.builder().hiddenUnits(16).epochs(40).batchSize(50)
                .updater(new Adam(0.02)).blockSize(5).seed(3).build();
        Nade nade = new NadeTrainer(config).train(data);
        // true entropy: log 2 + 11 · H(0.9) = 0.693 + 11 · 0.325 = 4.27 nats
        double entropy = Math.log(2) - 11 * (0.9 * Math.log(0.9) + 0.1 * Math.log(0.1));
        assertThat(-nade.averageLogLikelihood(test)).isLessThan(entropy + 0.5).isGreaterThan(entropy - 0.3);
        assertThat(-Nade.initialize(12, 16, DataType.FLOAT, 1).averageLogLikelihood(test))
                .isGreaterThan(entropy + 3);
    }

    @Test
    void sameSeedSameNadeAndReversedOrderingWorksToo() {
        INDArray data = markovChains(100, 6, 4);
        INDArray before = data.dup();
        NadeTrainingConfig config = NadeTrainingConfig.builder().hiddenUnits(4).epochs(2).batchSize(30).seed(1)
                .ordering(new int[] {5, 4, 3, 2, 1, 0}).build();
        Nade a = new NadeTrainer(config).train(data);
        Nade b = new NadeTrainer(config).train(data);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(new NadeTrainer(config.toBuilder().seed(2).build()).train(data));
        assertThat(a.ordering()).containsExactly(5, 4, 3, 2, 1, 0);
        assertThat(data).isEqualTo(before);
        assertThat(new NadeTrainer(config).train(a, data)).isNotEqualTo(a);
    }

    @Test
    void rejectsBadDataAndConfigs() {
        NadeTrainer trainer = new NadeTrainer(NadeTrainingConfig.builder().hiddenUnits(2).build());
        assertThatThrownBy(() -> trainer.train(Nd4j.createFromArray(new float[][] {{0.2f, 1}})))
                .hasMessageContaining("binary");
        assertThatThrownBy(() -> NadeTrainingConfig.builder().batchSize(0).build()).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> NadeTrainingConfig.builder().blockSize(0).build()).hasMessageContaining("blockSize");
    }
}
