package org.distill4j.trees.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trees saved by format version 1 (in {@code src/test/resources/org/distill4j/trees/tree}: model files
 * {@code *-tree-v1.d4j} and JSON tree files {@code *-tree-v1.json}) still load and predict what they predicted
 * when they were saved ({@code *-tree-v1.expected.txt}: one line per row of {@link #inputs()}, the exact floats).
 * A later version that cannot read today's files, or reads them differently, fails here.
 */
class TreeFixtureFilesTest {

    /** Fixed inputs, [12, 4]: no random generator, so that they cannot drift with a library. */
    static INDArray inputs() {
        float[] x = new float[12 * 4];
        for (int r = 0; r < 12; r++) {
            for (int c = 0; c < 4; c++) {
                x[r * 4 + c] = (float) (2 * Math.sin(7 * r + 3 * c + 1));
            }
        }
        return Nd4j.create(x, new long[] {12, 4}, DataType.FLOAT);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TreeFixtureFilesTest.class.getResource(name).toURI());
    }

    private static float[][] expected(String name) throws IOException {
        try (InputStream in = TreeFixtureFilesTest.class.getResourceAsStream(name)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            float[][] rows = new float[lines.size()][];
            for (int r = 0; r < rows.length; r++) {
                String[] parts = lines.get(r).trim().split(" ");
                rows[r] = new float[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    rows[r][k] = Float.parseFloat(parts[k]);
                }
            }
            return rows;
        }
    }

    private static void assertPredicts(INDArray predictions, float[][] expected, String what) {
        assertThat(predictions.shape()).as(what).containsExactly(expected.length, expected[0].length);
        for (int r = 0; r < expected.length; r++) {
            assertThat(predictions.getRow(r).toFloatVector()).as("%s, row %s", what, r).containsExactly(expected[r]);
        }
    }

    @Test
    void aClassificationTreeSavedByVersionOneLoadsAndPredictsAsBefore() throws Exception {
        float[][] expected = expected("classification-tree-v1.expected.txt");
        assertThat(expected.length).isEqualTo(12);
        ClassificationTree fromModelFile = ClassificationTree.load(resource("classification-tree-v1.d4j"));
        DecisionTree fromJson = TreeJson.load(resource("classification-tree-v1.json"));
        assertThat(fromJson).isInstanceOf(ClassificationTree.class).isEqualTo(fromModelFile);
        assertThat(fromModelFile.outputSize()).isEqualTo(3);
        assertThat(fromModelFile.leafCount()).isGreaterThan(1);
        assertPredicts(fromModelFile.predict(inputs()), expected, "model file");
        assertPredicts(((ClassificationTree) fromJson).predict(inputs()), expected, "JSON file");
    }

    @Test
    void aRegressionTreeSavedByVersionOneLoadsAndPredictsAsBefore() throws Exception {
        float[][] expected = expected("regression-tree-v1.expected.txt");
        assertThat(expected.length).isEqualTo(12);
        RegressionTree fromModelFile = RegressionTree.load(resource("regression-tree-v1.d4j"));
        DecisionTree fromJson = TreeJson.load(resource("regression-tree-v1.json"));
        assertThat(fromJson).isInstanceOf(RegressionTree.class).isEqualTo(fromModelFile);
        assertThat(fromModelFile.outputSize()).isEqualTo(2);
        assertThat(fromModelFile.leafCount()).isGreaterThan(1);
        assertPredicts(fromModelFile.predict(inputs()), expected, "model file");
        assertPredicts(((RegressionTree) fromJson).predict(inputs()), expected, "JSON file");
    }
}
