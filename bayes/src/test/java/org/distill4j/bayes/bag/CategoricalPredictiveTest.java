package org.distill4j.bayes.bag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill4j.bayes.fixtures.SampleFixtures;
import org.distill4j.bayes.fixtures.LogisticModelFixture;
import org.distill4j.core.contract.ConditionalTeacherContract;
import org.distill4j.core.contract.ContractInputs;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Issue 8's battery for the Monte-Carlo predictive of a bag: core's ConditionalTeacherContract. */
class CategoricalPredictiveTest extends ConditionalTeacherContract<CategoricalPredictive> {

    @Override
    protected CategoricalPredictive newTeacher() {
        LogisticModelFixture model = LogisticModelFixture.softmax(3, 4);
        return CategoricalPredictive.of(PosteriorBag.of(model,
                SampleFixtures.gaussian(5, model.parameterDimension(), SEED)));
    }

    @Test
    void averagesTheSamplesProbabilitiesByHand() {
        // Two logistic samples on one input: p1 = (σ(1·2 + 0) + σ(−1·2 + 1)) / 2.
        PosteriorBag bag = PosteriorBag.of(LogisticModelFixture.logistic(1), new double[][] {{1, 0}, {-1, 1}});
        INDArray p = CategoricalPredictive.of(bag).predict(
                org.nd4j.linalg.factory.Nd4j.create(new double[][] {{2}}));
        double expected = (1 / (1 + Math.exp(-2)) + 1 / (1 + Math.exp(1))) / 2;
        assertThat(p.getDouble(0, 1)).isCloseTo(expected, within(1e-12));
        assertThat(p.getDouble(0, 0)).isCloseTo(1 - expected, within(1e-12));
    }

    @Test
    void rowsSumToOneInDouble() {
        CategoricalPredictive teacher = newTeacher();
        INDArray p = teacher.predictDouble(ContractInputs.gaussian(20, 3, SEED, DataType.FLOAT));
        assertThat(p.dataType()).isEqualTo(DataType.DOUBLE);
        for (int i = 0; i < 20; i++) {
            assertThat(p.getRow(i).sumNumber().doubleValue()).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void logLikelihoodSumsTheLogProbabilitiesOfTheLabels() {
        CategoricalPredictive teacher = newTeacher();
        INDArray x = ContractInputs.gaussian(6, 3, SEED, DataType.DOUBLE);
        int[] labels = {0, 1, 2, 3, 0, 1};
        INDArray p = teacher.predictDouble(x);
        double expected = 0;
        for (int i = 0; i < 6; i++) {
            expected += Math.log(p.getDouble(i, labels[i]));
        }
        assertThat(teacher.logLikelihood(x, labels)).isCloseTo(expected, within(1e-12));
        assertThat(teacher.meanLogLikelihood(x, labels)).isCloseTo(expected / 6, within(1e-12));
    }

    @Test
    void labelsOutOfRangeOrMiscountedAreRejected() {
        CategoricalPredictive teacher = newTeacher();
        INDArray x = ContractInputs.gaussian(2, 3, SEED, DataType.DOUBLE);
        assertThatThrownBy(() -> teacher.logLikelihood(x, new int[] {0, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 4")
                .hasMessageContaining("[0, 4)");
        assertThatThrownBy(() -> teacher.logLikelihood(x, new int[] {-1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label -1");
        assertThatThrownBy(() -> teacher.logLikelihood(x, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 entries")
                .hasMessageContaining("2 inputs");
    }

    @Test
    void aRegressionBagIsNotACategoricalTeacher() {
        org.distill4j.bayes.model.PredictiveModel gaussian = new org.distill4j.bayes.model.PredictiveModel() {
            @Override
            public int parameterDimension() {
                return 1;
            }

            @Override
            public int inputSize() {
                return 1;
            }

            @Override
            public Response response() {
                return Response.GAUSSIAN;
            }

            @Override
            public int outputSize() {
                return 1;
            }

            @Override
            public INDArray predictive(double[] theta, INDArray inputs) {
                throw new UnsupportedOperationException();
            }
        };
        PosteriorBag bag = PosteriorBag.of(gaussian, new double[][] {{0}});
        assertThatThrownBy(() -> CategoricalPredictive.of(bag)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CATEGORICAL").hasMessageContaining("GAUSSIAN");
    }

    @Test
    void klIsZeroOnlyAtEqualityAndPositiveOtherwise() {
        INDArray p = ContractInputs.probabilities(5, 3, SEED);
        INDArray q = ContractInputs.probabilities(5, 3, SEED + 1);
        assertThat(PredictiveMeasures.meanKl(p, p)).isCloseTo(0, within(1e-9));
        assertThat(PredictiveMeasures.meanKl(p, q)).isGreaterThan(1e-4);
        assertThatThrownBy(() -> PredictiveMeasures.meanKl(p, ContractInputs.probabilities(5, 4, SEED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[5, 3]")
                .hasMessageContaining("[5, 4]");
    }
}
