package org.distill4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.distill4j.core.contract.ContractAssertions.ROW_TOLERANCE;
import static org.distill4j.core.contract.ContractAssertions.assertClose;
import static org.distill4j.core.contract.ContractAssertions.assertUnchanged;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.DensityTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.DistillationReport;
import org.distill4j.core.Distiller;
import org.distill4j.core.Student;
import org.distill4j.core.Teacher;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.ResumableDistiller;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What every {@link Distiller} must do: the same seed gives the same student and the same loss curves; the
 * transfer data and the teacher are left as they were; the report has a finite loss for every term in every
 * epoch, the seed and the provenance; the student is a working model; a teacher of the wrong input width is
 * rejected before anything runs, naming both widths; and a teacher that fails — whichever of its calls fails,
 * during preparation, training or evaluation — ends the run with a {@link DistillationException} naming the epoch
 * and batch, with the teacher's exception as its cause, never with a student. A teacher putting all mass on one
 * class, transfer inputs scaled by 1e30, and transfer inputs holding NaN and +inf each give a valid student (finite,
 * normalised answers; finite losses) or a clear {@link IllegalArgumentException} / {@link DistillationException}.
 * One distiller instance running three distillations at once gives each the student of a sequential run.
 * Every distiller is a {@link ResumableDistiller}: writing checkpoints does not change the run and resuming from
 * the last one ends with the same student — or {@code withCheckpoints} refuses with an
 * {@link UnsupportedOperationException} saying it "cannot checkpoint" and why.
 *
 * <p>Keep the problem tiny: these tests run up to seven distillations each.
 *
 * @param <T> the teacher family
 * @param <S> the student type
 */
public abstract class DistillerContract<T extends Teacher, S extends Student> {

    /** The seed of the contract's runs. */
    protected static final long SEED = 2403_09053L;

    /** The calls of the teacher that {@link #aTeacherThatFailsEndsTheRunWithADistillationException} fails at. */
    private static final int[] FAILING_CALLS = {1, 2, 3};

    /** The runs {@link #concurrentRunsOfOneDistillerEqualASequentialRun} starts at once on one distiller. */
    private static final int CONCURRENT_RUNS = 3;

    /** A distiller whose every random choice derives from {@code seed}. */
    protected abstract Distiller<T, S> newDistiller(long seed);

    /** The teacher to distil; called once or more per test, and must answer the same each time. */
    protected abstract T newTeacher();

    /** The fixed inputs the transfer source is built from, a new array per call; must not be modified by a run. */
    protected abstract INDArray transferInputs();

    /** The transfer source over {@code inputs}; the default is fixed data. */
    protected TransferSource transfer(INDArray inputs) {
        return TransferSources.fixed(inputs);
    }

    /**
     * A teacher like {@link #newTeacher()} whose answers throw from its {@code calls}-th call on, a new one per
     * call of this method, or {@code null} if the family cannot be wrapped (the test is then skipped). For
     * conditional teachers, return {@code ThrowingTeacher.wrap(newTeacher(), calls)}: the contract then also
     * checks that no failure of the teacher was swallowed.
     */
    protected T throwingTeacher(int calls) {
        return null;
    }

    /** A teacher with one more input than the transfer data, or {@code null} to skip that test. */
    protected T teacherOfWrongWidth() {
        return null;
    }

    /**
     * A teacher like {@link #newTeacher()} whose answers put all mass on one class, or {@code null} where the family
     * has no classes (densities, regressors; the test is then skipped). For conditional teachers, return
     * {@code OneClassTeacher.of(newTeacher(), 0)}.
     */
    protected T oneClassTeacher() {
        return null;
    }

