package org.distill4j.bayes.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distill4j.bayes.bag.CategoricalPredictive;

import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.CrashingTransfer;
import org.distill4j.core.contract.KilledChild;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.PauseAfterEpoch;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.distill.TeacherQueries;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checkpoint and resume of {@link MixtureDistiller} (issue 8): a run that crashes at the start of epoch 2 (a
 * transfer source that throws), resumed from its last checkpoint, ends with the same student and report as an
 * uninterrupted run with the same seed — with iterate averaging on, and with validation (whose best student is
 * read back through {@code loadStudent}); and a child JVM killed with SIGKILL after its second epoch's checkpoint,
 * resumed here, ends like an uninterrupted run.
 */
class MixtureDistillerCheckpointTest {

    private static final int EPOCHS = 5;
    private static final int CRASH = 2;

    @TempDir
    Path dir;

    private static MixtureDistiller distiller(boolean validation) {
        TrainingSettings settings = TrainingSettings.builder().epochs(EPOCHS).batchSize(16).seed(41)
                .heldOut(validation ? 16 : 0, 0).build();
        return new MixtureDistiller(MixtureDistillerConfig.builder().components(3).learningRate(0.05)
                .initFromBag(false).averageFrom(0.5).settings(settings).build());
    }

    private static CategoricalPredictive teacher() {
        return CategoricalPredictive.of(MixtureDistillerTest.bag(40, 7));
    }

    private static TransferSource transfer() {
        return TransferSources.fixed(ContractInputs.gaussian(80, 2, 13, DataType.DOUBLE).muli(2));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRunResumedAfterACrashEndsLikeAnUninterruptedOne(boolean validation) {
        Distillation<LogisticMixtureStudent> uninterrupted = distiller(validation).distill(teacher(), transfer());
        assertThat(uninterrupted.report().epochsRun()).as("epochs of the uninterrupted run").isGreaterThan(CRASH);
        Path checkpoints = dir.resolve("run-" + validation);
        assertThatThrownBy(() -> distiller(validation).withCheckpoints(Checkpointing.everyEpoch(checkpoints))
                .distill(teacher(), CrashingTransfer.failingAt(transfer(), CRASH)))
                .isInstanceOf(DistillationException.class).hasMessageContaining(CrashingTransfer.MESSAGE);
        Distillation<LogisticMixtureStudent> resumed = distiller(validation).resume(teacher(), transfer(),
                checkpoints);

        INDArray x = ContractInputs.gaussian(25, 2, 99, DataType.DOUBLE);
        assertThat(resumed.student().predict(x)).isEqualTo(uninterrupted.student().predict(x));
        assertThat(resumed.student().parameterCount()).isEqualTo(uninterrupted.student().parameterCount());
        assertThat(resumed.report().lossPerTerm()).isEqualTo(uninterrupted.report().lossPerTerm());
        assertThat(resumed.report().epochsRun()).isEqualTo(uninterrupted.report().epochsRun());
        assertThat(resumed.report().bestEpoch()).isEqualTo(uninterrupted.report().bestEpoch());
        assertThat(resumed.report().validationFidelity()).isEqualTo(uninterrupted.report().validationFidelity());
        assertThat(resumed.report().teacherQueries()).isEqualTo(uninterrupted.report().teacherQueries());
    }

    @Test
    void aStateOfAnotherShapeIsRefusedAndChangesNothing() {
        MixtureShape shape = MixtureShape.logistic(2, 2);
        double[] params = new double[shape.parameterCount()];
        java.util.Arrays.fill(params, 0.3);
        MixtureDistiller.Run run = new MixtureDistiller.Run(shape, params, new Adam(params.length, 0.1),
                new TeacherQueries(teacher(), false, 64), List.of());
        RunState good = run.saveState();
        assertThat(good.arrays()).containsKeys("parameters", "adamFirstMoment", "adamSecondMoment", "averageMean");
        MixtureShape bigger = MixtureShape.logistic(3, 2);
        double[] other = new double[bigger.parameterCount()];
        RunState wrong = new MixtureDistiller.Run(bigger, other, new Adam(other.length, 0.1),
                new TeacherQueries(teacher(), false, 64), List.of()).saveState();
        assertThatThrownBy(() -> run.restoreState(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameters").hasMessageContaining(String.valueOf(other.length));
        INDArray x = ContractInputs.gaussian(5, 2, 3, DataType.DOUBLE);
        assertThat(run.snapshot().predict(x)).as("after a refused restore").isEqualTo(
                LogisticMixtureStudent.of(shape, good.array("parameters").toDoubleVector()).predict(x));
        run.restoreState(good);
        assertThat(run.snapshot().parameterCount()).isEqualTo(params.length);
    }

    @Test
    void aChildJvmKilledWithSigkillResumesToTheUninterruptedStudent() throws Exception {
        Path checkpoints = dir.resolve("killed");
        KilledChild.runUntilMarkerThenKill(MixtureDistillerCheckpointTest.class, checkpoints, dir, Duration.ofMinutes(3));
        Distillation<LogisticMixtureStudent> resumed = distiller(true).resume(teacher(), transfer(), checkpoints);
        Distillation<LogisticMixtureStudent> uninterrupted = distiller(true).distill(teacher(), transfer());
        INDArray x = ContractInputs.gaussian(25, 2, 99, DataType.DOUBLE);
        assertThat(resumed.student().predict(x)).isEqualTo(uninterrupted.student().predict(x));
        assertThat(resumed.report().lossPerTerm()).isEqualTo(uninterrupted.report().lossPerTerm());
        assertThat(resumed.report().validationFidelity()).isEqualTo(uninterrupted.report().validationFidelity());
        assertThat(resumed.report().teacherQueries()).isEqualTo(uninterrupted.report().teacherQueries());
    }

    /** The child JVM: distils with a checkpoint every epoch, signals after the second, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        Path checkpoints = Path.of(args[0]);
        Path marker = Path.of(args[1]);
        distiller(true).withListener(new PauseAfterEpoch(marker, 1)).withCheckpoints(Checkpointing.everyEpoch(checkpoints)).distill(teacher(), transfer());
    }
}
