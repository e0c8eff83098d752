package org.distill4j.trees.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distill4j.core.contract.ContractAssertions.assertUnchanged;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.trees.cart.CartTrainer;
import org.distill4j.trees.cart.TreeConfig;
import org.distill4j.trees.testing.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The checks of core's {@code StudentContract} and {@code ConditionalTeacherContract} that apply to a
 * vector-valued regressor ({@link RegressionTree} is a {@code Student} but not a conditional teacher, so those
 * abstract classes do not fit): save and load to identical predictions, replacing an existing file; clear failures
 * on missing, empty, foreign and truncated files; a positive parameter count; determinism; results that are new
 * caller-owned arrays; untouched inputs; one row answered alike alone, in a batch, in any order, as a view, in
 * column-major order or as doubles; rejected null, empty, wrongly shaped and non-finite inputs; thread-safety.
 */
class RegressionTreeContractTest {

    private static final long SEED = 1510_02437L;
    private static final int D = 6;
    private static final int OUTPUTS = 3;

    private static RegressionTree newTree(long seed) {
        INDArray x = TreeFixtures.gaussian(500, D, seed);
        INDArray y = TreeFixtures.softTargets(x, OUTPUTS, seed + 1).muli(4).subi(1); // any real targets
        return new CartTrainer(TreeConfig.builder().maxLeaves(20).minSamplesLeaf(3).build()).fitRegressor(x, y);
    }

    private static INDArray inputs(int n, long seed) {
        return ContractInputs.gaussian(n, D, seed, DataType.FLOAT);
    }

    @Test
    void saveThenLoadGivesIdenticalPredictionsAndReplacesAnExistingFile(@TempDir Path dir) throws IOException {
        RegressionTree tree = newTree(SEED);
        Path file = dir.resolve("tree.d4j");
        Files.write(file, new byte[1 << 16]);
        tree.save(file);
        RegressionTree loaded = RegressionTree.load(file);
        INDArray x = inputs(50, SEED);
        assertUnchanged(loaded.predict(x), tree.predict(x), "predictions of the loaded tree");
        assertThat(loaded).isEqualTo(tree);
        assertThat(loaded.parameterCount()).isEqualTo(tree.parameterCount());
        newTree(SEED + 1).save(file);
        tree.save(file);
        assertUnchanged(RegressionTree.load(file).predict(x), tree.predict(x), "predictions after saving over a tree");
    }