    @Test
    void sameSeedGivesTheSameStudent(@TempDir Path dir) throws IOException {
        Distillation<S> first = newDistiller(SEED).distill(newTeacher(), transfer(transferInputs()));
        Distillation<S> second = newDistiller(SEED).distill(newTeacher(), transfer(transferInputs()));
        assertThat(second.report().lossPerTerm()).as("loss per term per epoch of two runs with seed %s", SEED)
                .isEqualTo(first.report().lossPerTerm());
        INDArray x = transferInputs();
        if (first.student() instanceof ConditionalTeacher c1 && second.student() instanceof ConditionalTeacher c2) {
            assertClose(c2.predict(x), c1.predict(x), 0, "predictions of two students trained with seed %s", SEED);
        }
        if (first.student() instanceof DensityTeacher d1 && second.student() instanceof DensityTeacher d2) {
            assertClose(d2.unnormalizedLogDensity(x), d1.unnormalizedLogDensity(x), 0,
                    "log-densities of two students trained with seed %s", SEED);
        }
        Path a = dir.resolve("a.d4j");
        Path b = dir.resolve("b.d4j");
        first.student().save(a);
        second.student().save(b);
        assertThat(Files.size(b)).as("sizes of the saved students").isEqualTo(Files.size(a));
    }

    @Test
    void leavesTheTransferDataAndTheTeacherAsTheyWere() {
        INDArray inputs = transferInputs();
        INDArray before = inputs.dup();
        T teacher = newTeacher();
        INDArray answerBefore = teacher instanceof ConditionalTeacher c ? c.predict(before) : null;
        newDistiller(SEED).distill(teacher, transfer(inputs));
        assertUnchanged(inputs, before, "transfer inputs after a run");
        if (answerBefore != null) {
            assertClose(((ConditionalTeacher) teacher).predict(before), answerBefore, ROW_TOLERANCE,
                    "the teacher's answers before and after a run");
        }
    }

    @Test
    void reportHasAFiniteLossForEveryTermInEveryEpoch() {
        Distillation<S> run = newDistiller(SEED).distill(newTeacher(), transfer(transferInputs()));
        DistillationReport report = run.report();
        assertThat(report.seed()).isEqualTo(SEED);
        assertThat(report.epochsRun()).isPositive();
        assertThat(report.lossPerTerm()).containsKey("total").hasSizeGreaterThanOrEqualTo(2);
        for (Map.Entry<String, List<Double>> term : report.lossPerTerm().entrySet()) {
            assertThat(term.getValue()).as("term %s", term.getKey()).hasSize(report.epochsRun())
                    .allSatisfy(v -> assertThat(v).isFinite());
        }
        assertThat(report.distiller()).isNotBlank();
        assertThat(report.configuration()).isNotBlank();
        assertThat(report.version()).isNotBlank();
        assertThat(report.timings().total()).isPositive();
        assertThat(run.student().parameterCount()).isPositive();
        assertThat(run.student().inputSize()).isEqualTo(transferInputs().columns());
        if (run.student() instanceof ConditionalTeacher student) {
            INDArray p = student.predict(transferInputs()).castTo(DataType.DOUBLE);
            assertThat(p.rows()).as("student answers one row per input").isEqualTo(transferInputs().rows());
            assertThat(ContractAssertions.allFinite(p)).as("student probabilities are finite").isTrue();
            assertThat(p.minNumber().doubleValue()).as("smallest student probability").isGreaterThanOrEqualTo(0);
            assertClose(p.sum(1), Nd4j.ones(DataType.DOUBLE, p.rows()), 1e-4, "student probability row sums");
        }
    }

    @Test
    void anEmptyTransferSourceIsRejectedClearly() {
        INDArray empty = Nd4j.create(transferInputs().dataType(), 0, transferInputs().columns());
        Throwable thrown = catchThrowable(() -> newDistiller(SEED).distill(newTeacher(), transfer(empty)));
        assertThat(thrown).as("distilling from no inputs").isNotNull()
                .isInstanceOfAny(IllegalArgumentException.class, DistillationException.class);
        assertThat(thrown.getMessage()).as("the message of the rejection").isNotBlank();
    }

    @Test
    void aOneRowTransferSourceDistilsOrIsRejectedClearly() {
        INDArray one = transferInputs().getRow(0, true).dup();
        Throwable thrown = catchThrowable(() -> {
            Distillation<S> run = newDistiller(SEED).distill(newTeacher(), transfer(one));
            assertThat(run.student().inputSize()).isEqualTo(one.columns());
        });
        if (thrown != null) {
            assertThat(thrown).as("distilling from one row").isInstanceOfAny(IllegalArgumentException.class,
                    DistillationException.class);
            assertThat(thrown.getMessage()).as("the message of the rejection").isNotBlank();
        }
    }

