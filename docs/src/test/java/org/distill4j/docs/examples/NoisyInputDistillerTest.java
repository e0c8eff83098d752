package org.distill4j.docs.examples;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distiller;
import org.distill4j.core.compression.CompressionConfig;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.contract.OneClassTeacher;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.DistillerContract;
import org.distill4j.core.contract.ThrowingTeacher;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/** A user's distiller passing the core contract kit in a few lines (see the extending guide). */
class NoisyInputDistillerTest extends DistillerContract<ConditionalTeacher, MlpStudent> {

    private static CompressionConfig tinyConfig(long seed) {
        return CompressionConfig.builder().student(MlpArchitecture.of(4, 6, 3)).updater(new Adam(1e-2))
                .batchSize(8).epochs(2).heldOut(0, 16).seed(seed).build();
    }

    @Override
    protected Distiller<ConditionalTeacher, MlpStudent> newDistiller(long seed) {
        return new NoisyInputDistiller(tinyConfig(seed), 0.1);
    }

    @Override
    protected ConditionalTeacher oneClassTeacher() {
        return OneClassTeacher.of(newTeacher(), 0);
    }

    @Override
    protected ConditionalTeacher newTeacher() {
        return MlpStudent.initialize(MlpArchitecture.of(4, 8, 3), 7); // any trained model is a teacher
    }

    @Override
    protected INDArray transferInputs() {
        return ContractInputs.gaussian(64, 4, 11, DataType.FLOAT);
    }

    @Override
    protected ConditionalTeacher throwingTeacher(int calls) {   // optional: enables the teacher-failure check
        return ThrowingTeacher.wrap(newTeacher(), calls);
    }

    @Override
    protected ConditionalTeacher teacherOfWrongWidth() {        // optional: enables the width check
        return MlpStudent.initialize(MlpArchitecture.of(5, 8, 3), 7);
    }

    @Test
    void rejectsZeroSigma() {
        assertThatThrownBy(() -> new NoisyInputDistiller(tinyConfig(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma");
    }
}
