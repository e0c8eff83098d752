package org.distill4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distill4j.core.contract.ContractAssertions.ROW_TOLERANCE;
import static org.distill4j.core.contract.ContractAssertions.assertClose;
import static org.distill4j.core.contract.ContractAssertions.assertUnchanged;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Student;
import org.distill4j.core.teacher.HasInputJacobian;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every conditional {@link Student} must do, on top of {@link ConditionalTeacherContract} (a trained
 * student is a teacher): save and load to identical predictions (and Jacobians, when it has them), replacing an
 * existing file; reject a missing file, a file that is not a model and a truncated model with an
 * {@link IOException} or {@link IllegalArgumentException}; count its parameters; and be reproducible from its
 * seed.
 *
 * @param <S> the student under test
 */
public abstract class StudentContract<S extends Student & ConditionalTeacher> extends ConditionalTeacherContract<S> {

    /** A student made from a seed; the same seed must give an equal student. */
    protected abstract S newStudent(long seed);

    /** Loads a student saved by {@link Student#save}. */
    protected abstract S load(Path file) throws IOException;

    /** Whether different seeds give different students (false for students with no random initialisation). */
    protected boolean seedMatters() {
        return true;
    }

    @Override
    protected S newTeacher() {
        return newStudent(SEED);
    }

    @Test
    void saveThenLoadGivesIdenticalPredictions(@TempDir Path dir) throws IOException {
        S student = newStudent(SEED);
        Path file = dir.resolve("student.d4j");
        student.save(file);
        S loaded = load(file);
        INDArray x = sampleInputs(student, 9, SEED);
        assertUnchanged(loaded.predict(x), student.predict(x), "predictions of the loaded student");
        if (student instanceof HasInputJacobian original) {
            assertThat(loaded).as("the loaded student keeps its input derivatives").isInstanceOf(HasInputJacobian.class);
            assertUnchanged(((HasInputJacobian) loaded).logProbabilityJacobian(x),
                    original.logProbabilityJacobian(x), "Jacobian of the loaded student");
        }
        assertThat(loaded.parameterCount()).isEqualTo(student.parameterCount());
        assertThat(loaded.inputSize()).isEqualTo(student.inputSize());
        assertThat(loaded.outputSize()).isEqualTo(student.outputSize());
    }

    @Test
    void saveReplacesAnExistingFile(@TempDir Path dir) throws IOException {
        S student = newStudent(SEED);
        Path file = dir.resolve("student.d4j");
        Files.write(file, new byte[1 << 16]);
        student.save(file);
        INDArray x = sampleInputs(student, 3, SEED);
        assertUnchanged(load(file).predict(x), student.predict(x), "predictions after saving over another file");
        newStudent(SEED + 1).save(file);
        student.save(file);
        assertUnchanged(load(file).predict(x), student.predict(x), "predictions after saving over a student");
    }

    @Test
    void loadingSomethingElseFailsClearly(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> load(dir.resolve("missing.d4j"))).as("a missing file")
                .isInstanceOf(IOException.class);
        Path empty = Files.createFile(dir.resolve("empty.d4j"));
        assertThatThrownBy(() -> load(empty)).as("an empty file")
                .isInstanceOfAny(IOException.class, IllegalArgumentException.class);
        Path file = dir.resolve("not-a-model.d4j");
        Files.writeString(file, "{\"this\": \"is not a model\"}");
        assertThatThrownBy(() -> load(file)).as("a JSON file")
                .isInstanceOfAny(IOException.class, IllegalArgumentException.class);
        Path truncated = dir.resolve("truncated.d4j");
        newStudent(SEED).save(truncated);
        byte[] bytes = Files.readAllBytes(truncated);
        for (int length : new int[] {bytes.length / 2, bytes.length - 1}) {
            Files.write(truncated, Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> load(truncated)).as("a model cut to %s of %s bytes", length, bytes.length)
                    .isInstanceOfAny(IOException.class, IllegalArgumentException.class);
        }
    }

    @Test
    void countsItsParameters() {
        assertThat(newStudent(SEED).parameterCount()).isPositive();
    }

    @Test
    void sameSeedGivesSameStudentAndAnotherSeedAnother() {
        INDArray x = sampleInputs(newStudent(SEED), 5, SEED);
        assertUnchanged(newStudent(SEED).predict(x), newStudent(SEED).predict(x), "two students with one seed");
        if (seedMatters()) {
            assertThat(ContractAssertions.maxAbsDifference(newStudent(SEED + 1).predict(x), newStudent(SEED).predict(x)))
                    .as("largest difference between students of seeds %s and %s", SEED, SEED + 1)
                    .isGreaterThan(ROW_TOLERANCE);
        }
    }

    @Test
    void savingLeavesTheStudentAsItWas(@TempDir Path dir) throws IOException {
        S student = newStudent(SEED);
        INDArray x = sampleInputs(student, 4, SEED);
        INDArray before = student.predict(x);
        student.save(dir.resolve("student.d4j"));
        assertClose(student.predict(x), before, 0, "predictions before and after saving");
    }
}
