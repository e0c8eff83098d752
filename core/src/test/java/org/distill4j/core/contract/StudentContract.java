package org.distill4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Student;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every conditional {@link Student} must do, on top of {@link ConditionalTeacherContract} (a trained
 * student is a teacher): save and load to identical predictions, reject a file that is not a model with an
 * {@link IOException} or {@link IllegalArgumentException}, count its parameters, and be reproducible from its
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
        assertThat(loaded.predict(x)).isEqualTo(student.predict(x));
        assertThat(loaded.parameterCount()).isEqualTo(student.parameterCount());
        assertThat(loaded.inputSize()).isEqualTo(student.inputSize());
        assertThat(loaded.outputSize()).isEqualTo(student.outputSize());
    }

    @Test
    void loadingSomethingElseFailsClearly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("not-a-model.d4j");
        Files.writeString(file, "{\"this\": \"is not a model\"}");
        assertThatThrownBy(() -> load(file))
                .isInstanceOfAny(IOException.class, IllegalArgumentException.class);
        Path truncated = dir.resolve("truncated.d4j");
        newStudent(SEED).save(truncated);
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> load(truncated))
                .isInstanceOfAny(IOException.class, IllegalArgumentException.class);
    }

    @Test
    void countsItsParameters() {
        assertThat(newStudent(SEED).parameterCount()).isPositive();
    }

    @Test
    void sameSeedGivesSameStudentAndAnotherSeedAnother() {
        INDArray x = sampleInputs(newStudent(SEED), 5, SEED);
        assertThat(newStudent(SEED).predict(x)).isEqualTo(newStudent(SEED).predict(x));
        if (seedMatters()) {
            assertThat(newStudent(SEED + 1).predict(x)).isNotEqualTo(newStudent(SEED).predict(x));
        }
    }
}
