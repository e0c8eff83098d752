package org.distill4j.bayes.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.distill4j.core.contract.ContractInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The student checks of core's StudentContract, written for a Gaussian (non-categorical) student: save/load to
 * identical answers, replacing files, rejecting other files, parameters, seeds; plus its own input checks.
 */
class GaussianRegressionStudentTest {

    private static final long SEED = 17;

    private static GaussianRegressionStudent student(long seed) {
        return GaussianRegressionStudent.initialize(3, new int[] {6, 4}, seed);
    }

    private static INDArray inputs(int n) {
        return ContractInputs.gaussian(n, 3, SEED, DataType.DOUBLE);
    }

    @Test
    void saveThenLoadGivesAnIdenticalStudent(@TempDir Path dir) throws IOException {
        GaussianRegressionStudent s = student(SEED);
        Path file = dir.resolve("s.d4j");
        Files.write(file, new byte[1000]);
        s.save(file);
        GaussianRegressionStudent loaded = GaussianRegressionStudent.load(file);
        assertThat(loaded).isEqualTo(s);
        assertThat(loaded.moments(inputs(5))).isEqualTo(s.moments(inputs(5)));
        assertThat(loaded.parameterCount()).isEqualTo(s.parameterCount()).isEqualTo(3 * 6 + 6 + 6 * 4 + 4 + 4 * 2 + 2);
        student(SEED + 1).save(file);
        s.save(file);
        assertThat(GaussianRegressionStudent.load(file)).isEqualTo(s);
    }

    @Test
    void loadingSomethingElseFailsClearly(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> GaussianRegressionStudent.load(dir.resolve("missing"))).isInstanceOf(IOException.class);
        Path empty = Files.createFile(dir.resolve("empty"));
        assertThatThrownBy(() -> GaussianRegressionStudent.load(empty)).isInstanceOf(IOException.class);
        Path file = dir.resolve("s.d4j");
        student(SEED).save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> GaussianRegressionStudent.load(file)).isInstanceOf(IOException.class);
    }

    @Test
    void sameSeedGivesTheSameStudentAndAnotherSeedAnother() {
        assertThat(student(SEED)).isEqualTo(student(SEED));
        assertThat(student(SEED + 1)).isNotEqualTo(student(SEED));
    }

    @Test
    void momentsAndLogDensityAgree() {
        GaussianRegressionStudent s = student(SEED);
        INDArray x = inputs(6);
        INDArray before = x.dup();
        double[] mv = s.moments(x).dup('c').data().asDouble();
        double[] y = {0.1, -0.3, 1.2, 0, 2, -1};
        double[] lp = s.logDensity(x, y);
        for (int i = 0; i < 6; i++) {
            assertThat(mv[2 * i + 1]).isPositive();
            double d = y[i] - mv[2 * i];
            assertThat(lp[i]).isCloseTo(-0.5 * Math.log(2 * Math.PI * mv[2 * i + 1]) - d * d / (2 * mv[2 * i + 1]),
                    within(1e-9));
        }
        assertThat(x).isEqualTo(before);
        assertThat(s.meanLogLikelihood(x, y)).isCloseTo(Arrays.stream(lp).average().orElseThrow(), within(1e-12));
        // rows answered independently
        assertThat(s.moments(x.getRows(2)).getDouble(0, 0)).isCloseTo(mv[4], within(1e-12));
        assertThat(s.moments(x.castTo(DataType.FLOAT)).getDouble(0, 0)).isCloseTo(mv[0], within(1e-5));
        INDArray wide = Nd4j.create(DataType.DOUBLE, 6, 5);
        wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4)).assign(x);
        assertThat(s.moments(wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4))))
                .as("a strided view of columns 1..3").isEqualTo(s.moments(x));
        assertThat(s.moments(x.dup('f'))).as("a column-major copy").isEqualTo(s.moments(x));
    }

    @Test
    void rejectsBadInputs() {
        GaussianRegressionStudent s = student(SEED);
        assertThatThrownBy(() -> s.moments(Nd4j.create(DataType.DOUBLE, 2, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4").hasMessageContaining("3");
        assertThatThrownBy(() -> s.moments(Nd4j.create(DataType.DOUBLE, 0, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 row");
        assertThatThrownBy(() -> s.moments(Nd4j.create(DataType.DOUBLE, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 2");
        INDArray nan = inputs(2);
        nan.putScalar(1, 2, Double.NaN);
        assertThatThrownBy(() -> s.moments(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> s.logDensity(inputs(3), new double[2])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 values").hasMessageContaining("3 input rows");
        assertThatThrownBy(() -> s.logDensity(inputs(1), new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> GaussianRegressionStudent.of(new int[] {3, 2}, new double[7]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 entries");
        assertThatThrownBy(() -> GaussianRegressionStudent.of(new int[] {3, 1}, new double[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 outputs");
        assertThatThrownBy(() -> GaussianRegressionStudent.initialize(0, new int[] {3}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputSize");
        assertThatThrownBy(() -> GaussianRegressionStudent.initialize(2, new int[] {0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden[0]");
    }
}
