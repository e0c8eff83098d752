package org.distill4j.core.teacher;

import static org.distill4j.core.teacher.TinyNetworkFixtures.D;
import static org.distill4j.core.teacher.TinyNetworkFixtures.K;

import java.util.List;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.contract.ConditionalTeacherContract;
import org.distill4j.core.contract.ContractInputs;
import org.junit.jupiter.api.Nested;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link EnsembleTeacher} against the teacher contract, in each of its capability classes: with an exact Jacobian
 * and a parameter count, with a finite-difference member (inexact Jacobian), and without a Jacobian.
 */
class EnsembleTeacherContractTest {

    private static final long SEED = 2015L;

    /** Three FLOAT networks: {@code HasInputJacobian} and {@code HasParameterCount}, default tolerances. */
    @Nested
    class FloatNetworks extends ConditionalTeacherContract<EnsembleTeacher> {
        @Override
        protected EnsembleTeacher newTeacher() {
            EnsembleTeacher ensemble = EnsembleTeacher.averagingProbabilities(List.of(
                    MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.RELU, DataType.FLOAT, SEED)),
                    MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.TANH, DataType.FLOAT, SEED + 1)),
                    MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.SIGMOID, DataType.FLOAT, SEED + 2))));
            requireCapabilities(ensemble, true, true);
            return ensemble;
        }
    }

    /** An exact DOUBLE member and a black-box member: an inexact Jacobian, no parameter count. */
    @Nested
    class DoubleWithABlackBoxMember extends ConditionalTeacherContract<EnsembleTeacher> {
        @Override
        protected EnsembleTeacher newTeacher() {
            SoftmaxLinearTeacherFixture exact = SoftmaxLinearTeacherFixture.random(D, K, SEED, 0.8);
            SoftmaxLinearTeacherFixture other = SoftmaxLinearTeacherFixture.random(D, K, SEED + 7, 1.2);
            EnsembleTeacher ensemble = EnsembleTeacher.averagingProbabilities(
                    List.of(exact, BlackBoxTeacher.of(other.asFunction(), D, K)));
            requireCapabilities(ensemble, true, false);
            return ensemble;
        }

        @Override
        protected INDArray sampleInputs(EnsembleTeacher teacher, int n, long seed) {
            return ContractInputs.gaussian(n, teacher.inputSize(), seed, DataType.DOUBLE);
        }

        @Override
        protected double jacobianTolerance() {
            return 1e-6;
        }

        @Override
        protected double finiteDifferenceStep() {
            return 1e-5;
        }
    }

    /** A member without input derivatives: the plain ensemble class. */
    @Nested
    class WithoutJacobian extends ConditionalTeacherContract<EnsembleTeacher> {
        @Override
        protected EnsembleTeacher newTeacher() {
            EnsembleTeacher ensemble = EnsembleTeacher.averagingProbabilities(List.of(
                    plain(MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.TANH, DataType.FLOAT, SEED))),
                    MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.RELU, DataType.FLOAT, SEED + 1))));
            requireCapabilities(ensemble, false, false);
            return ensemble;
        }
    }

    private static void requireCapabilities(EnsembleTeacher ensemble, boolean jacobian, boolean count) {
        if ((ensemble instanceof HasInputJacobian) != jacobian || (ensemble instanceof HasParameterCount) != count) {
            throw new AssertionError("fixture " + ensemble.getClass().getSimpleName() + " should have Jacobian="
                    + jacobian + ", parameter count=" + count);
        }
    }

    /** Only the {@link ConditionalTeacher} face of {@code teacher}. */
    private static ConditionalTeacher plain(ConditionalTeacher teacher) {
        return new ConditionalTeacher() {
            @Override
            public int inputSize() {
                return teacher.inputSize();
            }

            @Override
            public int outputSize() {
                return teacher.outputSize();
            }

            @Override
            public INDArray predict(INDArray inputs) {
                return teacher.predict(inputs);
            }
        };
    }
}
