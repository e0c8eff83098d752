package org.distill4j.generative.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.distill4j.core.DensityTeacher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The analogue, for the binary density models of this module ({@link DensityTeacher}s over {0,1}^D: the RBM
 * teacher and the NADE student), of core's {@code ConditionalTeacherContract} and {@code StudentContract}, which
 * are written for conditional models and do not fit (issue 8; core has no density contract). Each subclass supplies
 * a seeded factory and its save/load pair. Checks: NaN, infinite, huge and non-binary inputs, wrong shapes
 * (rank, width, integer type) and empty inputs are refused with an {@link IllegalArgumentException} naming the
 * argument, and leave the argument unchanged; one row gives the same log density as in a batch, FLOAT and DOUBLE
 * inputs agree; the same seed gives an equal model and equal samples (binary, {@code [n, D]}), another seed other
 * ones; save then load gives identical log densities; 8 threads computing log densities and samples at once get
 * the sequential answers.
 *
 * @param <M> the model under test
 */
public abstract class DensityModelChecks<M extends DensityTeacher> {

    /** The seed of the default model and inputs. */
    protected static final long SEED = 42L;

    /** A model made from a seed; the same seed must give an equal model. */
    protected abstract M newModel(long seed);

    /** Saves {@code model} at {@code path} (a file or a folder). */
    protected abstract void save(M model, Path path) throws IOException;

    /** Loads what {@link #save} wrote. */
    protected abstract M load(Path path) throws IOException;

    /** {@code n} random binary rows of the model's width, DOUBLE. */
    protected final INDArray inputs(M model, int n, long seed) {
        return TinyNadeFixtures.randomBinary(n, model.inputSize(), seed);
    }

    @Test
    void nanInfiniteHugeAndNonBinaryInputsAreRefusedAndNotModified() {
        M model = newModel(SEED);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1,
            0.5, 2}) {
            INDArray x = inputs(model, 4, 1);
            x.putScalar(2, model.inputSize() - 1, bad);
            INDArray before = x.dup();
            assertThatThrownBy(() -> model.unnormalizedLogDensity(x)).as("input value %s", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputs")
                    .hasMessageContaining("binary");
            assertThat(Arrays.deepEquals(x.toDoubleMatrix(), before.toDoubleMatrix()))
                    .as("the input (NaN-aware comparison) is unchanged").isTrue();
        }
    }

    @Test
    void wrongShapesTypesAndEmptyInputsAreRefused() {
        M model = newModel(SEED);
        int d = model.inputSize();
        assertThatThrownBy(() -> model.unnormalizedLogDensity(Nd4j.zeros(DataType.DOUBLE, 3, d + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, " + (d + 1) + "]")
                .hasMessageContaining(String.valueOf(d));
        assertThatThrownBy(() -> model.unnormalizedLogDensity(Nd4j.zeros(DataType.DOUBLE, d)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[" + d + "]");
        assertThatThrownBy(() -> model.unnormalizedLogDensity(Nd4j.zeros(DataType.DOUBLE, 0, d)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, " + d + "]");
        assertThatThrownBy(() -> model.unnormalizedLogDensity(Nd4j.zeros(DataType.INT32, 2, d)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT");
        assertThatThrownBy(() -> model.unnormalizedLogDensity(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> model.sample(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }

    @Test
    void oneRowAgreesWithTheBatchAndBothTypesAgree() {
        M model = newModel(SEED);
        INDArray x = inputs(model, 7, 3);
        double[] batch = model.unnormalizedLogDensity(x).toDoubleVector();
        double[] asFloat = model.unnormalizedLogDensity(x.castTo(DataType.FLOAT)).toDoubleVector();
        for (int i = 0; i < batch.length; i++) {
            INDArray row = x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all()).dup();
            double one = model.unnormalizedLogDensity(row).getDouble(0);
            assertThat(one).as("row %s alone", i).isCloseTo(batch[i], within(1e-5));
            assertThat(asFloat[i]).as("row %s as FLOAT", i).isCloseTo(batch[i],
                    within(1e-5));
            assertThat(batch[i]).isFinite();
        }
    }

    @Test
    void sameSeedSameModelAndSamplesOtherSeedOtherOnes() {
        M model = newModel(SEED);
        assertThat(newModel(SEED)).isEqualTo(model).isNotEqualTo(newModel(SEED + 1));
        INDArray a = model.sample(12, 5);
        assertThat(a.shape()).containsExactly(12, model.inputSize());
        assertThat(a.mul(a).sub(a).amaxNumber().doubleValue()).as("samples are binary").isZero();
        assertThat(model.sample(12, 5)).isEqualTo(a);
        assertThat(model.sample(12, 6)).isNotEqualTo(a);
    }

    @Test
    void saveThenLoadGivesIdenticalLogDensities(@TempDir Path dir) throws IOException {
        M model = newModel(SEED);
        Path path = dir.resolve("model");
        save(model, path);
        M loaded = load(path);
        assertThat(loaded).isEqualTo(model);
        INDArray x = inputs(model, 9, 4);
        assertThat(loaded.unnormalizedLogDensity(x)).isEqualTo(model.unnormalizedLogDensity(x));
        assertThat(loaded.sample(5, 8)).isEqualTo(model.sample(5, 8));
    }

    @Test
    void eightThreadsGetTheSequentialAnswers() throws Exception {
        M model = newModel(SEED);
        List<INDArray> batches = new ArrayList<>();
        List<INDArray> densities = new ArrayList<>();
        List<INDArray> samples = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            batches.add(inputs(model, 20 + t, 100 + t));
            densities.add(model.unnormalizedLogDensity(batches.get(t)));
            samples.add(model.sample(6, 200 + t));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int k = t;
                tasks.add(() -> {
                    boolean same = true;
                    for (int r = 0; r < 3; r++) {
                        same &= model.unnormalizedLogDensity(batches.get(k)).equals(densities.get(k));
                        same &= model.sample(6, 200 + k).equals(samples.get(k));
                    }
                    return same;
                });
            }
            int i = 0;
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).as("thread %s", i++).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
