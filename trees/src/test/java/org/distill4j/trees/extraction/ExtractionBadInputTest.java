package org.distill4j.trees.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import org.distill4j.core.Distillation;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.trees.testing.TreeFixtures;
import org.distill4j.trees.tree.ClassificationTree;
import org.distill4j.trees.tree.TreeNodes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bad inputs that model extraction answers with a well-defined tree rather than an exception (empty
 * and non-finite transfer data are rejected, see {@link ModelExtractionTest}): a teacher that always answers one
 * class, constant features, and a depth limit of 0 each give one leaf holding the teacher's mean probabilities,
 * with or without queries and with growth past the budget.
 */
class ExtractionBadInputTest {

    private static final long SEED = 1995L;

    private static ExtractionConfig.Builder config() {
        return ExtractionConfig.builder().maxLeaves(8).minSamplesPerNode(300).queryBudget(500).growthFactor(4)
                .heldOut(0, 0).seed(SEED);
    }

    @Test
    void aTeacherOfOneClassGivesOneCertainLeaf() {
        ClassificationTree single = ClassificationTree.of(4, TreeNodes.of(2, new int[] {TreeNodes.LEAF},
                new float[] {0}, new int[] {-1}, new int[] {-1}, new float[] {0, 1}, new long[] {1}, new double[1]));
        Distillation<ClassificationTree> run = new ModelExtraction(config().build())
                .distill(single, TransferSources.fixed(TreeFixtures.gaussian(200, 4, SEED)));
        assertThat(run.student().leafCount()).isEqualTo(1);
        assertThat(run.student().nodes().values(0)).containsExactly(0f, 1f);
        assertThat(run.report().teacherQueries()).as("the thin root was still topped up").isEqualTo(300);
    }

    @Test
    void constantFeaturesGiveOneLeafOfTheMeanAnswer() {
        ClassificationTree teacher = ModelExtractionTest.tailTeacher();
        INDArray constant = Nd4j.ones(DataType.FLOAT, 150, 4).muli(1.5f); // class 1 everywhere: x0 > 1, x1 > 0.8
        for (ExtractionConfig c : new ExtractionConfig[] {config().build(), config().minSamplesPerNode(0).build()}) {
            ClassificationTree tree = new ModelExtraction(c).distill(teacher, TransferSources.fixed(constant))
                    .student();
            assertThat(tree.leafCount()).isEqualTo(1);
            assertThat(tree.nodes().values(0)[1]).isCloseTo(0.9f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void depthZeroGivesOneLeafOfTheMeanAnswer() {
        ClassificationTree teacher = ModelExtractionTest.tailTeacher();
        INDArray x = TreeFixtures.gaussian(400, 4, SEED);
        ClassificationTree tree = new ModelExtraction(config().maxDepth(0).build())
                .distill(teacher, TransferSources.fixed(x)).student();
        assertThat(tree.leafCount()).isEqualTo(1);
        assertThat(tree.depth()).isZero();
        float[] mean = teacher.predict(x).mean(0).toFloatVector();
        for (int c = 0; c < 3; c++) {
            assertThat(tree.nodes().value(0, c)).isCloseTo(mean[c], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }
}
