package org.distill4j.trees.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.distill4j.trees.testing.TreeFixtures;
import org.distill4j.trees.tree.ClassificationTree;
import org.distill4j.trees.tree.RegressionTree;
import org.distill4j.trees.tree.TreeNodes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** CART fitting against an exhaustive reference, growth limits, soft targets and determinism. */
class CartTrainerTest {

    private static final long SEED = 1984L;

    private static TreeConfig.Builder config() {
        return TreeConfig.builder();
    }

    private static double[] asDouble(INDArray y) {
        return y.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static double[] oneHotDouble(int[] labels, int k) {
        double[] y = new double[labels.length * k];
        for (int i = 0; i < labels.length; i++) {
            y[i * k + labels[i]] = 1;
        }
        return y;
    }

    /** The root split of a stump must reach the exhaustive best gain, for every criterion and target kind. */
    @Test
    void stumpFindsTheExhaustivelyBestSplit() {
        for (int trial = 0; trial < 12; trial++) {
            long seed = SEED + trial;
            int n = 40 + trial * 7;
            int d = 3;
            INDArray x = trial % 2 == 0 ? TreeFixtures.levels(n, d, 6, seed) : TreeFixtures.gaussian(n, d, seed);
            float[] xs = TreeFixtures.values(x);
            int minLeaf = 1 + trial % 3;
            int[] labels = TreeFixtures.ruleLabels(x, 3, 0.2, seed);
            INDArray soft = TreeFixtures.softTargets(x, 3, seed);
            for (Criterion criterion : Criterion.values()) {
                TreeConfig c = config().maxDepth(1).minSamplesLeaf(minLeaf).criterion(criterion).build();
                TreeNodes tree;
                double[] y;
                if (criterion == Criterion.VARIANCE) {
                    tree = new CartTrainer(c).fitRegressor(x, soft).nodes();
                    y = asDouble(soft);
                } else if (trial % 3 == 0) {
                    tree = new CartTrainer(c).fitClassifier(x, soft).nodes();
                    y = asDouble(soft);
                } else {
                    tree = new CartTrainer(c).fitClassifier(x, labels, 3).nodes();
                    y = oneHotDouble(labels, 3);
                }
                double best = ExhaustiveSplitFixtures.bestGain(xs, n, d, y, 3, criterion, minLeaf);
                assertThat(tree.isLeaf(0)).as("stump of trial %s (%s) is a leaf although the best gain is %s",
                        trial, criterion, best).isEqualTo(best <= 1e-9);
                if (!tree.isLeaf(0)) {
                    double gain = ExhaustiveSplitFixtures.gainOf(xs, n, d, y, 3, criterion, tree.feature(0),
                            tree.threshold(0));
                    assertThat(gain).as("gain of the chosen split, trial %s (%s), seed %s", trial, criterion, seed)
                            .isCloseTo(best, within(1e-6 * Math.max(1, best)));
                    assertThat(Math.min(tree.samples(1), tree.samples(2))).isGreaterThanOrEqualTo(minLeaf);
                }
            }
        }
    }

    @Test
    void thresholdsAreMidpointsBetweenObservedValues() {
        INDArray x = TreeFixtures.levels(200, 1, 4, SEED);
        int[] labels = new int[200];
        float[] v = TreeFixtures.values(x);
        for (int i = 0; i < 200; i++) {
            labels[i] = v[i] >= 2 ? 1 : 0;
        }
        ClassificationTree tree = new CartTrainer(config().build()).fitClassifier(x, labels, 2);
        assertThat(tree.leafCount()).isEqualTo(2);
        assertThat(tree.nodes().threshold(0)).isEqualTo(1.5f);
        assertThat(tree.predictClasses(x)).containsExactly(labels);
    }

    @Test
    void anUnlimitedTreeFitsConsistentLabelsExactly() {
        INDArray x = TreeFixtures.gaussian(500, 4, SEED);
        int[] labels = TreeFixtures.ruleLabels(x, 3, 0.3, SEED); // noisy but every row distinct: separable
        ClassificationTree tree = new CartTrainer(config().build()).fitClassifier(x, labels, 3);
        assertThat(tree.predictClasses(x)).containsExactly(labels);
        for (int node = 0; node < tree.nodes().nodeCount(); node++) {
            if (tree.nodes().isLeaf(node)) {
                assertThat(tree.nodes().impurity(node)).as("impurity of leaf %s", node).isCloseTo(0, within(1e-12));
            }
        }
    }

    @Test
    void limitsOnDepthLeavesAndSamplesAreHonoured() {
        INDArray x = TreeFixtures.gaussian(600, 5, SEED);
        int[] labels = TreeFixtures.ruleLabels(x, 3, 0.3, SEED);
        assertThat(new CartTrainer(config().maxDepth(3).build()).fitClassifier(x, labels, 3).depth()).isEqualTo(3);
        for (int leaves : new int[] {1, 2, 7, 20}) {
            assertThat(new CartTrainer(config().maxLeaves(leaves).build()).fitClassifier(x, labels, 3).leafCount())
                    .as("leaf count with maxLeaves %s", leaves).isEqualTo(leaves);
        }
        TreeNodes byLeaf = new CartTrainer(config().minSamplesLeaf(25).build()).fitClassifier(x, labels, 3).nodes();
        TreeNodes bySplit = new CartTrainer(config().minSamplesSplit(80).build()).fitClassifier(x, labels, 3).nodes();
        for (int node = 0; node < byLeaf.nodeCount(); node++) {
            assertThat(byLeaf.samples(node)).as("rows of node %s with minSamplesLeaf 25", node)
                    .isGreaterThanOrEqualTo(25);
        }
        for (int node = 0; node < bySplit.nodeCount(); node++) {
            if (!bySplit.isLeaf(node)) {
                assertThat(bySplit.samples(node)).as("rows of split node %s with minSamplesSplit 80", node)
                        .isGreaterThanOrEqualTo(80);
            }
        }
        TreeNodes coarse = new CartTrainer(config().minImpurityDecrease(0.02).build()).fitClassifier(x, labels, 3)
                .nodes();
        TreeNodes fine = new CartTrainer(config().build()).fitClassifier(x, labels, 3).nodes();
        assertThat(coarse.leafCount()).isLessThan(fine.leafCount());
    }

    /**
     * Best-first growth: the tree with k + 1 leaves is the tree with k leaves plus one split, and each added split
     * lowers the training impurity.
     */
    @Test
    void aLeafBudgetGrowsBestFirst() {
        INDArray x = TreeFixtures.gaussian(800, 4, SEED);
        int[] labels = TreeFixtures.ruleLabels(x, 3, 0.1, SEED);
        java.util.Set<String> previous = java.util.Set.of();
        double previousImpurity = Double.MAX_VALUE;
        for (int leaves = 1; leaves <= 10; leaves++) {
            TreeNodes tree = new CartTrainer(config().maxLeaves(leaves).build()).fitClassifier(x, labels, 3).nodes();
            java.util.Set<String> splits = new java.util.HashSet<>();
            for (int i = 0; i < tree.nodeCount(); i++) {
                if (!tree.isLeaf(i)) {
                    splits.add(tree.feature(i) + "@" + tree.threshold(i) + "#" + tree.samples(i));
                }
            }
            assertThat(splits).as("splits with %s leaves", leaves).containsAll(previous).hasSize(leaves - 1);
            double impurity = weightedLeafImpurity(tree);
            assertThat(impurity).as("training impurity with %s leaves", leaves).isLessThan(previousImpurity);
            previous = splits;
            previousImpurity = impurity;
        }
    }

    private static double weightedLeafImpurity(TreeNodes nodes) {
        double total = 0;
        for (int i = 0; i < nodes.nodeCount(); i++) {
            if (nodes.isLeaf(i)) {
                total += nodes.samples(i) * nodes.impurity(i);
            }
        }
        return total;
    }

    @Test
    void softLeavesHoldTheMeanTargetOfTheirRows() {
        INDArray x = TreeFixtures.gaussian(300, 3, SEED);
        INDArray p = TreeFixtures.softTargets(x, 4, SEED);
        ClassificationTree tree = new CartTrainer(config().maxLeaves(9).build()).fitClassifier(x, p);
        int[] leaves = tree.leafIndices(x);
        float[] targets = TreeFixtures.values(p);
        for (int leaf = 0; leaf < tree.nodes().nodeCount(); leaf++) {
            if (!tree.nodes().isLeaf(leaf)) {
                continue;
            }
            double[] mean = new double[4];
            int count = 0;
            for (int i = 0; i < leaves.length; i++) {
                if (leaves[i] == leaf) {
                    count++;
                    for (int k = 0; k < 4; k++) {
                        mean[k] += targets[i * 4 + k];
                    }
                }
            }
            assertThat((long) count).isEqualTo(tree.nodes().samples(leaf));
            for (int k = 0; k < 4; k++) {
                assertThat((double) tree.nodes().value(leaf, k)).as("leaf %s class %s", leaf, k)
                        .isCloseTo(mean[k] / count, within(1e-5));
            }
        }
    }

    @Test
    void regressionLeavesHoldTheMeanTargetAndReduceTheError() {
        INDArray x = TreeFixtures.gaussian(400, 3, SEED);
        INDArray y = x.getColumns(0, 1).mul(2.0).addi(3.0); // two outputs, piecewise fit
        RegressionTree tree = new CartTrainer(config().maxDepth(6).build()).fitRegressor(x, y);
        assertThat(tree.outputSize()).isEqualTo(2);
        double error = tree.predict(x).sub(y).norm2Number().doubleValue();
        double baseline = y.subRowVector(y.mean(0)).norm2Number().doubleValue();
        assertThat(error).isLessThan(0.2 * baseline);
        assertThat(tree.nodes().value(0, 0)).isCloseTo(y.getColumn(0).meanNumber().floatValue(), within(1e-4f));
    }

    @Test
    void oneHotProbabilitiesFitTheSameTreeAsLabels() {
        INDArray x = TreeFixtures.gaussian(300, 4, SEED);
        int[] labels = TreeFixtures.ruleLabels(x, 3, 0.2, SEED);
        CartTrainer trainer = new CartTrainer(config().maxDepth(5).build());
        assertThat(trainer.fitClassifier(x, TreeFixtures.oneHot(labels, 3)))
                .isEqualTo(trainer.fitClassifier(x, labels, 3));
    }

    @Test
    void theTreeDoesNotDependOnThreadsOrHistogramMemory() {
        INDArray x = TreeFixtures.levels(3000, 60, 20, SEED);
        int[] labels = new int[3000];
        float[] v = TreeFixtures.values(x);
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (v[i * 60] + v[i * 60 + 7] > 19 ? 1 : 0) ^ (rng.nextDouble() < 0.1 ? 1 : 0);
        }
        ClassificationTree reference = new CartTrainer(config().maxDepth(8).histogramMegabytes(0).build())
                .fitClassifier(x, labels, 2);
        assertThat(new CartTrainer(config().maxDepth(8).threads(3).build()).fitClassifier(x, labels, 2))
                .isEqualTo(reference);
        assertThat(new CartTrainer(config().maxDepth(8).build()).fitClassifier(x, labels, 2)).isEqualTo(reference);
        INDArray soft = TreeFixtures.softTargets(x.div(10), 3, SEED);
        RegressionTree a = new CartTrainer(config().maxDepth(6).build()).fitRegressor(x, soft);
        RegressionTree b = new CartTrainer(config().maxDepth(6).threads(2).build()).fitRegressor(x, soft);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void manyDistinctValuesAreCutIntoQuantileBins() {
        INDArray x = TreeFixtures.gaussian(2000, 2, SEED);
        float[] v = TreeFixtures.values(x);
        int[] labels = new int[2000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = v[i * 2] > 0.5f ? 1 : 0;
        }
        ClassificationTree coarse = new CartTrainer(config().maxBins(8).build()).fitClassifier(x, labels, 2);
        java.util.Set<Float> thresholds = new java.util.HashSet<>();
        for (int node = 0; node < coarse.nodes().nodeCount(); node++) {
            if (!coarse.nodes().isLeaf(node) && coarse.nodes().feature(node) == 0) {
                thresholds.add(coarse.nodes().threshold(node));
            }
        }
        assertThat(thresholds.size()).as("distinct thresholds on feature 0 with 8 bins").isLessThanOrEqualTo(7);
        ClassificationTree fine = new CartTrainer(config().build()).fitClassifier(x, labels, 2);
        int[] predicted = fine.predictClasses(x);
        int wrong = 0;
        for (int i = 0; i < labels.length; i++) {
            wrong += predicted[i] != labels[i] ? 1 : 0;
        }
        assertThat(wrong).as("training errors with 256 quantile bins").isLessThanOrEqualTo(40);
    }

    @Test
    void sameDataGivesTheSameTreeAndArgumentsAreNotModified() {
        INDArray x = TreeFixtures.gaussian(200, 3, SEED);
        INDArray p = TreeFixtures.softTargets(x, 3, SEED);
        INDArray xBefore = x.dup();
        INDArray pBefore = p.dup();
        CartTrainer trainer = new CartTrainer(config().maxDepth(4).build());
        assertThat(trainer.fitClassifier(x, p)).isEqualTo(trainer.fitClassifier(x, p));
        assertThat(x).isEqualTo(xBefore);
        assertThat(p).isEqualTo(pBefore);
        int[] labels = TreeFixtures.ruleLabels(x, 3, 0.1, SEED);
        int[] labelsBefore = labels.clone();
        trainer.fitClassifier(x, labels, 3);
        assertThat(labels).containsExactly(labelsBefore);
    }

    @Test
    void binnedFeaturesAgreeWithTheirThresholds() {
        INDArray x = TreeFixtures.gaussian(500, 3, SEED);
        x.putScalar(0, 0, -0.0f);
        x.putScalar(1, 0, 0.0f);
        BinnedFeatures binned = BinnedFeatures.of(x, 16);
        float[] v = TreeFixtures.values(x);
        for (int f = 0; f < 3; f++) {
            assertThat(binned.bins().bins(f)).isLessThanOrEqualTo(16).isGreaterThan(8);
            for (int i = 0; i < 500; i++) {
                int code = binned.code(i, f);
                assertThat(code).isEqualTo(binned.bins().code(f, v[i * 3 + f]));
                if (code > 0) {
                    assertThat(v[i * 3 + f]).isGreaterThan(binned.bins().threshold(f, code - 1));
                }
                if (code < binned.bins().bins(f) - 1) {
                    assertThat(v[i * 3 + f]).isLessThanOrEqualTo(binned.bins().threshold(f, code));
                }
            }
        }
        assertThat(binned.code(0, 0)).isEqualTo(binned.code(1, 0));
    }

    @Test
    void theMidpointOfAdjacentFloatsStaysBelowTheUpperValue() {
        float a = 1f;
        float b = Math.nextUp(a);
        float t = FeatureBins.between(a, b);
        assertThat(t).isGreaterThanOrEqualTo(a).isLessThan(b);
        assertThat(FeatureBins.between(-1f, 3f)).isEqualTo(1f);
    }
}
