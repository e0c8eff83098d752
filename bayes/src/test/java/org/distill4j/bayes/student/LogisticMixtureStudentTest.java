package org.distill4j.bayes.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.distill4j.core.contract.StudentContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The softmax-component mixture against the student contract, and the mixture's math by hand. */
class LogisticMixtureStudentTest extends StudentContract<LogisticMixtureStudent> {

    static LogisticMixtureStudent random(MixtureShape shape, long seed) {
        double[] params = new double[shape.parameterCount()];
        MixtureInit.gaussian(params, 1.0, new SplittableRandom(seed));
        return LogisticMixtureStudent.of(shape, params);
    }

    @Override
    protected LogisticMixtureStudent newStudent(long seed) {
        return random(MixtureShape.softmax(3, 4, 3), seed);
    }

    @Override
    protected LogisticMixtureStudent load(Path file) throws IOException {
        return LogisticMixtureStudent.load(file);
    }

    /** The logistic-component mixture against the same contract. */
    @Nested
    class Binary extends StudentContract<LogisticMixtureStudent> {
        @Override
        protected LogisticMixtureStudent newStudent(long seed) {
            return random(MixtureShape.logistic(4, 3), seed);
        }

        @Override
        protected LogisticMixtureStudent load(Path file) throws IOException {
            return LogisticMixtureStudent.load(file);
        }
    }

    @Test
    void binaryProbabilityIsTheMeanOfTheSigmoids() {
        LogisticMixtureStudent student = LogisticMixtureStudent.ofComponents(MixtureShape.logistic(2, 2),
                new double[][] {{1, -2, 0.5}, {0, 3, -1}});
        INDArray p = student.predict(Nd4j.create(new double[][] {{0.3, 0.7}}));
        double expected = (sigmoid(0.3 - 1.4 + 0.5) + sigmoid(2.1 - 1)) / 2;
        assertThat(p.getDouble(0, 1)).isCloseTo(expected, within(1e-12));
        assertThat(p.getDouble(0, 0)).isCloseTo(1 - expected, within(1e-12));
    }

    @Test
    void gradientMatchesCentralDifferences() {
        for (MixtureShape shape : new MixtureShape[] {MixtureShape.logistic(3, 2), MixtureShape.softmax(2, 3, 4)}) {
            SplittableRandom rng = new SplittableRandom(SEED);
            double[] params = new double[shape.parameterCount()];
            MixtureInit.gaussian(params, 1.0, rng);
            int n = 5;
            double[] x = new double[n * shape.inputSize()];
            MixtureInit.gaussian(x, 1.5, rng);
            double[] t = new double[n * shape.classes()];
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int c = 0; c < shape.classes(); c++) {
                    t[i * shape.classes() + c] = rng.nextDouble();
                    z += t[i * shape.classes() + c];
                }
                for (int c = 0; c < shape.classes(); c++) {
                    t[i * shape.classes() + c] /= z;
                }
            }
            double[] grad = new double[params.length];
            MixtureObjective.crossEntropy(shape, params, x, n, t, grad);
            double h = 1e-6;
            for (int j = 0; j < params.length; j++) {
                double[] plus = params.clone();
                double[] minus = params.clone();
                plus[j] += h;
                minus[j] -= h;
                double fd = (MixtureObjective.crossEntropy(shape, plus, x, n, t, null)
                        - MixtureObjective.crossEntropy(shape, minus, x, n, t, null)) / (2 * h);
                assertThat(grad[j]).as("d/dθ[%s] of %s (seed %s)", j, shape, SEED).isCloseTo(fd, within(1e-7));
            }
        }
    }

    @Test
    void crossEntropyOfOneHotTargetsIsTheLogLoss() {
        LogisticMixtureStudent student = random(MixtureShape.softmax(2, 2, 3), SEED);
        double[] x = {0.5, -1, 2, 0.25};
        double[] t = {0, 1, 0, 0, 0, 1};
        INDArray q = student.predictDouble(Nd4j.create(x, new long[] {2, 2}));
        double expected = -(Math.log(q.getDouble(0, 1)) + Math.log(q.getDouble(1, 2))) / 2;
        assertThat(MixtureObjective.crossEntropy(student.shape(), student.parameters(), x, 2, t, null))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void badShapesAndParametersAreRejected() {
        assertThatThrownBy(() -> MixtureShape.logistic(0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("components");
        assertThatThrownBy(() -> new MixtureShape(2, 2, 3, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classes == 2");
        assertThatThrownBy(() -> LogisticMixtureStudent.of(MixtureShape.logistic(2, 2), new double[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6").hasMessageContaining("5");
        assertThatThrownBy(() -> LogisticMixtureStudent.of(MixtureShape.logistic(1, 1), new double[] {0, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("params[1]");
    }

    @Test
    void memoryIsEightBytesPerParameter() {
        LogisticMixtureStudent student = random(MixtureShape.logistic(10, 2), SEED);
        assertThat(student.parameterCount()).isEqualTo(30);
        assertThat(student.memoryBytes()).isEqualTo(240);
        assertThat(student.component(9)).hasSize(3);
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }
}