    @Test
    void rejectsATeacherOfTheWrongWidth() {
        T wrong = teacherOfWrongWidth();
        assumeTrue(wrong != null, "no wrong-width teacher supplied");
        INDArray inputs = transferInputs();
        INDArray before = inputs.dup();
        assertThatThrownBy(() -> newDistiller(SEED).distill(wrong, transfer(inputs)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teacher")
                .hasMessageContaining(String.valueOf(wrong.inputSize()))
                .hasMessageContaining(String.valueOf(inputs.columns()));
        assertUnchanged(inputs, before, "transfer inputs after a rejected run");
    }

    @Test
    void aTeacherThatFailsEndsTheRunWithADistillationException() {
        boolean failedOnce = false;
        for (int call : FAILING_CALLS) {
            T failing = throwingTeacher(call);
            assumeTrue(failing != null, "no throwing teacher supplied");
            INDArray inputs = transferInputs();
            INDArray before = inputs.dup();
            Throwable thrown = catchThrowable(() -> newDistiller(SEED).distill(failing, transfer(inputs)));
            assertUnchanged(inputs, before, "transfer inputs after a run whose teacher fails at call " + call);
            if (thrown == null) {
                if (failing instanceof ThrowingTeacher counted) {
                    assertThat(counted.failures()).as("failures of a teacher failing at call %s that the run "
                            + "swallowed: it made %s calls and returned a student", call, counted.calls()).isZero();
                }
                continue;
            }
            failedOnce = true;
            assertThat(thrown).as("a run whose teacher fails at call %s", call)
                    .isInstanceOf(DistillationException.class).hasMessageContaining("epoch")
                    .hasMessageContaining("batch").cause().as("the teacher's exception, kept as the cause")
                    .isNotNull();
            if (failing instanceof ThrowingTeacher) {
                assertThat(causeChainMessages(thrown)).as("messages of the causes of %s", thrown)
                        .anyMatch(m -> m.contains(ThrowingTeacher.MESSAGE + call));
            }
        }
        assertThat(failedOnce).as("no run failed although its teacher failed from call 1, 2 or 3 on").isTrue();
    }

    @Test
    void everyDistillerOffersCheckpointsOrRefusesThemClearly(@TempDir Path dir) {
        Distiller<T, S> distiller = newDistiller(SEED);
        assertThat(distiller).as("a distiller that neither offers checkpoints nor refuses them")
                .isInstanceOf(ResumableDistiller.class);
        @SuppressWarnings("unchecked")
        ResumableDistiller<T, S> resumable = (ResumableDistiller<T, S>) distiller;
        Throwable refused = catchThrowable(() -> resumable.withCheckpoints(Checkpointing.everyEpoch(dir)));
        if (refused != null) {
            assertThat(refused).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("cannot checkpoint");
            return;
        }
        Distillation<S> checkpointed = resumable.distill(newTeacher(), transfer(transferInputs()));
        Distillation<S> plain = newDistiller(SEED).distill(newTeacher(), transfer(transferInputs()));
        assertSameStudent(checkpointed, plain, "a run writing checkpoints and one that does not");
        if (Files.exists(dir.resolve("checkpoint.d4j"))) {
            @SuppressWarnings("unchecked")
            ResumableDistiller<T, S> fresh = (ResumableDistiller<T, S>) newDistiller(SEED);
            Distillation<S> resumed = fresh.resume(newTeacher(), transfer(transferInputs()), dir);
            assertSameStudent(resumed, plain, "a run resumed from its last checkpoint and an uninterrupted one");
        }
    }

    @Test
    void concurrentRunsOfOneDistillerEqualASequentialRun() throws Exception {
        Distiller<T, S> shared = newDistiller(SEED);
        Distillation<S> sequential = shared.distill(newTeacher(), transfer(transferInputs()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(CONCURRENT_RUNS);
        try {
            List<java.util.concurrent.Future<Distillation<S>>> runs = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int r = 0; r < CONCURRENT_RUNS; r++) {
                T teacher = newTeacher();
                INDArray inputs = transferInputs();
                runs.add(pool.submit(() -> {
                    start.await();
                    return shared.distill(teacher, transfer(inputs));
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Distillation<S>> run : runs) {
                assertSameStudent(run.get(5, java.util.concurrent.TimeUnit.MINUTES), sequential,
                        CONCURRENT_RUNS + " concurrent runs of one distiller and a sequential run");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aOneClassTeacherGivesAValidStudentOrIsRejectedClearly() {
        T one = oneClassTeacher();
        assumeTrue(one != null, "the family has no classes");
        validStudentOrClearRejection(one, transferInputs(), "a teacher putting all mass on one class");
    }

    @Test
    void hugeTransferInputsGiveAValidStudentOrAreRejectedClearly() {
        INDArray huge = transferInputs().castTo(DataType.DOUBLE).muli(1e30).castTo(transferInputs().dataType());
        validStudentOrClearRejection(newTeacher(), huge, "transfer inputs scaled by 1e30");
    }

    @Test
    void nonFiniteTransferInputsGiveAValidStudentOrAreRejectedClearly() {
        INDArray bad = transferInputs();
        bad.putScalar(0, 0, Double.NaN);
        bad.putScalar(bad.rows() > 1 ? 1 : 0, bad.columns() - 1, Double.POSITIVE_INFINITY);
        validStudentOrClearRejection(newTeacher(), bad, "transfer inputs with NaN and +inf");
    }

    private void validStudentOrClearRejection(T teacher, INDArray inputs, String what) {
        INDArray before = inputs.dup();
        Distillation<S> run;
        try {
            run = newDistiller(SEED).distill(teacher, transfer(inputs));
        } catch (IllegalArgumentException | DistillationException e) {
            assertThat(e.getMessage()).as("the message of the rejection of %s", what).isNotBlank();
            assertUnchanged(inputs, before, "the inputs after rejecting " + what);
            return;
        }
        assertUnchanged(inputs, before, "the inputs after distilling " + what);
        INDArray x = transferInputs();
        if (run.student() instanceof ConditionalTeacher student) {
            INDArray p = student.predict(x).castTo(DataType.DOUBLE);
            assertThat(ContractAssertions.allFinite(p)).as("student probabilities after %s are finite", what)
                    .isTrue();
            assertThat(p.minNumber().doubleValue()).as("smallest student probability after %s", what)
                    .isGreaterThanOrEqualTo(0);
            assertClose(p.sum(1), Nd4j.ones(DataType.DOUBLE, p.rows()), 1e-4,
                    "student probability row sums after " + what);
        }
        if (run.student() instanceof DensityTeacher density) {
            assertThat(ContractAssertions.allFinite(density.unnormalizedLogDensity(x).castTo(DataType.DOUBLE)))
                    .as("student log-densities after %s are finite", what).isTrue();
        }
        for (Map.Entry<String, List<Double>> term : run.report().lossPerTerm().entrySet()) {
            assertThat(term.getValue()).as("loss term %s after %s", term.getKey(), what)
                    .allSatisfy(v -> assertThat(v).isFinite());
        }
    }

    private void assertSameStudent(Distillation<S> actual, Distillation<S> expected, String what) {
        assertThat(actual.report().lossPerTerm()).as("losses of %s", what)
                .isEqualTo(expected.report().lossPerTerm());
        INDArray x = transferInputs();
        if (actual.student() instanceof ConditionalTeacher a && expected.student() instanceof ConditionalTeacher e) {
            assertClose(a.predict(x), e.predict(x), 0, "predictions of " + what);
        }
        if (actual.student() instanceof DensityTeacher a && expected.student() instanceof DensityTeacher e) {
            assertClose(a.unnormalizedLogDensity(x), e.unnormalizedLogDensity(x), 0, "log-densities of " + what);
        }
    }

    private static List<String> causeChainMessages(Throwable thrown) {
        List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = thrown.getCause(); t != null && messages.size() < 20; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }
}
