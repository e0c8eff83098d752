package org.distill4j.core.compression;

import java.io.IOException;
import java.nio.file.Path;
import org.distill4j.core.contract.StudentContract;
import org.junit.jupiter.api.Nested;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/** {@link MlpStudent} passes the student contract, in FLOAT and in DOUBLE (with a tight Jacobian check). */
class MlpStudentContractTest {

    @Nested
    class Float extends StudentContract<MlpStudent> {
        @Override
        protected MlpStudent newStudent(long seed) {
            return MlpStudent.initialize(MlpArchitecture.of(5, 7, 6, 3), seed);
        }

        @Override
        protected MlpStudent load(Path file) throws IOException {
            return MlpStudent.load(file);
        }
    }

    @Nested
    class DoubleTanh extends StudentContract<MlpStudent> {
        @Override
        protected MlpStudent newStudent(long seed) {
            return MlpStudent.initialize(MlpArchitecture.of(5, 7, 6, 3).withActivation(Activation.TANH)
                    .withDataType(DataType.DOUBLE), seed);
        }

        @Override
        protected MlpStudent load(Path file) throws IOException {
            return MlpStudent.load(file);
        }

        @Override
        protected double jacobianTolerance() {
            return 1e-8;
        }

        @Override
        protected double finiteDifferenceStep() {
            return 1e-6;
        }
    }
}