    @Test
    void loadingSomethingElseFailsClearly(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> RegressionTree.load(dir.resolve("missing.d4j"))).isInstanceOf(IOException.class);
        Path empty = Files.createFile(dir.resolve("empty.d4j"));
        assertThatThrownBy(() -> RegressionTree.load(empty)).isInstanceOfAny(IOException.class,
                IllegalArgumentException.class);
        Path json = dir.resolve("not-a-model.d4j");
        Files.writeString(json, "{\"this\": \"is not a model\"}");
        assertThatThrownBy(() -> RegressionTree.load(json)).isInstanceOfAny(IOException.class,
                IllegalArgumentException.class);
        Path truncated = dir.resolve("truncated.d4j");
        newTree(SEED).save(truncated);
        byte[] bytes = Files.readAllBytes(truncated);
        for (int length : new int[] {bytes.length / 2, bytes.length - 1}) {
            Files.write(truncated, Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> RegressionTree.load(truncated)).as("a model cut to %s bytes", length)
                    .isInstanceOfAny(IOException.class, IllegalArgumentException.class);
        }
        Path classifier = dir.resolve("classifier.d4j");
        INDArray x = TreeFixtures.gaussian(100, D, SEED);
        new CartTrainer(TreeConfig.builder().maxLeaves(4).build())
                .fitClassifier(x, TreeFixtures.ruleLabels(x, 2, 0, SEED), 2).save(classifier);
        assertThatThrownBy(() -> RegressionTree.load(classifier)).as("a classification tree's file")
                .isInstanceOfAny(IOException.class, IllegalArgumentException.class);
    }

    @Test
    void countsItsParametersAndIsDeterministic() {
        RegressionTree tree = newTree(SEED);
        assertThat(tree.parameterCount()).isEqualTo(2L * (tree.nodes().nodeCount() - tree.leafCount())
                + (long) tree.leafCount() * OUTPUTS);
        assertThat(newTree(SEED)).isEqualTo(tree);
        assertThat(newTree(SEED + 1)).as("a tree fitted to other data").isNotEqualTo(tree);
        INDArray x = inputs(20, SEED);
        assertUnchanged(tree.predict(x), tree.predict(x), "two predictions of one batch");
    }

    @Test
    void predictionsAreNewFloatArraysOfLeafValuesAndInputsStayAsTheyWere() {
        RegressionTree tree = newTree(SEED);
        INDArray x = inputs(30, SEED);
        INDArray before = x.dup();
        INDArray first = tree.predict(x);
        assertThat(first.shape()).containsExactly(30, OUTPUTS);
        assertThat(first.dataType()).isEqualTo(DataType.FLOAT);
        assertUnchanged(x, before, "inputs after predict");
        int[] leaves = tree.leafIndices(x);
        for (int r = 0; r < 30; r++) {
            assertThat(tree.nodes().isLeaf(leaves[r])).isTrue();
            for (int k = 0; k < OUTPUTS; k++) {
                assertThat(first.getFloat(r, k)).isEqualTo(tree.nodes().value(leaves[r], k));
            }
        }
        INDArray copy = first.dup();
        tree.predict(x).addi(100);
        assertUnchanged(first, copy, "an earlier result after a later one was modified");
    }

    @Test
    void rowsAreAnsweredAloneAsInABatchInAnyOrderAndLayout() {
        RegressionTree tree = newTree(SEED);
        INDArray x = inputs(12, SEED);
        INDArray all = tree.predict(x);
        for (int r = 0; r < 12; r++) {
            INDArray row = x.getRow(r, true).dup();
            assertUnchanged(tree.predict(row), all.getRow(r, true).dup(), "row " + r + " alone");
        }
        int[] reversed = new int[12];
        for (int r = 0; r < 12; r++) {
            reversed[r] = 11 - r;
        }
        assertUnchanged(tree.predict(Nd4j.pullRows(x, 1, reversed)), Nd4j.pullRows(all, 1, reversed),
                "rows in reverse order");
        INDArray view = x.get(NDArrayIndex.interval(3, 9), NDArrayIndex.all());
        assertUnchanged(tree.predict(view), all.get(NDArrayIndex.interval(3, 9), NDArrayIndex.all()).dup(),
                "a view of rows 3..8");
        assertUnchanged(tree.predict(x.dup('f')), all, "column-major inputs");
        assertUnchanged(tree.predict(x.castTo(DataType.DOUBLE)), all, "double inputs");
    }

    @Test
    void rejectsNullEmptyWronglyShapedAndNonFiniteInputs() {
        RegressionTree tree = newTree(SEED);
        assertThatThrownBy(() -> tree.predict(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tree.predict(Nd4j.create(DataType.FLOAT, 0, D)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one row");
        assertThatThrownBy(() -> tree.predict(inputs(3, SEED).reshape(1, 3 * D)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n, " + D + "]");
        assertThatThrownBy(() -> tree.predict(Nd4j.create(DataType.FLOAT, 2, 3, D)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 2");
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                INDArray x = inputs(4, SEED).castTo(type);
                x.putScalar(2, 5, bad);
                INDArray before = x.dup();
                assertThatThrownBy(() -> tree.predict(x)).as("%s in %s inputs", bad, type)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("must be finite").hasMessageContaining("row 2, column 5");
                assertUnchanged(x, before, "rejected inputs");
                assertThatThrownBy(() -> tree.predict(x.dup('f'))).as("%s in column-major inputs", bad)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
            }
        }
    }

    @Test
    void concurrentPredictionsAgreeWithSequentialOnes() throws Exception {
        RegressionTree tree = newTree(SEED);
        List<INDArray> batches = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            batches.add(inputs(200, SEED + b));
            expected.add(tree.predict(batches.get(b)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<INDArray>> answers = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (INDArray batch : batches) {
                    answers.add(pool.submit(() -> tree.predict(batch)));
                }
            }
            for (int i = 0; i < answers.size(); i++) {
                assertUnchanged(answers.get(i).get(), expected.get(i % batches.size()), "concurrent answer " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
