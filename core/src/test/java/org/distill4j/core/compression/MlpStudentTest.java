package org.distill4j.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.distill4j.core.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MlpStudentTest {

    private static final long SEED = 1510_02437L;

    @TempDir
    Path dir;

    static INDArray gaussian(SplittableRandom rng, DataType type, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, rng.nextGaussian());
        }
        return a.castTo(type);
    }

    private static MlpStudent doubleStudent(Activation activation, long seed) {
        return MlpStudent.initialize(MlpArchitecture.of(5, 7, 6, 4).withActivation(activation)
                .withDataType(DataType.DOUBLE), seed);
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "LEAKYRELU", "TANH", "SIGMOID", "SOFTPLUS", "IDENTITY"})
    void jacobianMatchesCentralDifferences(Activation activation) {
        MlpStudent student = doubleStudent(activation, SEED);
        INDArray x = gaussian(new SplittableRandom(SEED + 1), DataType.DOUBLE, 6, 5);
        INDArray jacobian = student.logProbabilityJacobian(x);
        assertThat(jacobian.shape()).containsExactly(6, 4, 5);
        double h = 1e-6;
        for (int j = 0; j < 5; j++) {
            INDArray plus = x.dup();
            plus.getColumn(j).addi(h);
            INDArray minus = x.dup();
            minus.getColumn(j).subi(h);
            INDArray numeric = student.logProbabilities(plus).subi(student.logProbabilities(minus)).divi(2 * h);
            for (int r = 0; r < 6; r++) {
                for (int i = 0; i < 4; i++) {
                    double expected = numeric.getDouble(r, i);
                    assertThat(jacobian.getDouble(r, i, j)).as("%s [%s,%s,%s] seed %s", activation, r, i, j, SEED)
                            .isCloseTo(expected, within(1e-6 * Math.max(Math.abs(expected), 1e-3)));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "IDENTITY"})
    void jvpEqualsJacobianTimesDirection(Activation activation) {
        MlpStudent student = doubleStudent(activation, SEED + 2);
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        INDArray x = gaussian(rng, DataType.DOUBLE, 4, 5);
        INDArray v = gaussian(rng, DataType.DOUBLE, 4, 5);
        INDArray jvp = student.logProbabilityJvp(x, v);
        INDArray jacobian = student.logProbabilityJacobian(x);
        for (int r = 0; r < 4; r++) {
            INDArray expected = jacobian.slice(r).mmul(v.getRow(r).reshape(5, 1)).reshape(4);
            for (int i = 0; i < 4; i++) {
                assertThat(jvp.getDouble(r, i)).isCloseTo(expected.getDouble(i), within(1e-12));
            }
        }
    }

    @Test
    void predictionsAreProbabilitiesConsistentWithLogits() {
        MlpStudent student = MlpStudent.initialize(MlpArchitecture.of(5, 8, 3), SEED);
        INDArray x = gaussian(new SplittableRandom(SEED), DataType.FLOAT, 10, 5);
        INDArray copy = x.dup();
        INDArray p = student.predict(x);
        assertThat(x).isEqualTo(copy);
        assertThat(p.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(p.shape()).containsExactly(10, 3);
        assertThat(p.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        INDArray sums = p.sum(1);
        for (int r = 0; r < 10; r++) {
            assertThat(sums.getDouble(r)).isCloseTo(1.0, within(1e-6));
        }
        INDArray logP = student.logProbabilities(x);
        assertThat(org.nd4j.linalg.ops.transforms.Transforms.exp(logP, true).sub(p).amaxNumber().doubleValue())
                .isLessThan(1e-6);
        INDArray logits = student.logits(x);
        INDArray offsets = logits.sub(logP); // log-normaliser: constant along each row
        assertThat(offsets.max(1).sub(offsets.min(1)).amaxNumber().doubleValue()).isLessThan(1e-5);
        // DOUBLE inputs are cast to the FLOAT architecture.
        assertThat(student.predict(x.castTo(DataType.DOUBLE))).isEqualTo(p);
        assertThat(p).isNotSameAs(student.predict(x));
    }

    @Test
    void logProbabilitiesOfAConfidentStudentStayFinite() {
        MlpStudent student = MlpStudent.initialize(MlpArchitecture.of(3, 4, 2), 1);
        // weights scaled up until a logit gap exceeds float's exp range
        MlpStudent confident = student.withParameters(student.parameters().mul(400));
        INDArray x = Nd4j.create(new float[] {3, -3, 3, -3, 3, -3}, new long[] {2, 3});
        INDArray logQ = confident.logProbabilities(x);
        assertThat(logQ.isInfinite().any() || logQ.isNaN().any()).as("log-probabilities %s", logQ).isFalse();
    }

    @Test
    void sameSeedSameStudentOtherSeedOtherStudent() {
        MlpArchitecture a = MlpArchitecture.of(6, 5, 4, 3).withActivation(Activation.TANH);
        MlpStudent one = MlpStudent.initialize(a, 42);
        MlpStudent two = MlpStudent.initialize(a, 42);
        MlpStudent three = MlpStudent.initialize(a, 43);
        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two).isNotEqualTo(three);
        assertThat(one.parameters()).isEqualTo(two.parameters());
        assertThat(one.parameters().shape()).containsExactly(1, a.parameterCount());
        assertThat(one.parameterCount()).isEqualTo((6 + 1) * 5 + (5 + 1) * 4 + (4 + 1) * 3);
        assertThat(one.toString()).contains("6-5-4-3", "TANH");
    }

    @Test
    void initializationScalesFollowHeAndGlorot() {
        MlpStudent relu = MlpStudent.initialize(MlpArchitecture.of(400, 300, 2), 5);
        double reluStd = relu.layers().weights[0].stdNumber().doubleValue();
        assertThat(reluStd).isCloseTo(Math.sqrt(2.0 / 400), within(0.002));
        MlpStudent tanh = MlpStudent.initialize(MlpArchitecture.of(400, 300, 2).withActivation(Activation.TANH), 5);
        assertThat(tanh.layers().weights[0].stdNumber().doubleValue()).isCloseTo(Math.sqrt(2.0 / 700), within(0.002));
        assertThat(relu.layers().biases[0].amaxNumber().doubleValue()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void saveLoadRoundTripGivesIdenticalPredictions(DataType type) throws IOException {
        MlpStudent student = MlpStudent.initialize(MlpArchitecture.of(5, 7, 6, 4).withActivation(Activation.SOFTPLUS)
                .withDataType(type), SEED);
        Path file = dir.resolve("student.d4j");
        student.save(file);
        MlpStudent loaded = MlpStudent.load(file);
        INDArray x = gaussian(new SplittableRandom(SEED), type, 9, 5);
        assertThat(loaded).isEqualTo(student);
        assertThat(loaded.architecture()).isEqualTo(student.architecture());
        assertThat(loaded.predict(x)).isEqualTo(student.predict(x));
        assertThat(loaded.predict(x).sub(student.predict(x)).amaxNumber().doubleValue()).isZero();
    }

    /**
     * A student saved by distill4j 0.1 (3-4-2 TANH DOUBLE, seed 2015) must keep loading and predicting the same:
     * the reference probabilities were computed when the file was written.
     */
    @Test
    void loadsAStudentSavedByAnEarlierVersion() throws Exception {
        Path file = Path.of(getClass().getResource("mlp-student-v1.d4j").toURI());
        MlpStudent student = MlpStudent.load(file);
        assertThat(student.architecture()).isEqualTo(MlpArchitecture.of(3, 4, 2).withActivation(Activation.TANH)
                .withDataType(DataType.DOUBLE));
        assertThat(student).isEqualTo(MlpStudent.initialize(student.architecture(), 2015L));
        INDArray p = student.predict(Nd4j.createFromArray(new double[][] {{0.5, -1.0, 2.0}, {-0.3, 0.7, 0.1}}));
        assertThat(p.getDouble(0, 0)).isCloseTo(0.8217791399971183, within(1e-15));
        assertThat(p.getDouble(1, 1)).isCloseTo(0.5532620828415517, within(1e-15));
    }

    @Test
    void loadRejectsInconsistentFiles() throws IOException {
        Path file = dir.resolve("bad.d4j");
        ModelFile.write(file, MlpStudent.MODEL_TYPE, 1,
                Map.of("layerSizes", List.of(3, 2), "activation", "RELU", "dataType", "FLOAT"),
                Map.of("parameters", Nd4j.zeros(DataType.FLOAT, 1, 5)));
        assertThatThrownBy(() -> MlpStudent.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("parameters").hasMessageContaining("8");
        ModelFile.write(file, MlpStudent.MODEL_TYPE, 1,
                Map.of("layerSizes", List.of(3, 2), "activation", "SOFTMAX", "dataType", "FLOAT"),
                Map.of("parameters", Nd4j.zeros(DataType.FLOAT, 1, 8)));
        assertThatThrownBy(() -> MlpStudent.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("activation");
        ModelFile.write(file, "other.Model", 1, Map.of(), Map.of());
        assertThatThrownBy(() -> MlpStudent.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("other.Model");
    }

    @Test
    void concurrentPredictionsAndJacobiansEqualSequentialOnes() throws Exception {
        MlpStudent student = MlpStudent.initialize(MlpArchitecture.of(20, 16, 8, 5), SEED);
        SplittableRandom rng = new SplittableRandom(SEED);
        List<INDArray> batches = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            batches.add(gaussian(rng, DataType.FLOAT, 1 + i, 20));
            expected.add(student.predict(batches.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<INDArray>> futures = new ArrayList<>();
            for (int rep = 0; rep < 4; rep++) {
                for (INDArray batch : batches) {
                    futures.add(pool.submit(() -> student.predict(batch)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(30, TimeUnit.SECONDS)).as("batch %s", i % 32)
                        .isEqualTo(expected.get(i % 32));
            }
            List<Future<INDArray>> jacobians = new ArrayList<>();
            for (INDArray batch : batches.subList(0, 8)) {
                jacobians.add(pool.submit(() -> student.logProbabilityJacobian(batch)));
            }
            for (int i = 0; i < jacobians.size(); i++) {
                assertThat(jacobians.get(i).get(30, TimeUnit.SECONDS)).as("Jacobian of batch %s", i)
                        .isEqualTo(student.logProbabilityJacobian(batches.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withParametersCopiesAndValidates() {
        MlpStudent student = MlpStudent.initialize(MlpArchitecture.of(3, 4, 2), 1);
        INDArray p = student.parameters();
        MlpStudent same = student.withParameters(p.reshape(p.length()));
        p.addi(1);
        assertThat(same).isEqualTo(student);
        assertThat(student.withParameters(p)).isNotEqualTo(student);
        assertThatThrownBy(() -> student.withParameters(Nd4j.zeros(DataType.FLOAT, 1, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameters must have 26 values");
        INDArray nan = student.parameters();
        nan.putScalar(3, Double.NaN);
        assertThatThrownBy(() -> student.withParameters(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameters must be finite");
    }

    @Test
    void rejectsBadInputs() {
        MlpStudent student = MlpStudent.initialize(MlpArchitecture.of(3, 4, 2), 1);
        assertThatThrownBy(() -> student.predict(Nd4j.zeros(DataType.FLOAT, 2, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputs must be [n, 3]")
                .hasMessageContaining("[2, 4]");
        INDArray nan = Nd4j.zeros(DataType.FLOAT, 2, 3);
        nan.putScalar(1, 1, Float.NaN);
        assertThatThrownBy(() -> student.logProbabilityJacobian(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inputs must be finite");
        assertThatThrownBy(() -> student.logProbabilityJvp(Nd4j.zeros(DataType.FLOAT, 2, 3),
                Nd4j.zeros(DataType.FLOAT, 3, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("directions");
    }

    @Test
    void architectureValidates() {
        assertThatThrownBy(() -> MlpArchitecture.of(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> MlpArchitecture.of(3, 0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(">= 1");
        assertThatThrownBy(() -> MlpArchitecture.of(3, 2).withActivation(Activation.SOFTMAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SOFTMAX");
        assertThatThrownBy(() -> MlpArchitecture.of(3, 2).withDataType(DataType.HALF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HALF");
        MlpArchitecture a = MlpArchitecture.of(784, 50, 30, 10);
        assertThat(a.parameterCount()).isEqualTo(785 * 50 + 51 * 30 + 31 * 10);
        assertThat(a.activation()).isEqualTo(Activation.RELU);
        assertThat(a.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(a.inputSize()).isEqualTo(784);
        assertThat(a.outputSize()).isEqualTo(10);
    }
}
