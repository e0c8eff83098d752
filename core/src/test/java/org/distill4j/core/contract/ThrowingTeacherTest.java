package org.distill4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.teacher.BlackBoxTeacher;
import org.distill4j.core.teacher.HasInputJacobian;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

class ThrowingTeacherTest {

    private static final int D = 3;
    private static final int K = 4;
    private static final INDArray WEIGHTS = ContractInputs.gaussian(D, K, 7L, DataType.DOUBLE);

    /** {@code softmax(x·W)} as a black box: a differentiable delegate. */
    private static BlackBoxTeacher differentiable() {
        return BlackBoxTeacher.of(x -> Transforms.softmax(x.castTo(DataType.DOUBLE).mmul(WEIGHTS), false), D, K);
    }

    /** The same teacher without input derivatives. */
    private static ConditionalTeacher plain() {
        BlackBoxTeacher delegate = differentiable();
        return new ConditionalTeacher() {
            @Override
            public int inputSize() {
                return D;
            }

            @Override
            public int outputSize() {
                return K;
            }

            @Override
            public INDArray predict(INDArray inputs) {
                return delegate.predict(inputs);
            }
        };
    }

    @Test
    void keepsTheJacobianCapabilityOfItsDelegate() {
        ThrowingTeacher withJacobian = ThrowingTeacher.wrap(differentiable(), 5);
        ThrowingTeacher without = ThrowingTeacher.wrap(plain(), 5);

        assertThat(withJacobian).isInstanceOf(HasInputJacobian.class);
        assertThat(((HasInputJacobian) withJacobian).hasExactDerivatives()).as("black box: inexact").isFalse();
        assertThat(without).isNotInstanceOf(HasInputJacobian.class);
        assertThat(withJacobian.inputSize()).isEqualTo(D);
        assertThat(withJacobian.outputSize()).isEqualTo(K);
        assertThat(withJacobian.failingCall()).isEqualTo(5);
    }

    @Test
    void answersLikeItsDelegateThenThrowsFromTheFailingCallOn() {
        BlackBoxTeacher delegate = differentiable();
        ThrowingTeacher teacher = ThrowingTeacher.wrap(delegate, 3);
        HasInputJacobian jacobian = (HasInputJacobian) teacher;
        INDArray x = ContractInputs.gaussian(2, D, 1L, DataType.DOUBLE);

        assertThat(ContractAssertions.maxAbsDifference(teacher.predict(x), delegate.predict(x))).isZero();
        assertThat(ContractAssertions.maxAbsDifference(jacobian.logProbabilityJacobian(x),
                delegate.logProbabilityJacobian(x))).isZero();
        assertThat(teacher.calls()).isEqualTo(2);
        assertThat(teacher.failures()).isZero();

        assertThatThrownBy(() -> jacobian.logProbabilityJvp(x, x)).isInstanceOf(IllegalStateException.class)
                .hasMessage("teacher failed on call 3");
        assertThatThrownBy(() -> teacher.predict(x)).isInstanceOf(IllegalStateException.class)
                .hasMessage("teacher failed on call 4");
        assertThat(teacher.calls()).isEqualTo(4);
        assertThat(teacher.failures()).isEqualTo(2);
    }

    @Test
    void failingFromTheFirstCallNeverReachesTheDelegate() {
        int[] delegateCalls = {0};
        ConditionalTeacher counting = new ConditionalTeacher() {
            @Override
            public int inputSize() {
                return D;
            }

            @Override
            public int outputSize() {
                return K;
            }

            @Override
            public INDArray predict(INDArray inputs) {
                delegateCalls[0]++;
                return plain().predict(inputs);
            }
        };
        ThrowingTeacher teacher = ThrowingTeacher.wrap(counting, 1);

        assertThatThrownBy(() -> teacher.predict(ContractInputs.gaussian(1, D, 1L, DataType.FLOAT)))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith(ThrowingTeacher.MESSAGE);
        assertThat(delegateCalls[0]).isZero();
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> ThrowingTeacher.wrap(plain(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failingCall must be >= 1, got 0");
        assertThatThrownBy(() -> ThrowingTeacher.wrap(null, 1)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("delegate");
    }

    /** Until it fails, the wrapper is a teacher like any other. */
    @Nested
    class BeforeItFails extends ConditionalTeacherContract<ThrowingTeacher> {
        @Override
        protected ThrowingTeacher newTeacher() {
            return ThrowingTeacher.wrap(differentiable(), Integer.MAX_VALUE);
        }
    }
}
