package org.distill4j.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BlackBoxTeacherTest {

    private static final long SEED = 1995L;
    private static final int D = 4;
    private static final int K = 3;

    private final SoftmaxLinearTeacherFixture truth = SoftmaxLinearTeacherFixture.random(D, K, SEED, 0.8);

    @Test
    void isFlaggedAsNotExact() {
        assertThat(BlackBoxTeacher.of(truth.asFunction(), D, K).hasExactDerivatives()).isFalse();
    }

    @Test
    void finiteDifferenceJacobianIsCloseToTheTruthInDouble() {
        BlackBoxTeacher teacher = BlackBoxTeacher.of(truth.asFunction(), D, K);
        INDArray x = TinyNetworkFixtures.gaussian(6, D, SEED, DataType.DOUBLE);

        INDArray jacobian = teacher.logProbabilityJacobian(x);

        assertThat(jacobian.shape()).containsExactly(6, K, D);
        assertThat(jacobian.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(TinyNetworkFixtures.relativeError(jacobian, truth.logProbabilityJacobian(x))).as("seed %s", SEED)
                .isLessThan(1e-7);
    }

    @Test
    void finiteDifferenceJacobianIsCloseToTheTruthInFloat() {
        BlackBoxTeacher teacher = BlackBoxTeacher.of(truth.asFunction(), D, K);
        INDArray x = TinyNetworkFixtures.gaussian(5, D, SEED, DataType.FLOAT);

        INDArray jacobian = teacher.logProbabilityJacobian(x);

        assertThat(jacobian.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(TinyNetworkFixtures.relativeError(jacobian, truth.logProbabilityJacobian(x))).isLessThan(1e-4);
    }

    @Test
    void largeBatchesAreDifferencedInChunks() {
        int[] calls = {0};
        BlackBoxTeacher teacher = BlackBoxTeacher.of(x -> {
            calls[0]++;
            return truth.predict(x);
        }, D, K);
        INDArray x = TinyNetworkFixtures.gaussian(1030, D, SEED, DataType.DOUBLE);

        INDArray jacobian = teacher.logProbabilityJacobian(x);

        assertThat(calls[0]).isGreaterThan(1);
        assertThat(TinyNetworkFixtures.relativeError(jacobian, truth.logProbabilityJacobian(x))).isLessThan(1e-7);
    }

    @Test
    void theConfiguredStepIsUsed() {
        INDArray x = TinyNetworkFixtures.gaussian(3, D, SEED, DataType.DOUBLE);
        BlackBoxTeacher coarse = BlackBoxTeacher.builder(truth.asFunction(), D, K).finiteDifferenceStep(0.5).build();

        double coarseError = TinyNetworkFixtures.relativeError(coarse.logProbabilityJacobian(x),
                truth.logProbabilityJacobian(x));

        assertThat(coarse.finiteDifferenceStep()).hasValue(0.5);
        assertThat(BlackBoxTeacher.of(truth.asFunction(), D, K).finiteDifferenceStep()).isEmpty();
        assertThat(coarseError).isGreaterThan(1e-4).isLessThan(0.2);
    }

    @Test
    void jacobianVectorProductDefaultEqualsJacobianTimesDirection() {
        BlackBoxTeacher teacher = BlackBoxTeacher.of(truth.asFunction(), D, K);
        INDArray x = TinyNetworkFixtures.gaussian(3, D, SEED, DataType.DOUBLE);
        INDArray v = TinyNetworkFixtures.gaussian(3, D, SEED + 1, DataType.DOUBLE);
        INDArray jacobian = teacher.logProbabilityJacobian(x);

        INDArray jvp = teacher.logProbabilityJvp(x, v);

        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < K; k++) {
                double expected = 0;
                for (int j = 0; j < D; j++) {
                    expected += jacobian.getDouble(r, k, j) * v.getDouble(r, j);
                }
                assertThat(jvp.getDouble(r, k)).isCloseTo(expected, within(1e-12));
            }
        }
    }

    @Test
    void predictReturnsTheFunctionsAnswerAndProtectsTheCallersInputs() {
        BlackBoxTeacher teacher = BlackBoxTeacher.of(x -> truth.predict(x.addi(0.0).muli(1.0).subi(x)), D, K);
        INDArray x = TinyNetworkFixtures.gaussian(4, D, SEED, DataType.DOUBLE);
        INDArray copy = x.dup();

        INDArray p = teacher.predict(x);

        assertThat(x).isEqualTo(copy);
        assertThat(p).isEqualTo(truth.predict(Nd4j.zeros(DataType.DOUBLE, 4, D)));
    }

    @Test
    void rejectsBadAnswersNamingTeacherProbabilities() {
        INDArray x = TinyNetworkFixtures.gaussian(2, D, SEED, DataType.DOUBLE);
        INDArray good = truth.predict(x);
        INDArray nan = good.dup();
        nan.putScalar(0, 0, Double.NaN);
        INDArray negative = Nd4j.create(new double[][] {{1.2, -0.2, 0}, {0.2, 0.3, 0.5}});
        INDArray unnormalised = good.mul(1.01);
        INDArray wrongShape = Nd4j.ones(DataType.DOUBLE, 2, K + 1).divi(K + 1);

        for (INDArray bad : new INDArray[] {nan, negative, unnormalised, wrongShape}) {
            BlackBoxTeacher teacher = BlackBoxTeacher.of(in -> bad, D, K);
            assertThatThrownBy(() -> teacher.predict(x)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("teacher probabilities");
            assertThatThrownBy(() -> teacher.logProbabilityJacobian(x)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("teacher probabilities");
        }
        assertThatThrownBy(() -> BlackBoxTeacher.of(in -> null, D, K).predict(x))
                .hasMessageContaining("teacher probabilities");
    }

    @Test
    void exceptionsOfTheFunctionPropagateUnchanged() {
        IllegalStateException failure = new IllegalStateException("remote model unavailable");
        Function<INDArray, INDArray> broken = x -> {
            throw failure;
        };
        BlackBoxTeacher teacher = BlackBoxTeacher.of(broken, D, K);

        assertThatThrownBy(() -> teacher.predict(TinyNetworkFixtures.gaussian(1, D, SEED, DataType.DOUBLE)))
                .isSameAs(failure);
    }

    @Test
    void rejectsInvalidConfigurationAndInputs() {
        assertThatThrownBy(() -> BlackBoxTeacher.builder(truth.asFunction(), D, K).finiteDifferenceStep(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finiteDifferenceStep");
        assertThatThrownBy(() -> BlackBoxTeacher.of(truth.asFunction(), 0, K))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputSize");
        assertThatThrownBy(() -> BlackBoxTeacher.of(null, D, K)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("function");
        BlackBoxTeacher teacher = BlackBoxTeacher.of(truth.asFunction(), D, K);
        INDArray nan = TinyNetworkFixtures.gaussian(2, D, SEED, DataType.DOUBLE);
        nan.putScalar(1, 1, Double.NaN);
        assertThatThrownBy(() -> teacher.predict(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> teacher.predict(Nd4j.zeros(DataType.DOUBLE, 2, D + 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n, " + D + "]");
    }
}
