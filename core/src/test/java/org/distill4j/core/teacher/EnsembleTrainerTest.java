package org.distill4j.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EnsembleTrainerTest {

    private static final long SEED = 30L;
    private static final double[][] CENTRES = {{2.5, 0}, {-2.5, 1.5}, {0, -2.5}};

    /** Three well separated Gaussian clusters in 2-D; labels in {@code labelsOut}. */
    private static INDArray clusters(int n, long seed, int[] labelsOut) {
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray noise = TinyNetworkFixtures.gaussian(n, 2, seed, DataType.DOUBLE).muli(0.6);
        for (int i = 0; i < n; i++) {
            labelsOut[i] = rng.nextInt(3);
            noise.putScalar(i, 0, noise.getDouble(i, 0) + CENTRES[labelsOut[i]][0]);
            noise.putScalar(i, 1, noise.getDouble(i, 1) + CENTRES[labelsOut[i]][1]);
        }
        return noise.castTo(DataType.FLOAT);
    }

    private static EnsembleTrainerConfig tiny(long seed) {
        // few minibatches: each DL4J fit call costs milliseconds of overhead on a busy machine
        return EnsembleTrainerConfig.builder().layerSizes(2, 8, 3).members(2).epochs(10).batchSize(50)
                .learningRate(0.1).seed(seed).build();
    }

    @Test
    void sameSeedGivesTheSameEnsembleAndAnotherSeedAnother() {
        int[] labels = new int[60];
        INDArray x = clusters(60, SEED, labels);
        INDArray probe = TinyNetworkFixtures.gaussian(10, 2, SEED + 1, DataType.FLOAT);

        EnsembleTrainerConfig config = tiny(7).toBuilder().epochs(3).build();

        INDArray first = new EnsembleTrainer(config).train(x, labels, 3).predict(probe);
        INDArray second = new EnsembleTrainer(config).train(x, labels, 3).predict(probe);
        INDArray other = new EnsembleTrainer(config.toBuilder().seed(8).build()).train(x, labels, 3).predict(probe);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void learnsASeparableProblemFarAboveChance() {
        int[] labels = new int[150];
        INDArray x = clusters(150, SEED, labels);
        INDArray copy = x.dup();
        int[] testLabels = new int[200];
        INDArray test = clusters(200, SEED + 99, testLabels);

        EnsembleTeacher ensemble = new EnsembleTrainer(tiny(SEED)).train(x, labels, 3);

        INDArray predicted = Nd4j.argMax(ensemble.predict(test), 1);
        int correct = 0;
        for (int i = 0; i < testLabels.length; i++) {
            correct += predicted.getInt(i) == testLabels[i] ? 1 : 0;
        }
        assertThat(correct / 200.0).as("accuracy, chance is 1/3").isGreaterThan(0.9);
        assertThat(x).isEqualTo(copy);
        assertThat(ensemble.members()).hasSize(2).allMatch(m -> m instanceof MultiLayerNetworkTeacher);
        assertThat(ensemble).isInstanceOf(HasInputJacobian.class);
        assertThat(((HasParameterCount) ensemble).parameterCount()).isEqualTo(2L * (2 * 8 + 8 + 8 * 3 + 3));
    }

    @Test
    void withoutBootstrapMembersDifferOnlyByTheirSeeds() {
        int[] labels = new int[40];
        INDArray x = clusters(40, SEED, labels);
        EnsembleTrainerConfig config = tiny(3).toBuilder().bootstrap(false).epochs(1).dataType(DataType.DOUBLE)
                .build();

        EnsembleTeacher ensemble = new EnsembleTrainer(config).train(x, labels, 3);

        assertThat(config.bootstrap()).isFalse();
        assertThat(((MultiLayerNetworkTeacher) ensemble.members().get(0)).dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(ensemble.members().get(0).predict(x)).isNotEqualTo(ensemble.members().get(1).predict(x));
    }

    @Test
    void rejectsInvalidConfigurations() {
        assertThatThrownBy(() -> EnsembleTrainerConfig.builder().members(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("members must be >= 1, got 0");
        assertThatThrownBy(() -> EnsembleTrainerConfig.builder().layerSizes(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layerSizes");
        assertThatThrownBy(() -> EnsembleTrainerConfig.builder().layerSizes(5, 0, 2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layerSizes");
        assertThatThrownBy(() -> EnsembleTrainerConfig.builder().learningRate(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> EnsembleTrainerConfig.builder().batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> EnsembleTrainerConfig.builder().epochs(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs");
        assertThatThrownBy(() -> EnsembleTrainerConfig.builder().dataType(DataType.INT32).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataType");
        EnsembleTrainerConfig defaults = EnsembleTrainerConfig.builder().build();
        assertThat(defaults.layerSizes()).containsExactly(784, 500, 300, 10);
        assertThat(defaults.members()).isEqualTo(30);
        assertThat(defaults.bootstrap()).isTrue();
        assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
    }

    @Test
    void rejectsInconsistentTrainingData() {
        EnsembleTrainer trainer = new EnsembleTrainer(tiny(1));
        INDArray x = TinyNetworkFixtures.gaussian(4, 2, SEED, DataType.FLOAT);

        assertThatThrownBy(() -> trainer.train(x, new int[] {0, 1, 2}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels").hasMessageContaining("4");
        assertThatThrownBy(() -> trainer.train(x, new int[] {0, 1, 3, 0}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels[2]");
        assertThatThrownBy(() -> trainer.train(x, new int[] {0, 1, 1, 0}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numClasses");
        assertThatThrownBy(() -> trainer.train(TinyNetworkFixtures.gaussian(4, 3, SEED, DataType.FLOAT),
                new int[] {0, 1, 1, 0}, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[n, 2]");
    }
}
