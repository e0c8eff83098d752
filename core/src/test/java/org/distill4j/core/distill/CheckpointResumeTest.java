package org.distill4j.core.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.contract.CrashingTransfer;
import org.distill4j.core.contract.KilledChild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointResumeTest {

    @TempDir
    Path dir;

    private static void assertSameRun(Distillation<MlpStudent> a, Distillation<MlpStudent> b) {
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 20, CheckpointFixture.FEATURES);
        assertThat(b.student().predict(x)).isEqualTo(a.student().predict(x));
        assertThat(b.report().lossPerTerm()).isEqualTo(a.report().lossPerTerm());
        assertThat(b.report().validationFidelity()).isEqualTo(a.report().validationFidelity());
        assertThat(b.report().bestEpoch()).isEqualTo(a.report().bestEpoch());
        assertThat(b.report().epochsRun()).isEqualTo(a.report().epochsRun());
        assertThat(b.report().fidelity()).isEqualTo(a.report().fidelity());
        assertThat(b.report().teacherQueries()).isEqualTo(a.report().teacherQueries());
    }

    @Test
    void aRunResumedAfterACrashEndsLikeAnUninterruptedOne() {
        Distillation<MlpStudent> uninterrupted = CheckpointFixture.distiller()
                .distill(CheckpointFixture.teacher(), CheckpointFixture.transfer());
        Path checkpoints = dir.resolve("run");
        assertThatThrownBy(() -> CheckpointFixture.distiller().withCheckpoints(Checkpointing.everyEpoch(checkpoints))
                .distill(CheckpointFixture.teacher(), CrashingTransfer.failingAt(CheckpointFixture.transfer(), 3)))
                .isInstanceOf(DistillationException.class).hasMessageContaining("simulated crash");
        assertThat(checkpoints.resolve(CheckpointStore.FILE)).exists();
        Distillation<MlpStudent> resumed = CheckpointFixture.distiller()
                .resume(CheckpointFixture.teacher(), CheckpointFixture.transfer(), checkpoints);
        assertSameRun(uninterrupted, resumed);
    }

    @Test
    void writesEveryNthEpochAndRefusesOtherSettings() throws IOException {
        Path checkpoints = dir.resolve("every2");
        CheckpointFixture.distiller().withCheckpoints(new Checkpointing(checkpoints, 2, Duration.ZERO))
                .distill(CheckpointFixture.teacher(), CheckpointFixture.transfer());
        CheckpointStore.Loaded loaded = CheckpointStore.read(checkpoints);
        assertThat(((Number) loaded.loop().get("epochsRun")).intValue()).isEqualTo(4); // after epochs 2 and 4
        var other = new org.distill4j.core.compression.CompressionDistiller(
                org.distill4j.core.compression.CompressionConfig.builder()
                        .student(org.distill4j.core.compression.MlpArchitecture.of(CheckpointFixture.FEATURES, 8,
                                CheckpointFixture.CLASSES)).epochs(CheckpointFixture.EPOCHS).seed(11).build());
        assertThatThrownBy(() -> other.resume(CheckpointFixture.teacher(), CheckpointFixture.transfer(), checkpoints))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other settings");
        assertThatThrownBy(() -> CheckpointFixture.distiller().resume(CheckpointFixture.teacher(),
                CheckpointFixture.transfer(), dir.resolve("nothing-here")))
                .hasMessageContaining("no checkpoint");
        assertThatThrownBy(() -> new Checkpointing(dir, 0, Duration.ZERO)).hasMessageContaining("everyEpochs");
    }

    @Test
    void aChildJvmKilledWithSigkillResumesToTheUninterruptedStudent() throws Exception {
        Path checkpoints = dir.resolve("killed");
        KilledChild.runUntilMarkerThenKill(CheckpointFixture.class, checkpoints, dir, Duration.ofMinutes(4));
        Distillation<MlpStudent> resumed = CheckpointFixture.distiller()
                .resume(CheckpointFixture.teacher(), CheckpointFixture.transfer(), checkpoints);
        Distillation<MlpStudent> uninterrupted = CheckpointFixture.distiller()
                .distill(CheckpointFixture.teacher(), CheckpointFixture.transfer());
        assertSameRun(uninterrupted, resumed);
    }
}
