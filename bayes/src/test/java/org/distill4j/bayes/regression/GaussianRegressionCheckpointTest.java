package org.distill4j.bayes.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.distill4j.bayes.fixture.LinearProblem;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.contract.CrashingTransfer;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint and resume of {@link GaussianRegressionDistiller} (issue 8): a run that crashes at the start of
 * epoch 3 (a transfer source that throws), resumed from its last checkpoint, ends with the same student, losses
 * and query count as an uninterrupted run with the same seed; a checkpoint of another student is refused and
 * changes nothing.
 */
class GaussianRegressionCheckpointTest {

    private static final LinearProblem PROBLEM = new LinearProblem(24, 3, 5);

    @TempDir
    Path dir;

    private static GaussianRegressionDistiller distiller(int hidden) {
        return new GaussianRegressionDistiller(GaussianRegressionConfig.builder().hidden(hidden)
                .training(TrainingSettings.builder().epochs(5).batchSize(8).seed(19).heldOut(0, 0).build())
                .build());
    }

    private static GaussianTeacher teacher() {
        return GaussianPredictiveTest.predictive(PROBLEM, 8, 5);
    }

    private static TransferSource transfer() {
        return TransferSources.fixed(PROBLEM.trainInputs.dup());
    }

    @Test
    void aRunResumedAfterACrashEndsLikeAnUninterruptedOne() {
        Distillation<GaussianRegressionStudent> uninterrupted = distiller(5).distill(teacher(), transfer());
        Path checkpoints = dir.resolve("run");
        assertThatThrownBy(() -> distiller(5).withCheckpoints(Checkpointing.everyEpoch(checkpoints))
                .distill(teacher(), CrashingTransfer.failingAt(transfer(), 3)))
                .isInstanceOf(DistillationException.class).hasMessageContaining(CrashingTransfer.MESSAGE);
        Distillation<GaussianRegressionStudent> resumed = distiller(5).resume(teacher(), transfer(), checkpoints);

        assertThat(resumed.student()).isEqualTo(uninterrupted.student());
        assertThat(resumed.student().moments(PROBLEM.testInputs))
                .isEqualTo(uninterrupted.student().moments(PROBLEM.testInputs));
        assertThat(resumed.report().lossPerTerm()).isEqualTo(uninterrupted.report().lossPerTerm());
        assertThat(resumed.report().epochsRun()).isEqualTo(5);
        assertThat(resumed.report().teacherQueries()).isEqualTo(uninterrupted.report().teacherQueries());
    }

    @Test
    void aStateOfAnotherStudentIsRefusedAndChangesNothing() {
        GaussianRegressionDistiller.Run run = new GaussianRegressionDistiller.Run(new GaussianRegressionTraining(
                GaussianRegressionStudent.initialize(2, new int[] {3}, 1), 0.01));
        GaussianRegressionStudent before = run.snapshot();
        RunState other = new GaussianRegressionDistiller.Run(new GaussianRegressionTraining(
                GaussianRegressionStudent.initialize(2, new int[] {4}, 1), 0.01)).saveState();
        assertThatThrownBy(() -> run.restoreState(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameters");
        assertThat(run.snapshot()).isEqualTo(before);
        RunState own = run.saveState();
        assertThat(own.arrays()).containsKeys("parameters", "adamFirstMoment", "adamSecondMoment");
        assertThat(own.fields()).containsKeys("adamSteps", "teacherQueries");
        run.restoreState(own);
        assertThat(run.snapshot()).isEqualTo(before);
    }
}
