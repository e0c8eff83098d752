package org.distill4j.core.rid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.CrashingTransfer;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.rid.RepresentationDistillationConfig.Method;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/** RID, VID and KD runs stopped by a crash and resumed from their checkpoint end as uninterrupted runs. */
class RepresentationDistillerResumeTest {

    @TempDir
    Path dir;

    private static RepresentationDistiller distiller(Method method) {
        return new RepresentationDistiller(RepresentationDistillationConfig.builder().method(method)
                .student(MlpArchitecture.of(4, 6, 2)).filterWidth(3).updater(new Adam(1e-2)).batchSize(8)
                .epochs(4).seed(5).build());
    }

    private static TransferSource transfer() {
        INDArray inputs = ContractInputs.gaussian(48, 4, 11, DataType.FLOAT);
        int[] labels = new int[(int) inputs.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = inputs.getDouble(i, 0) > 0 ? 1 : 0;
        }
        return TransferSources.fixed(inputs, labels);
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"RID", "VID", "KD"})
    void aResumedRunEndsLikeAnUninterruptedOne(Method method) {
        MlpStudent teacher = MlpStudent.initialize(MlpArchitecture.of(4, 8, 2), 7);
        Distillation<MlpStudent> uninterrupted = distiller(method).distill(teacher, transfer());
        Path checkpoints = dir.resolve(method.name());
        assertThatThrownBy(() -> distiller(method).withCheckpoints(Checkpointing.everyEpoch(checkpoints))
                .distill(teacher, CrashingTransfer.failingAt(transfer(), 2)))
                .isInstanceOf(DistillationException.class).hasMessageContaining("simulated crash");
        Distillation<MlpStudent> resumed = distiller(method).resume(teacher, transfer(), checkpoints);
        INDArray x = ContractInputs.gaussian(10, 4, 3, DataType.FLOAT);
        assertThat(resumed.student().predict(x)).isEqualTo(uninterrupted.student().predict(x));
        assertThat(resumed.report().lossPerTerm()).isEqualTo(uninterrupted.report().lossPerTerm());
        // (query counts are not compared: the crashing wrapper is not fixed data, so that run asked per batch)
    }
}
