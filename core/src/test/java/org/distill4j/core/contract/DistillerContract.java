package org.distill4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.DistillationReport;
import org.distill4j.core.Distiller;
import org.distill4j.core.Student;
import org.distill4j.core.Teacher;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every {@link Distiller} must do: the same seed gives the same student; the transfer data is left as it
 * was; the report has a finite loss for every term in every epoch, the seed and the provenance; a teacher of the
 * wrong input width is rejected before anything runs; a teacher that throws mid-epoch ends the run with a
 * {@link DistillationException} naming the batch; and the student it returns is a working model.
 *
 * <p>Keep the problem tiny: these tests run several distillations.
 *
 * @param <T> the teacher family
 * @param <S> the student type
 */
public abstract class DistillerContract<T extends Teacher, S extends Student> {

    /** The seed of the contract's runs. */
    protected static final long SEED = 2403_09053L;

    /** A distiller whose every random choice derives from {@code seed}. */
    protected abstract Distiller<T, S> newDistiller(long seed);

    /** The teacher to distil; called once per run. */
    protected abstract T newTeacher();

    /** The fixed inputs the transfer source is built from; must not be modified by the run. */
    protected abstract INDArray transferInputs();

    /** The transfer source over {@code inputs}; the default is fixed data. */
    protected TransferSource transfer(INDArray inputs) {
        return TransferSources.fixed(inputs);
    }

    /**
     * A teacher like {@link #newTeacher()} whose answers throw from its {@code calls}-th call on, or
     * {@code null} if the family cannot be wrapped (the test is then skipped).
     */
    protected T throwingTeacher(int calls) {
        return null;
    }

    /** A teacher with one more input than the transfer data, or {@code null} to skip that test. */
    protected T teacherOfWrongWidth() {
        return null;
    }

    @Test
    void sameSeedGivesTheSameStudent(@TempDir Path dir) throws IOException {
        S first = newDistiller(SEED).distill(newTeacher(), transfer(transferInputs())).student();
        S second = newDistiller(SEED).distill(newTeacher(), transfer(transferInputs())).student();
        Path a = dir.resolve("a.d4j");
        Path b = dir.resolve("b.d4j");
        first.save(a);
        second.save(b);
        if (first instanceof ConditionalTeacher c1 && second instanceof ConditionalTeacher c2) {
            INDArray x = transferInputs();
            assertThat(c2.predict(x)).as("predictions of two runs with seed %s", SEED).isEqualTo(c1.predict(x));
        }
        assertThat(Files.size(b)).isEqualTo(Files.size(a));
    }

    @Test
    void transferInputsAreNotModified() {
        INDArray inputs = transferInputs();
        INDArray before = inputs.dup();
        newDistiller(SEED).distill(newTeacher(), transfer(inputs));
        assertThat(inputs).isEqualTo(before);
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
        assertThat(report.timings().total()).isPositive();
        assertThat(run.student().parameterCount()).isPositive();
    }

    @Test
    void rejectsATeacherOfTheWrongWidth() {
        T wrong = teacherOfWrongWidth();
        assumeTrue(wrong != null, "no wrong-width teacher supplied");
        assertThatThrownBy(() -> newDistiller(SEED).distill(wrong, transfer(transferInputs())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teacher");
    }

    @Test
    void aTeacherThatThrowsEndsTheRunNamingTheBatch() {
        T failing = throwingTeacher(3);
        assumeTrue(failing != null, "no throwing teacher supplied");
        INDArray inputs = transferInputs();
        INDArray before = inputs.dup();
        assertThatThrownBy(() -> newDistiller(SEED).distill(failing, transfer(inputs)))
                .isInstanceOf(DistillationException.class).hasMessageContaining("batch");
        assertThat(inputs).isEqualTo(before);
    }
}
