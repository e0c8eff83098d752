package org.distill4j.trees.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.trees.cart.CartTrainer;
import org.distill4j.trees.cart.TreeConfig;
import org.distill4j.trees.testing.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The issue-8 battery items that core's contracts do not reach for trees (regression trees are not conditional
 * teachers, so {@code RegressionTreeContractTest} runs the analogous checks; these add the rest): huge inputs,
 * one-output and one-class trees, one-row batches, and save → load to identical trees through both file formats
 * (model file and JSON tree file), including extreme float thresholds and values.
 */
class TreeBatteryTest {

    private static final long SEED = 808L;

    @TempDir
    Path dir;

    private static RegressionTree regressionTree(int outputs) {
        INDArray x = TreeFixtures.gaussian(300, 4, SEED);
        return new CartTrainer(TreeConfig.builder().maxLeaves(12).build()).fitRegressor(x,
                TreeFixtures.softTargets(x, outputs, SEED + 1).muli(10).subi(3));
    }

    private void assertBothFormatsRoundTrip(DecisionTree tree, INDArray x) throws IOException {
        Path model = dir.resolve("t.d4j");
        Path json = dir.resolve("t.json");
        tree.save(model);
        TreeJson.save(tree, json);
        DecisionTree fromModel = tree instanceof ClassificationTree ? ClassificationTree.load(model)
                : RegressionTree.load(model);
        DecisionTree fromJson = TreeJson.load(json);
        assertThat(fromModel).isEqualTo(tree);
        assertThat(fromJson).isEqualTo(tree);
        long length = (long) x.rows() * tree.outputSize();
        assertThat(fromJson.predictValues(x).reshape(length).toFloatVector())
                .containsExactly(tree.predictValues(x).reshape(length).toFloatVector());
    }

    @Test
    void hugeInputsReachLeavesAndGiveTheirFiniteValues() {
        RegressionTree tree = regressionTree(3);
        INDArray x = ContractInputs.gaussian(6, 4, SEED, DataType.FLOAT);
        for (double scale : new double[] {1e30, -1e30, 1e37}) {
            INDArray huge = x.mul(scale);
            int[] leaves = tree.leafIndices(huge);
            INDArray p = tree.predict(huge);
            assertThat(p.shape()).containsExactly(6, 3);
            for (int r = 0; r < 6; r++) {
                assertThat(tree.nodes().isLeaf(leaves[r])).isTrue();
                assertThat(p.getRow(r).toFloatVector()).as("row %s at scale %s", r, scale)
                        .containsExactly(tree.nodes().values(leaves[r]));
            }
        }
        INDArray max = x.dup();
        max.assign(Float.MAX_VALUE);
        assertThat(org.distill4j.core.contract.ContractAssertions.allFinite(tree.predict(max))).isTrue();
    }

    @Test
    void aOneOutputRegressionTreeAnswersOneRowAsInABatch() throws IOException {
        RegressionTree tree = regressionTree(1);
        assertThat(tree.outputSize()).isEqualTo(1);
        INDArray x = ContractInputs.gaussian(10, 4, SEED, DataType.FLOAT);
        INDArray all = tree.predict(x);
        assertThat(all.shape()).containsExactly(10, 1);
        for (int r = 0; r < 10; r++) {
            assertThat(tree.predict(x.getRow(r, true)).getFloat(0, 0)).isEqualTo(all.getFloat(r, 0));
        }
        assertBothFormatsRoundTrip(tree, x);
    }

    @Test
    void aOneClassTreeIsAValidCertainTeacherAndRoundTrips() throws IOException {
        ClassificationTree tree = ClassificationTree.of(3, TreeNodes.of(1, new int[] {2, -1, -1},
                new float[] {0.5f, 0, 0}, new int[] {1, -1, -1}, new int[] {2, -1, -1}, new float[] {1, 1, 1},
                new long[] {4, 2, 2}, new double[3]));
        INDArray x = ContractInputs.gaussian(5, 3, SEED, DataType.FLOAT);
        assertThat(tree.predict(x).toFloatVector()).containsOnly(1f).hasSize(5);
        assertThat(tree.predictClasses(x)).containsOnly(0);
        assertBothFormatsRoundTrip(tree, x);
    }

    @Test
    void extremeThresholdsAndValuesSurviveBothFormatsExactly() throws IOException {
        RegressionTree tree = RegressionTree.of(2, TreeNodes.of(2, new int[] {1, 0, -1, -1, -1},
                new float[] {-Float.MAX_VALUE, Float.MIN_VALUE, 0, 0, 0}, new int[] {1, 3, -1, -1, -1},
                new int[] {2, 4, -1, -1, -1}, new float[] {0, -0f, Float.MAX_VALUE, -Float.MAX_VALUE,
                    Float.MIN_VALUE, 1e-40f, 3.4e38f, -1.17549435e-38f, 12345.678f, -0.1f},
                new long[] {Long.MAX_VALUE, 3, 2, 1, 2}, new double[] {Double.MAX_VALUE, 0, Double.MIN_VALUE, 1, 2}));
        assertBothFormatsRoundTrip(tree, ContractInputs.gaussian(7, 2, SEED, DataType.FLOAT).muli(1e38));
    }
}
