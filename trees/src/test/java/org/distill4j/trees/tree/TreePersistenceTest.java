package org.distill4j.trees.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.distill4j.trees.cart.CartTrainer;
import org.distill4j.trees.cart.TreeConfig;
import org.distill4j.trees.testing.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Model files and JSON documents round-trip trees exactly and reject what is not a tree. */
class TreePersistenceTest {

    private static final long SEED = 11L;

    private static RegressionTree regressionTree() {
        INDArray x = TreeFixtures.gaussian(300, 4, SEED);
        return new CartTrainer(TreeConfig.builder().maxLeaves(17).build()).fitRegressor(x, x.getColumns(0, 2));
    }

    @Test
    void regressionTreesSaveAndLoad(@TempDir Path dir) throws IOException {
        RegressionTree tree = regressionTree();
        Path file = dir.resolve("tree.d4j");
        tree.save(file);
        assertThat(RegressionTree.load(file)).isEqualTo(tree);
        assertThatThrownBy(() -> ClassificationTree.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("model type");
    }

    @Test
    void jsonRoundTripsRandomFloatsExactly() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int trial = 0; trial < 20; trial++) {
            float[] thresholds = {Float.intBitsToFloat(rng.nextInt() & 0x7f7fffff) * (rng.nextBoolean() ? 1 : -1),
                0, 0};
            float[] values = new float[6];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (rng.nextDouble() * Math.pow(10, rng.nextInt(-30, 30)));
            }
            RegressionTree tree = RegressionTree.of(2, TreeNodes.of(2, new int[] {1, -1, -1}, thresholds,
                    new int[] {1, -1, -1}, new int[] {2, -1, -1}, values, new long[] {2, 1, 1},
                    new double[] {rng.nextDouble(), 0, 0}));
            assertThat(TreeJson.read(tree.toJson())).as("trial %s: %s", trial, tree.toJson()).isEqualTo(tree);
        }
        ClassificationTree fitted = new CartTrainer(TreeConfig.builder().maxDepth(5).build())
                .fitClassifier(TreeFixtures.gaussian(200, 3, SEED), TreeFixtures.softTargets(
                        TreeFixtures.gaussian(200, 3, SEED), 3, SEED));
        assertThat(TreeJson.read(fitted.toJson())).isEqualTo(fitted);
    }

    @Test
    void jsonFilesSaveAndLoad(@TempDir Path dir) throws IOException {
        RegressionTree tree = regressionTree();
        Path file = dir.resolve("tree.json");
        TreeJson.save(tree, file);
        assertThat(TreeJson.load(file)).isEqualTo(tree);
        assertThat(Files.readString(file)).startsWith("{\"format\":\"distill4j-tree\",\"formatVersion\":1,");
        Files.writeString(file, "{\"type\": \"forest\"}");
        assertThatThrownBy(() -> TreeJson.load(file)).isInstanceOf(IOException.class).hasMessageContaining("format");
    }

    @Test
    void malformedDocumentsAreRejected() {
        String good = regressionTree().toJson();
        assertThatThrownBy(() -> TreeJson.read("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TreeJson.read("[1, 2]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("object");
        assertThatThrownBy(() -> TreeJson.read(good.replace("\"left\":1,", "\"left\":0,")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("children");
        assertThatThrownBy(() -> TreeJson.read(good.replace("\"outputs\":2", "\"outputs\":3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> TreeJson.read(good.replace("\"inputSize\":4", "\"inputSize\":\"four\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputSize");
    }

    @Test
    void aFileWithABrokenTreeFailsToLoad(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.d4j");
        java.util.Map<String, INDArray> arrays = new java.util.LinkedHashMap<>();
        arrays.put("feature", org.nd4j.linalg.factory.Nd4j.createFromArray(new int[] {0, -1, -1}));
        arrays.put("left", org.nd4j.linalg.factory.Nd4j.createFromArray(new int[] {2, -1, -1}));
        arrays.put("right", org.nd4j.linalg.factory.Nd4j.createFromArray(new int[] {2, -1, -1}));
        arrays.put("threshold", org.nd4j.linalg.factory.Nd4j.createFromArray(new float[3]));
        arrays.put("value", org.nd4j.linalg.factory.Nd4j.createFromArray(new float[] {1, 1, 1}));
        arrays.put("samples", org.nd4j.linalg.factory.Nd4j.createFromArray(new long[3]));
        arrays.put("impurity", org.nd4j.linalg.factory.Nd4j.createFromArray(new double[3]));
        org.distill4j.core.io.ModelFile.write(file, TreeFiles.CLASSIFICATION_TYPE, 1,
                java.util.Map.of("inputSize", 2, "outputs", 1), arrays);
        assertThatThrownBy(() -> ClassificationTree.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("not describe a valid tree").hasMessageContaining("two parents");
    }
}
