package org.distill4j.generative.nade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

class NadeTrainingTest {

    @Test
    void gradientMatchesCentralDifferences() {
        int[] ordering = {5, 1, 3, 0, 6, 2, 4};
        Nade nade = NadeTest.randomNade(7, 4, ordering, DataType.DOUBLE, 77).withBlockSize(3);
        INDArray x = NadeTest.randomBinary(6, 7, 78);
        double[] weights = {0.5, -0.2, 1.0, 0.3, 0.0, 0.7};
        NadeTraining training = new NadeTraining(nade, new Sgd(0.1));
        INDArray gradient = Nd4j.create(DataType.DOUBLE, nade.parameterCount());
        double loss = training.lossAndGradient(x, weights, gradient);
        double[] g = gradient.toDoubleVector();
        NadeParameters p = nade.parameters();
        double eps = 1e-6;
        for (int i = 0; i < g.length; i++) {
            INDArray plus = p.flat.dup();
            plus.putScalar(0, i, plus.getDouble(0, i) + eps);
            INDArray minus = p.flat.dup();
            minus.putScalar(0, i, minus.getDouble(0, i) - eps);
            double fd = (loss(nade, plus, x, weights) - loss(nade, minus, x, weights)) / (2 * eps);
            assertThat(g[i]).as("parameter %s of %s", i, g.length).isCloseTo(fd, within(1e-6));
        }
        assertThat(loss).isCloseTo(loss(nade, p.flat, x, weights), within(1e-12));
    }

    private static double loss(Nade nade, INDArray flat, INDArray x, double[] weights) {
        Nade other = new Nade(new NadeParameters(nade.visibleSize(), nade.hiddenSize(), flat), nade.orderingOrNull(),
                nade.blockSize());
        double[] logq = other.logProbability(x).toDoubleVector();
        double l = 0;
        for (int i = 0; i < logq.length; i++) {
            l -= weights[i] * logq[i];
        }
        return l;
    }

    @Test
    void adamStepsRaiseTheLikelihoodAndLeaveTheStartAlone() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] rows = new double[200][10];
        for (double[] row : rows) {
            boolean on = rng.nextBoolean();
            for (int i = 0; i < 10; i++) {
                row[i] = rng.nextDouble() < (on == (i % 2 == 0) ? 0.9 : 0.1) ? 1 : 0;
            }
        }
        INDArray data = Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
        Nade start = Nade.initialize(10, 8, DataType.FLOAT, 4);
        double before = start.averageLogLikelihood(data);
        NadeTraining training = new NadeTraining(start, new Adam(0.02));
        double first = Double.NaN;
        for (int epoch = 0; epoch < 30; epoch++) {
            for (int from = 0; from < 200; from += 64) {
                INDArray batch = data.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, Math.min(200,
                        from + 64)), org.nd4j.linalg.indexing.NDArrayIndex.all());
                double l = training.step(batch);
                if (Double.isNaN(first)) {
                    first = l;
                }
            }
        }
        assertThat(first).isCloseTo(-before, within(0.5));
        Nade trained = training.snapshot();
        assertThat(trained.averageLogLikelihood(data)).isGreaterThan(before + 1.5);
        assertThat(start.averageLogLikelihood(data)).isEqualTo(before);
        assertThat(training.iterations()).isEqualTo(30 * 4);
    }

    @Test
    void rejectsBadWeights() {
        NadeTraining training = new NadeTraining(Nade.initialize(3, 2, DataType.FLOAT, 1), new Adam());
        INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 3);
        assertThatThrownBy(() -> training.step(x, new double[] {1})).hasMessageContaining("one value per row");
        assertThatThrownBy(() -> training.step(x, new double[] {1, Double.NaN})).hasMessageContaining("finite");
        assertThat(training.iterations()).isZero();
    }
}
