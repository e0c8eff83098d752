package org.distill4j.bayes.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.distill4j.bayes.fixture.DensityTeacherChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 8's battery for the GMM student by analogy: {@link DensityTeacherChecks} (core has no density-teacher
 * contract), plus StudentContract's checks written for it (save/load, rejecting other files, parameters), since
 * StudentContract needs a conditional teacher. Damaged files and fuzzing: org.distill4j.bayes.io.
 */
class GmmStudentTest extends DensityTeacherChecks<GmmStudent> {

    @Override
    protected GmmStudent newDensity() {
        return new GmmStudent(GaussianMixture.of(new double[] {0.2, 0.3, 0.5}, new double[] {-3, 0.5, 2},
                new double[] {0.5, 1, 2}));
    }

    @Test
    void saveThenLoadGivesAnIdenticalStudent(@TempDir Path dir) throws IOException {
        GmmStudent student = newDensity();
        Path file = dir.resolve("gmm.d4j");
        Files.write(file, new byte[100]);
        student.save(file);
        GmmStudent loaded = GmmStudent.load(file);
        assertThat(loaded).isEqualTo(student);
        INDArray x = Nd4j.create(new double[] {-5, -2, -1, 0, 0.5, 3, 7}, new long[] {7, 1}, DataType.DOUBLE);
        assertThat(loaded.unnormalizedLogDensity(x)).isEqualTo(student.unnormalizedLogDensity(x));
        assertThat(loaded.parameterCount()).isEqualTo(9);
    }

    @Test
    void loadingSomethingElseFailsClearly(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> GmmStudent.load(dir.resolve("missing"))).isInstanceOf(IOException.class);
        Path json = dir.resolve("x.d4j");
        Files.writeString(json, "{\"not\": \"a model\"}");
        assertThatThrownBy(() -> GmmStudent.load(json)).isInstanceOf(IOException.class);
        Path file = dir.resolve("gmm.d4j");
        newDensity().save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> GmmStudent.load(file)).isInstanceOf(IOException.class);
    }

    @Test
    void isANormalisedDensity() {
        GmmStudent s = newDensity();
        GmmStudent shifted = new GmmStudent(GaussianMixture.of(new double[] {0.2, 0.3, 0.5},
                new double[] {-3, 0.5, 2.5}, new double[] {0.5, 1, 2}));
        // quadrature normalises on the grid; MC does not: they agree only if the student is normalised
        assertThat(DensityKl.monteCarloKl(s, shifted, 40_000, 5))
                .isCloseTo(DensityKl.kl(s, shifted, -20, 20), within(0.02));
        assertThat(DensityKl.kl(s, shifted, -20, 20)).isPositive();
    }

    @Test
    void klOfTwoGaussiansMatchesTheClosedForm() {
        GmmStudent p = new GmmStudent(GaussianMixture.of(new double[] {1}, new double[] {0.3}, new double[] {0.8}));
        GmmStudent q = new GmmStudent(GaussianMixture.of(new double[] {1}, new double[] {-0.5}, new double[] {2.0}));
        double exact = 0.5 * (Math.log(2.0 / 0.8) + (0.8 + 0.64) / 2.0 - 1);
        assertThat(DensityKl.kl(p, q, -20, 20)).isCloseTo(exact, within(1e-9));
    }

    @Test
    void rejectsBadMixtures() {
        assertThatThrownBy(() -> GaussianMixture.of(new double[] {0.5, 0.5}, new double[] {0, 1},
                new double[] {1, 0})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variances[1]");
        assertThatThrownBy(() -> GaussianMixture.of(new double[] {0.5, 0.5}, new double[] {0, Double.NaN},
                new double[] {1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("means[1]");
        assertThatThrownBy(() -> GaussianMixture.of(new double[] {0.5, 0.5}, new double[] {0},
                new double[] {1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2, 1 and 2");
        assertThatThrownBy(() -> GaussianMixture.of(new double[0], new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
