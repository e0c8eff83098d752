package org.distill4j.trees.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill4j.trees.testing.TreeFixtures;
import org.distill4j.trees.tree.ClassificationTree;
import org.distill4j.trees.tree.RegressionTree;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The bad inputs: clear exceptions, or well-defined trees. */
class CartBadInputTest {

    private static final long SEED = 7L;
    private final CartTrainer trainer = new CartTrainer(TreeConfig.builder().build());

    @Test
    void emptyDataIsRejected() {
        assertThatThrownBy(() -> trainer.fitClassifier(Nd4j.create(DataType.FLOAT, 0, 3), new int[0], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one row");
        assertThatThrownBy(() -> trainer.fitClassifier(Nd4j.create(DataType.FLOAT, 4, 0), new int[4], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one column");
        assertThatThrownBy(() -> trainer.fitClassifier(Nd4j.create(DataType.FLOAT, 4), new int[4], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 2");
        assertThatThrownBy(() -> trainer.fitClassifier((INDArray) null, new int[4], 2)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nonFiniteFeaturesAreRejectedNamingRowAndColumn() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            INDArray x = TreeFixtures.gaussian(20, 3, SEED);
            x.putScalar(5, 2, bad);
            assertThatThrownBy(() -> trainer.fitClassifier(x, new int[20], 2)).as("feature %s", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite")
                    .hasMessageContaining("row 5").hasMessageContaining("column 2");
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, 20, 2);
        y.putScalar(3, 1, Float.NaN);
        assertThatThrownBy(() -> trainer.fitRegressor(TreeFixtures.gaussian(20, 3, SEED), y))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targets must be finite")
                .hasMessageContaining("row 3");
    }

    @Test
    void aSingleClassGivesOneCertainLeaf() {
        INDArray x = TreeFixtures.gaussian(50, 3, SEED);
        ClassificationTree one = trainer.fitClassifier(x, new int[50], 1);
        assertThat(one.leafCount()).isEqualTo(1);
        assertThat(one.predict(x).getFloat(7, 0)).isEqualTo(1f);
        ClassificationTree ofThree = trainer.fitClassifier(x, new int[50], 3);
        assertThat(ofThree.leafCount()).isEqualTo(1);
        assertThat(ofThree.nodes().values(0)).containsExactly(1f, 0f, 0f);
    }

    @Test
    void constantFeaturesGiveOneLeafOfClassFrequencies() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 40, 4);
        int[] labels = new int[40];
        for (int i = 0; i < 10; i++) {
            labels[i] = 1;
        }
        ClassificationTree tree = trainer.fitClassifier(x, labels, 2);
        assertThat(tree.leafCount()).isEqualTo(1);
        assertThat(tree.nodes().values(0)).containsExactly(0.75f, 0.25f);
        RegressionTree regression = trainer.fitRegressor(x, TreeFixtures.gaussian(40, 2, SEED));
        assertThat(regression.leafCount()).isEqualTo(1);
    }

    @Test
    void depthZeroGivesTheMeanAsASingleLeaf() {
        INDArray x = TreeFixtures.gaussian(30, 2, SEED);
        int[] labels = TreeFixtures.ruleLabels(x, 3, 0, SEED);
        ClassificationTree tree = new CartTrainer(TreeConfig.builder().maxDepth(0).build()).fitClassifier(x, labels, 3);
        assertThat(tree.leafCount()).isEqualTo(1);
        assertThat(tree.depth()).isZero();
        assertThat(tree.nodes().samples(0)).isEqualTo(30);
    }

    @Test
    void regressionTreesMeetTheSameBadInputs() {
        assertThatThrownBy(() -> trainer.fitRegressor(Nd4j.create(DataType.FLOAT, 0, 3), Nd4j.create(DataType.FLOAT,
                0, 2))).as("empty data").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one row");
        INDArray x = TreeFixtures.gaussian(30, 3, SEED);
        INDArray y = TreeFixtures.gaussian(30, 2, SEED + 1);
        INDArray bad = x.dup();
        bad.putScalar(4, 1, Float.NaN);
        assertThatThrownBy(() -> trainer.fitRegressor(bad, y)).as("NaN features")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 4")
                .hasMessageContaining("column 1");
        RegressionTree stump = new CartTrainer(TreeConfig.builder().maxDepth(0).build()).fitRegressor(x, y);
        assertThat(stump.leafCount()).isEqualTo(1);
        float[] mean = y.mean(0).toFloatVector();
        assertThat(stump.nodes().value(0, 0)).isCloseTo(mean[0], within(1e-5f));
        assertThat(stump.nodes().value(0, 1)).isCloseTo(mean[1], within(1e-5f));
        RegressionTree flat = trainer.fitRegressor(x, Nd4j.ones(DataType.FLOAT, 30, 2));
        assertThat(flat.leafCount()).as("constant targets: nothing to split").isEqualTo(1);
    }

    @Test
    void labelsAndTargetsAreChecked() {
        INDArray x = TreeFixtures.gaussian(10, 2, SEED);
        assertThatThrownBy(() -> trainer.fitClassifier(x, new int[9], 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10").hasMessageContaining("9");
        int[] outOfRange = new int[10];
        outOfRange[4] = 2;
        assertThatThrownBy(() -> trainer.fitClassifier(x, outOfRange, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels[4]");
        assertThatThrownBy(() -> trainer.fitClassifier(x, new int[10], 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classes");
        INDArray p = TreeFixtures.softTargets(x, 3, SEED);
        assertThatThrownBy(() -> trainer.fitClassifier(x, p.mul(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probabilities");
        INDArray negative = p.dup();
        negative.putScalar(2, 0, -0.5f);
        negative.putScalar(2, 1, negative.getFloat(2, 1) + 0.5f);
        assertThatThrownBy(() -> trainer.fitClassifier(x, negative)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> trainer.fitClassifier(x, p.getRows(0, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 rows")
                .hasMessageContaining("[3, 3]");
        assertThatThrownBy(() -> trainer.fitClassifier(x, Nd4j.create(DataType.FLOAT, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape");
    }

    @Test
    void criteriaMustMatchTheTreeKind() {
        INDArray x = TreeFixtures.gaussian(10, 2, SEED);
        assertThatThrownBy(() -> new CartTrainer(TreeConfig.builder().criterion(Criterion.VARIANCE).build())
                .fitClassifier(x, new int[10], 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VARIANCE");
        assertThatThrownBy(() -> new CartTrainer(TreeConfig.builder().criterion(Criterion.GINI).build())
                .fitRegressor(x, x)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GINI");
    }

    @Test
    void everyConfigurationFieldIsValidated() {
        assertThatThrownBy(() -> TreeConfig.builder().maxDepth(-1).build()).hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> TreeConfig.builder().maxLeaves(0).build()).hasMessageContaining("maxLeaves");
        assertThatThrownBy(() -> TreeConfig.builder().minSamplesSplit(1).build())
                .hasMessageContaining("minSamplesSplit");
        assertThatThrownBy(() -> TreeConfig.builder().minSamplesLeaf(0).build()).hasMessageContaining("minSamplesLeaf");
        assertThatThrownBy(() -> TreeConfig.builder().minImpurityDecrease(Double.NaN).build())
                .hasMessageContaining("minImpurityDecrease");
        assertThatThrownBy(() -> TreeConfig.builder().maxBins(257).build()).hasMessageContaining("maxBins");
        assertThatThrownBy(() -> TreeConfig.builder().maxBins(1).build()).hasMessageContaining("maxBins");
        assertThatThrownBy(() -> TreeConfig.builder().threads(0).build()).hasMessageContaining("threads");
        assertThatThrownBy(() -> TreeConfig.builder().histogramMegabytes(-1).build())
                .hasMessageContaining("histogramMegabytes");
        TreeConfig config = TreeConfig.builder().maxDepth(4).maxLeaves(9).criterion(Criterion.ENTROPY).build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThatThrownBy(() -> new CartTrainer(null)).isInstanceOf(NullPointerException.class);
    }
}
