package org.distill4j.generative.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.DensityTeacher;
import org.distill4j.core.contract.CrashingTransfer;
import org.distill4j.core.contract.KilledChild;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.testing.ShiftedDensityFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint and resume of {@link RbmNadeDistiller} (issue 8), as core's {@code CheckpointResumeTest}: a run whose
 * transfer source fails at the start of an epoch (a crash after the last checkpoint) is resumed from its checkpoint
 * and must end with exactly the NADE, losses and query count of an uninterrupted run with the same seed — for an RBM
 * teacher (persistent Gibbs chains, Adam state) and for a density teacher without chains. The transfer source is
 * the distiller's only input path besides the teacher: it gives the chains' starting states (one call in
 * {@code prepare}) and the epochs. A child JVM ({@link RbmNadeCheckpointFixture#main}) killed with {@code kill -9}
 * after its second epoch's checkpoint also resumes to the uninterrupted NADE.
 */
class RbmNadeCheckpointTest {

    @TempDir
    Path dir;

    private void resumesExactly(DensityTeacher teacher, String name) {
        Distillation<Nade> uninterrupted = RbmNadeCheckpointFixture.distiller(4).distill(teacher, RbmNadeCheckpointFixture.transfer());
        Path checkpoints = dir.resolve(name);
        assertThatThrownBy(() -> RbmNadeCheckpointFixture.distiller(4).withCheckpoints(Checkpointing.everyEpoch(checkpoints))
                .distill(teacher, CrashingTransfer.failingAt(RbmNadeCheckpointFixture.transfer(), 4))).isInstanceOf(DistillationException.class)
                .hasMessageContaining("simulated crash");
        assertThat(checkpoints).isNotEmptyDirectory();
        Distillation<Nade> resumed = RbmNadeCheckpointFixture.distiller(4).resume(teacher, RbmNadeCheckpointFixture.transfer(), checkpoints);
        assertThat(resumed.student()).isEqualTo(uninterrupted.student());
        assertThat(resumed.report().lossPerTerm()).isEqualTo(uninterrupted.report().lossPerTerm());
        assertThat(resumed.report().epochsRun()).isEqualTo(RbmNadeCheckpointFixture.EPOCHS);
        assertThat(resumed.report().teacherQueries()).isEqualTo(uninterrupted.report().teacherQueries());
    }

    @Test
    void anRbmRunResumedAfterACrashEndsLikeAnUninterruptedOne() {
        resumesExactly(RbmNadeCheckpointFixture.teacher(), "rbm");
    }

    @Test
    void aRunWithoutChainsResumesExactlyToo() {
        resumesExactly(new ShiftedDensityFixture(RbmNadeCheckpointFixture.teacher(), 0.5),
                "density");
    }

    @Test
    void aChildJvmKilledWithSigkillResumesToTheUninterruptedNade() throws Exception {
        Path checkpoints = dir.resolve("killed");
        KilledChild.runUntilMarkerThenKill(RbmNadeCheckpointFixture.class, checkpoints, dir, Duration.ofMinutes(4));
        Distillation<Nade> resumed = RbmNadeCheckpointFixture.distiller(4)
                .resume(RbmNadeCheckpointFixture.teacher(), RbmNadeCheckpointFixture.transfer(), checkpoints);
        Distillation<Nade> uninterrupted = RbmNadeCheckpointFixture.distiller(4)
                .distill(RbmNadeCheckpointFixture.teacher(), RbmNadeCheckpointFixture.transfer());
        assertThat(resumed.student()).isEqualTo(uninterrupted.student());
        assertThat(resumed.report().lossPerTerm()).isEqualTo(uninterrupted.report().lossPerTerm());
        assertThat(resumed.report().teacherQueries()).isEqualTo(uninterrupted.report().teacherQueries());
    }

    @Test
    void resumingWithOtherSettingsIsRefused() {
        Path checkpoints = dir.resolve("other");
        assertThatThrownBy(() -> RbmNadeCheckpointFixture.distiller(4).withCheckpoints(Checkpointing.everyEpoch(checkpoints))
                .distill(RbmNadeCheckpointFixture.teacher(), CrashingTransfer.failingAt(RbmNadeCheckpointFixture.transfer(), 3)))
                .isInstanceOf(DistillationException.class);
        assertThatThrownBy(() -> RbmNadeCheckpointFixture.distiller(5).resume(RbmNadeCheckpointFixture.teacher(),
                RbmNadeCheckpointFixture.transfer(), checkpoints)).isInstanceOf(IllegalArgumentException.class);
    }
}
