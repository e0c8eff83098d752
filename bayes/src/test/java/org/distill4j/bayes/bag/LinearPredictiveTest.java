package org.distill4j.bayes.bag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.distill4j.bayes.fixtures.SampleFixtures;
import org.distill4j.bayes.model.BayesianLogisticRegression;
import org.distill4j.bayes.model.BayesianSoftmaxRegression;
import org.distill4j.bayes.model.PredictiveModel;
import org.distill4j.core.contract.ConditionalTeacherContract;
import org.distill4j.core.contract.ContractInputs;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class LinearPredictiveTest {

    private static final long SEED = 3L;

    @TempDir
    Path dir;

    private static double[][] features(int n, int p, SplittableRandom rng) {
        double[][] x = new double[n][p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                row[j] = ContractInputs.gaussian(rng);
            }
        }
        return x;
    }

    static BayesianSoftmaxRegression softmaxModel(boolean bias) {
        SplittableRandom rng = new SplittableRandom(SEED);
        return BayesianSoftmaxRegression.of(features(10, 3, rng), new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1}, 4, 10,
                bias);
    }

    static BayesianLogisticRegression logisticModel(boolean bias) {
        SplittableRandom rng = new SplittableRandom(SEED);
        return BayesianLogisticRegression.of(features(6, 3, rng), new int[] {0, 1, 0, 1, 1, 0}, 100, bias);
    }

    @Test
    void matchesTheBayesianModelsPredictives() {
        INDArray x = ContractInputs.gaussian(7, 3, SEED, DataType.DOUBLE);
        for (boolean bias : new boolean[] {true, false}) {
            PredictiveModel[][] pairs = {{softmaxModel(bias), LinearPredictive.softmax(3, 4, bias)},
                    {logisticModel(bias), LinearPredictive.logistic(3, bias)}};
            for (PredictiveModel[] pair : pairs) {
                assertThat(pair[1].parameterDimension()).isEqualTo(pair[0].parameterDimension());
                double[][] samples = SampleFixtures.gaussian(3, pair[0].parameterDimension(), SEED);
                for (double[] theta : samples) {
                    assertThat(max(pair[1].predictive(theta, x).sub(pair[0].predictive(theta, x))))
                            .as("%s vs %s", pair[1], pair[0]).isLessThan(1e-12);
                }
                PosteriorBag slow = PosteriorBag.of(pair[0], samples);
                PosteriorBag fast = PosteriorBag.of(pair[1], samples);
                assertThat(max(CategoricalPredictive.of(fast).predictDouble(x)
                        .sub(CategoricalPredictive.of(slow).predictDouble(x)))).as("bag average of %s", pair[1])
                        .isLessThan(1e-12);
            }
        }
    }

    @Test
    void averagesOverMoreSamplesThanOneChunk() {
        LinearPredictive model = LinearPredictive.softmax(2, 3, true);
        double[][] samples = SampleFixtures.gaussian(600, model.parameterDimension(), SEED);
        PosteriorBag bag = PosteriorBag.of(model, samples);
        INDArray x = ContractInputs.gaussian(4, 2, SEED, DataType.DOUBLE);
        INDArray expected = model.predictive(samples[0], x);
        for (int s = 1; s < samples.length; s++) {
            expected.addi(model.predictive(samples[s], x));
        }
        expected.divi(samples.length);
        assertThat(max(model.averagePredictive(bag, x).sub(expected))).isLessThan(1e-12);
    }

    @Test
    void bagsOfTheBayesianModelsSaveAndLoadAsPredictives() throws IOException {
        BayesianSoftmaxRegression model = softmaxModel(true);
        PosteriorBag bag = PosteriorBag.of(model, SampleFixtures.gaussian(5, model.parameterDimension(),
                SEED));
        Path file = dir.resolve("softmax.d4j");
        bag.save(file, LinearCodecs.standard());
        PosteriorBag loaded = PosteriorBag.load(file, LinearCodecs.standard());
        assertThat(loaded.model()).isInstanceOf(LinearPredictive.class);
        INDArray x = ContractInputs.gaussian(5, 3, SEED, DataType.DOUBLE);
        assertThat(max(CategoricalPredictive.of(loaded).predictDouble(x)
                .sub(CategoricalPredictive.of(bag).predictDouble(x)))).isLessThan(1e-12);
        loaded.save(dir.resolve("again.d4j"), LinearCodecs.standard());
        assertThat(PosteriorBag.load(dir.resolve("again.d4j"), LinearCodecs.standard()).size()).isEqualTo(5);

        BayesianLogisticRegression logistic = logisticModel(false);
        PosteriorBag logisticBag = PosteriorBag.of(logistic, new double[][] {{1, 2, 3}});
        logisticBag.save(file, LinearCodecs.standard());
        PredictiveModel restored = PosteriorBag.load(file, LinearCodecs.standard()).model();
        assertThat(((LinearPredictive) restored).binary()).isTrue();
        assertThat(((LinearPredictive) restored).hasBias()).isFalse();
    }

    @Test
    void wrongThetaLengthIsRejectedNamingBoth() {
        assertThatThrownBy(() -> LinearPredictive.softmax(3, 4, true).predictive(new double[5],
                ContractInputs.gaussian(1, 3, SEED, DataType.DOUBLE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5").hasMessageContaining("16");
    }

    /** The bag's predictive through the batched path, against the teacher contract. */
    @Nested
    class Batched extends ConditionalTeacherContract<CategoricalPredictive> {
        @Override
        protected CategoricalPredictive newTeacher() {
            LinearPredictive model = LinearPredictive.softmax(3, 4, true);
            return CategoricalPredictive.of(PosteriorBag.of(model,
                    SampleFixtures.gaussian(5, model.parameterDimension(), SEED)));
        }
    }

    private static double max(INDArray a) {
        return a.amaxNumber().doubleValue();
    }
}
