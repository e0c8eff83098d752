package org.distill4j.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.Student;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.progress.StudentListener;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@link MlpStudent#hiddenRepresentations} and the loop's {@link StudentListener} hook. */
class StudentListenerTest {

    @Test
    void hiddenRepresentationsAreTheHiddenLayerOutputs() {
        MlpStudent student = MlpStudent.initialize(MlpArchitecture.of(4, 6, 5, 3), 3);
        INDArray x = ContractInputs.gaussian(7, 4, 1, DataType.FLOAT);
        INDArray before = x.dup();
        List<INDArray> hidden = student.hiddenRepresentations(x);
        assertThat(hidden).hasSize(2);
        assertThat(hidden.get(0).shape()).containsExactly(7, 6);
        assertThat(hidden.get(1).shape()).containsExactly(7, 5);
        // by hand: relu(x W0 + b0), relu(h0 W1 + b1), with the flat layout W0 [4,6], b0 [6], W1 [6,5], b1 [5]
        INDArray p = student.parameters();
        INDArray w0 = p.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 24)).reshape('c', 4, 6);
        INDArray b0 = p.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(24, 30)).reshape(1, 6);
        INDArray h0 = Transforms.relu(x.mmul(w0).addRowVector(b0), true);
        assertThat(hidden.get(0).sub(h0).amaxNumber().doubleValue()).isCloseTo(0, within(1e-5));
        assertThat(x).isEqualTo(before);
        assertThat(hidden.get(1).minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void aStudentListenerSeesEveryEpochsStudent() {
        List<Integer> epochs = new ArrayList<>();
        List<Student> students = new ArrayList<>();
        StudentListener listener = (epoch, student) -> {
            epochs.add(epoch);
            students.add(student);
        };
        MlpStudent teacher = MlpStudent.initialize(MlpArchitecture.of(4, 8, 3), 7);
        CompressionDistiller distiller = new CompressionDistiller(CompressionConfig.builder()
                .student(MlpArchitecture.of(4, 6, 3))
                .objective(Objective.builder().term(SoftTargetCrossEntropy.atTemperature(1.0), 1.0).build())
                .updater(new Adam(1e-2)).batchSize(8).epochs(3).heldOut(0, 0).seed(5).build());
        distiller.withListener(listener);
        MlpStudent last = distiller.distill(teacher,
                TransferSources.fixed(ContractInputs.gaussian(32, 4, 2, DataType.FLOAT))).student();
        assertThat(epochs).containsExactly(0, 1, 2);
        assertThat(students.get(2)).isEqualTo(last);
        assertThat(students.get(0)).isNotEqualTo(students.get(2));
    }
}
