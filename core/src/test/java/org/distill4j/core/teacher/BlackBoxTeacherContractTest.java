package org.distill4j.core.teacher;

import org.distill4j.core.contract.ConditionalTeacherContract;
import org.distill4j.core.contract.ContractInputs;
import org.junit.jupiter.api.Nested;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link BlackBoxTeacher} (finite-difference Jacobian) against the teacher contract, fed FLOAT and DOUBLE. */
class BlackBoxTeacherContractTest {

    private static final int D = 4;
    private static final int K = 3;
    private static final SoftmaxLinearTeacherFixture TRUTH = SoftmaxLinearTeacherFixture.random(D, K, 1995L, 0.8);

    /** FLOAT inputs (its default step {@value BlackBoxTeacher#DEFAULT_FLOAT_STEP}), default tolerances. */
    @Nested
    class FloatInputs extends ConditionalTeacherContract<BlackBoxTeacher> {
        @Override
        protected BlackBoxTeacher newTeacher() {
            return BlackBoxTeacher.of(TRUTH.asFunction(), D, K);
        }
    }

    /** DOUBLE inputs (its default step {@value BlackBoxTeacher#DEFAULT_DOUBLE_STEP}), tight tolerance. */
    @Nested
    class DoubleInputs extends ConditionalTeacherContract<BlackBoxTeacher> {
        @Override
        protected BlackBoxTeacher newTeacher() {
            return BlackBoxTeacher.of(TRUTH.asFunction(), D, K);
        }

        @Override
        protected INDArray sampleInputs(BlackBoxTeacher teacher, int n, long seed) {
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
}
