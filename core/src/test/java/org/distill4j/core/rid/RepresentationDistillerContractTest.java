package org.distill4j.core.rid;

import org.distill4j.core.Distiller;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.DistillerContract;
import org.distill4j.core.rid.RepresentationDistillationConfig.Method;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@link RepresentationDistiller} with RID passes the distiller contract (labels: the sign of the first input;
 * the throwing-teacher check is skipped: {@code ThrowingTeacher} wraps conditional teachers, not
 * representations).
 */
class RepresentationDistillerContractTest extends DistillerContract<HasHiddenRepresentation, MlpStudent> {

    @Override
    protected Distiller<HasHiddenRepresentation, MlpStudent> newDistiller(long seed) {
        return new RepresentationDistiller(RepresentationDistillationConfig.builder().method(Method.RID)
                .student(MlpArchitecture.of(4, 6, 2)).filterWidth(3).updater(new Adam(1e-2)).batchSize(8)
                .epochs(2).seed(seed).build());
    }

    @Override
    protected HasHiddenRepresentation newTeacher() {
        return MlpStudent.initialize(MlpArchitecture.of(4, 8, 2), 7);
    }

    @Override
    protected INDArray transferInputs() {
        return ContractInputs.gaussian(48, 4, 11, DataType.FLOAT);
    }

    @Override
    protected TransferSource transfer(INDArray inputs) {
        int[] labels = new int[(int) inputs.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = inputs.getDouble(i, 0) > 0 ? 1 : 0;
        }
        return TransferSources.fixed(inputs, labels);
    }

    @Override
    protected HasHiddenRepresentation teacherOfWrongWidth() {
        return MlpStudent.initialize(MlpArchitecture.of(5, 8, 2), 7);
    }
}
