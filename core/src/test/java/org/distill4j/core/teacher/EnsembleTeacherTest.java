package org.distill4j.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.distill4j.core.teacher.TinyNetworkFixtures.D;
import static org.distill4j.core.teacher.TinyNetworkFixtures.K;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.distill4j.core.ConditionalTeacher;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EnsembleTeacherTest {

    private static final long SEED = 1510_02437L;

    private static List<MultiLayerNetworkTeacher> networks(DataType type) {
        return List.of(
                MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.RELU, type, SEED)),
                MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.TANH, type, SEED + 1)),
                MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.RELU, type, SEED + 2)));
    }

    @Test
    void predictsTheMeanOfTheMembersProbabilities() {
        List<MultiLayerNetworkTeacher> members = networks(DataType.DOUBLE);
        EnsembleTeacher ensemble = EnsembleTeacher.averagingProbabilities(members);
        INDArray x = TinyNetworkFixtures.gaussian(5, D, SEED, DataType.DOUBLE);

        INDArray p = ensemble.predict(x);

        INDArray expected = members.get(0).predict(x).add(members.get(1).predict(x)).add(members.get(2).predict(x))
                .div(3);
        assertThat(TinyNetworkFixtures.relativeError(p, expected)).isLessThan(1e-14);
        assertThat(p.sum(1).sub(1.0).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(ensemble.members()).containsExactlyElementsOf(members);
        assertThat(ensemble.inputSize()).isEqualTo(D);
        assertThat(ensemble.outputSize()).isEqualTo(K);
    }

    @Test
    void jacobianOfTheLogOfTheMeanMatchesCentralDifferences() {
        EnsembleTeacher ensemble = EnsembleTeacher.averagingProbabilities(networks(DataType.DOUBLE));
        assertThat(ensemble).isInstanceOf(HasInputJacobian.class).isInstanceOf(HasParameterCount.class);
        HasInputJacobian differentiable = (HasInputJacobian) ensemble;
        INDArray x = TinyNetworkFixtures.gaussian(6, D, SEED, DataType.DOUBLE);

        INDArray jacobian = differentiable.logProbabilityJacobian(x);

        assertThat(jacobian.shape()).containsExactly(6, K, D);
        assertThat(differentiable.hasExactDerivatives()).isTrue();
        assertThat(TinyNetworkFixtures.relativeError(jacobian, TinyNetworkFixtures.centralDifferences(ensemble, x, 1e-6)))
                .as("seed %s", SEED).isLessThan(1e-5);
    }

    @Test
    void jacobianVectorProductsEqualJacobianTimesDirection() {
        HasInputJacobian ensemble = (HasInputJacobian) EnsembleTeacher.averagingProbabilities(networks(DataType.DOUBLE));
        INDArray x = TinyNetworkFixtures.gaussian(4, D, SEED, DataType.DOUBLE);
        INDArray v = TinyNetworkFixtures.gaussian(4, D, SEED + 3, DataType.DOUBLE);
        INDArray jacobian = ensemble.logProbabilityJacobian(x);

        INDArray jvp = ensemble.logProbabilityJvp(x, v);

        for (int r = 0; r < 4; r++) {
            for (int k = 0; k < K; k++) {
                double expected = 0;
                for (int j = 0; j < D; j++) {
                    expected += jacobian.getDouble(r, k, j) * v.getDouble(r, j);
                }
                assertThat(jvp.getDouble(r, k)).isCloseTo(expected, within(1e-12));
            }
        }
        assertThatThrownBy(() -> ensemble.logProbabilityJvp(x, v.getColumns(0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("directions");
    }

    @Test
    void classesWithZeroMeanProbabilityGetTheAverageOfTheMembersDerivatives() {
        INDArray jacobianA = TinyNetworkFixtures.gaussian(1, 4, SEED, DataType.DOUBLE).reshape(1, 2, 2);
        INDArray jacobianB = TinyNetworkFixtures.gaussian(1, 4, SEED + 1, DataType.DOUBLE).reshape(1, 2, 2);
        EnsembleTeacher ensemble = EnsembleTeacher.averagingProbabilities(List.of(
                fixed(new double[] {1, 0}, jacobianA), fixed(new double[] {1, 0}, jacobianB)));
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 2);

        INDArray jacobian = ((HasInputJacobian) ensemble).logProbabilityJacobian(x);

        INDArray average = jacobianA.add(jacobianB).div(2);
        assertThat(TinyNetworkFixtures.relativeError(jacobian, average)).isLessThan(1e-14);
    }

    @Test
    void capabilitiesFollowTheMembers() {
        SoftmaxLinearTeacherFixture exact = SoftmaxLinearTeacherFixture.random(D, K, SEED, 1.0);
        BlackBoxTeacher blackBox = BlackBoxTeacher.of(exact.asFunction(), D, K);
        ConditionalTeacher plain = plain(exact);

        EnsembleTeacher withBlackBox = EnsembleTeacher.averagingProbabilities(List.of(exact, blackBox));
        EnsembleTeacher withPlain = EnsembleTeacher.averagingProbabilities(List.of(exact, plain));
        EnsembleTeacher counted = EnsembleTeacher.averagingProbabilities(networks(DataType.FLOAT));

        assertThat(withBlackBox).isInstanceOf(HasInputJacobian.class).isNotInstanceOf(HasParameterCount.class);
        assertThat(((HasInputJacobian) withBlackBox).hasExactDerivatives()).isFalse();
        assertThat(withPlain).isNotInstanceOf(HasInputJacobian.class).isNotInstanceOf(HasParameterCount.class);
        assertThat(EnsembleTeacher.averagingProbabilities(List.of(exact, exact)))
                .isInstanceOf(HasParameterCount.class);
        assertThat(((HasParameterCount) counted).parameterCount())
                .isEqualTo(3 * TinyNetworkFixtures.mlp(Activation.RELU, DataType.FLOAT, SEED).numParams());
    }

    @Test
    void rejectsMismatchedMembersNamingIndexAndSizes() {
        SoftmaxLinearTeacherFixture first = SoftmaxLinearTeacherFixture.random(D, K, SEED, 1.0);

        assertThatThrownBy(() -> EnsembleTeacher.averagingProbabilities(List.of(first, first,
                SoftmaxLinearTeacherFixture.random(D + 1, K, SEED, 1.0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member 2")
                .hasMessageContaining("inputSize " + (D + 1)).hasMessageContaining("inputSize " + D);
        assertThatThrownBy(() -> EnsembleTeacher.averagingProbabilities(List.of(first,
                SoftmaxLinearTeacherFixture.random(D, K + 2, SEED, 1.0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member 1")
                .hasMessageContaining("outputSize " + (K + 2)).hasMessageContaining("outputSize " + K);
        assertThatThrownBy(() -> EnsembleTeacher.averagingProbabilities(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }

    @Test
    void rejectsBadInputsBeforeAskingMembers() {
        int[] calls = {0};
        ConditionalTeacher counting = new ConditionalTeacher() {
            @Override
            public int outputSize() {
                return K;
            }

            @Override
            public INDArray predict(INDArray inputs) {
                calls[0]++;
                return Nd4j.ones(DataType.DOUBLE, inputs.size(0), K).divi(K);
            }

            @Override
            public int inputSize() {
                return D;
            }
        };
        EnsembleTeacher ensemble = EnsembleTeacher.averagingProbabilities(List.of(counting));
        INDArray nan = TinyNetworkFixtures.gaussian(2, D, SEED, DataType.DOUBLE);
        nan.putScalar(0, 0, Double.NaN);

        assertThatThrownBy(() -> ensemble.predict(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> ensemble.predict(Nd4j.zeros(DataType.DOUBLE, 2, D + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n, " + D + "]");
        assertThat(calls[0]).isZero();
    }

    @Test
    void concurrentPredictionEqualsSequential() throws Exception {
        EnsembleTeacher ensemble = EnsembleTeacher.averagingProbabilities(networks(DataType.FLOAT));
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inputs.add(TinyNetworkFixtures.gaussian(3 + i, D, SEED + i, DataType.FLOAT));
            expected.add(ensemble.predict(inputs.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<INDArray>> answers = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 8; i++) {
                    INDArray x = inputs.get(i);
                    answers.add(pool.submit(() -> ensemble.predict(x)));
                }
            }
            for (int j = 0; j < answers.size(); j++) {
                assertThat(answers.get(j).get()).as("answer %s", j).isEqualTo(expected.get(j % 8));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A member answering fixed probabilities and a fixed Jacobian for any single input. */
    private static HasInputJacobian fixed(double[] probabilities, INDArray jacobian) {
        return new HasInputJacobian() {
            @Override
            public INDArray logProbabilityJacobian(INDArray inputs) {
                return jacobian.dup();
            }

            @Override
            public int outputSize() {
                return probabilities.length;
            }

            @Override
            public INDArray predict(INDArray inputs) {
                return Nd4j.create(probabilities, 1, probabilities.length);
            }

            @Override
            public int inputSize() {
                return (int) jacobian.size(2);
            }
        };
    }

    private static ConditionalTeacher plain(ConditionalTeacher teacher) {
        return new ConditionalTeacher() {
            @Override
            public int outputSize() {
                return teacher.outputSize();
            }

            @Override
            public INDArray predict(INDArray inputs) {
                return teacher.predict(inputs);
            }

            @Override
            public int inputSize() {
                return teacher.inputSize();
            }
        };
    }
}
