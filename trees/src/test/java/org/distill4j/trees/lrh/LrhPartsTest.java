package org.distill4j.trees.lrh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.teacher.ComputationGraphTeacher;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.trees.tree.ClassificationTree;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The pieces of the LRH algorithm: conjunctions, the task, the probes and their linear algebra. */
class LrhPartsTest {

    private static final long SEED = 5L;

    @Test
    void conjunctionsAreSortedSetsOfLiterals() {
        AndTerm a = AndTerm.empty().and(7, 1).and(2, -1);
        AndTerm b = AndTerm.empty().and(2, -1).and(7, 1);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).isEqualTo("x2=-1 ∧ x7=+1");
        assertThat(a.size()).isEqualTo(2);
        assertThat(a.uses(7)).isTrue();
        assertThat(a.uses(3)).isFalse();
        float[] x = new float[8];
        java.util.Arrays.fill(x, 1f);
        assertThat(a.matches(x, 0)).isFalse();
        x[2] = -1;
        assertThat(a.matches(x, 0)).isTrue();
        assertThat(AndTerm.empty().matches(x, 0)).isTrue();
        assertThat(a.compareTo(AndTerm.empty().and(1, 1))).isPositive();
        assertThatThrownBy(() -> a.and(7, -1)).hasMessageContaining("already constrained");
        assertThatThrownBy(() -> a.and(3, 0)).hasMessageContaining("sign");
    }

    @Test
    void taskTreesTestDistinctVariablesOnEveryPathAndMatchTheirLabels() {
        for (int trial = 0; trial < 5; trial++) {
            RandomTreeTask task = RandomTreeTask.generate(6, 4, SEED + trial);
            ClassificationTree tree = task.asTree();
            assertThat(tree.depth()).isEqualTo(4);
            assertThat(tree.leafCount()).isEqualTo(16);
            for (int node = 0; node < tree.nodes().nodeCount(); node++) {
                java.util.Set<Integer> path = new java.util.HashSet<>();
                for (int n = node; n > 0; n = (n - 1) / 2) {
                    assertThat(path.add(tree.nodes().feature((n - 1) / 2))).as("a repeated variable above node %s",
                            node).isTrue();
                }
            }
            INDArray x = task.sampleInputs(500, new SplittableRandom(SEED));
            assertThat(tree.predictClasses(x)).containsExactly(task.classes(x));
        }
        assertThat(RandomTreeTask.generate(30, 3, 1).classes(RandomTreeTask.generate(30, 3, 1)
                .sampleInputs(50, new SplittableRandom(2)))).containsExactly(RandomTreeTask.generate(30, 3, 1)
                .classes(RandomTreeTask.generate(30, 3, 1).sampleInputs(50, new SplittableRandom(2))));
        assertThatThrownBy(() -> RandomTreeTask.generate(3, 4, 1)).hasMessageContaining("d must be >= depth");
        assertThatThrownBy(() -> RandomTreeTask.generate(3, 0, 1)).hasMessageContaining("depth");
    }

    @Test
    void choleskyInvertsPositiveDefiniteMatrices() {
        INDArray b = ContractInputs.gaussian(40, 30, SEED, DataType.DOUBLE);
        INDArray a = b.transpose().mmul(b).addi(Nd4j.eye(30).castTo(DataType.DOUBLE).muli(0.1));
        INDArray product = a.mmul(Cholesky.inverse(a));
        double worst = product.sub(Nd4j.eye(30).castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertThat(worst).isLessThan(1e-9);
        INDArray indefinite = Nd4j.eye(3).castTo(DataType.DOUBLE);
        indefinite.putScalar(1, 1, -1);
        assertThatThrownBy(() -> Cholesky.inverse(indefinite)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("positive definite");
    }

    /** The batched probe operator equals a direct ridge fit, in the primal (narrow φ) and dual (wide φ) forms. */
    @Test
    void probesEqualADirectRidgeSolve() {
        for (int width : new int[] {8, 60}) {
            INDArray train = ContractInputs.gaussian(30, width, SEED, DataType.DOUBLE);
            INDArray score = ContractInputs.gaussian(12, width, SEED + 1, DataType.DOUBLE);
            INDArray targets = ContractInputs.gaussian(30, 3, SEED + 2, DataType.DOUBLE);
            double ridge = 0.5;
            LinearProbes probes = LinearProbes.fit(train, score, ridge);
            INDArray gram = train.transpose().mmul(train).addi(Nd4j.eye(width).castTo(DataType.DOUBLE).muli(ridge));
            INDArray weights = Cholesky.inverse(gram).mmul(train.transpose()).mmul(targets);
            INDArray expected = score.mmul(weights);
            double worst = probes.predict(targets.castTo(DataType.FLOAT)).castTo(DataType.DOUBLE).sub(expected)
                    .amaxNumber().doubleValue();
            assertThat(worst).as("width %s", width).isLessThan(1e-4 * Math.max(1,
                    expected.amaxNumber().doubleValue()));
        }
    }

    @Test
    void theTaskTeacherLearnsASmallTask() {
        RandomTreeTask task = RandomTreeTask.generate(10, 2, SEED);
        TreeTaskTeacher.Trained trained = TreeTaskTeacher.train(task,
                new TreeTaskTeacher.Settings(TreeTaskTeacher.Architecture.MLP, 32, 1, 64, 3e-3, 4000, 3, 0.97, 1000,
                        SEED));
        assertThat(trained.testAccuracy()).isGreaterThan(0.9);
        assertThat(trained.samplesSeen()).isEqualTo(4000L * trained.epochs());
        assertThat(((HasHiddenRepresentation) trained.teacher()).hiddenRepresentations(
                task.sampleInputs(5, new SplittableRandom(1))))
                .hasSize(2).allSatisfy(r -> assertThat(r.shape()).containsExactly(5, 32));
        assertThatThrownBy(() -> new TreeTaskTeacher.Settings(TreeTaskTeacher.Architecture.MLP, 1001, 1, 1, 1, 1, 1,
                1, 1, 1)).hasMessageContaining("width");
        assertThatThrownBy(() -> new TreeTaskTeacher.Settings(null, 8, 1, 1, 1, 1, 1, 1, 1, 1))
                .hasMessageContaining("architecture");
        TreeTaskTeacher.Settings paper = TreeTaskTeacher.Settings.resnet(1000, SEED);
        assertThat(paper.architecture()).isEqualTo(TreeTaskTeacher.Architecture.RESNET);
        assertThat(paper.learningRate()).as("the step shrinks as 1 / width").isEqualTo(0.05 * 256 / 1000);
        assertThat(TreeTaskTeacher.Settings.resnetDefaults(SEED).learningRate()).isEqualTo(0.05);
    }

    @Test
    void theResNetTeacherLearnsASmallTaskAndExposesEveryLayerAndSum() {
        RandomTreeTask task = RandomTreeTask.generate(10, 2, SEED);
        TreeTaskTeacher.Trained trained = TreeTaskTeacher.train(task, new TreeTaskTeacher.Settings(
                TreeTaskTeacher.Architecture.RESNET, 32, 3, 64, 0.02, 4000, 4, 0.97, 1000, SEED));
        assertThat(trained.teacher()).isInstanceOf(ComputationGraphTeacher.class);
        assertThat(trained.testAccuracy()).isGreaterThan(0.9);
        INDArray x = task.sampleInputs(5, new SplittableRandom(1));
        List<INDArray> phi = ((HasHiddenRepresentation) trained.teacher()).hiddenRepresentations(x);
        // layer1 pre, post; layer2 pre, post, h2; layer3 pre, post, h3
        assertThat(phi).hasSize(8).allSatisfy(r -> assertThat(r.shape()).containsExactly(5, 32));
        assertThat(phi.get(1).minNumber().doubleValue()).as("a post-activation is a ReLU output").isGreaterThanOrEqualTo(0);
        assertThat(phi.get(4).sub(phi.get(1).add(phi.get(3))).amaxNumber().doubleValue())
                .as("h2 = layer1 + layer2").isLessThan(1e-5);
        assertThat(phi.get(7).sub(phi.get(4).add(phi.get(6))).amaxNumber().doubleValue())
                .as("h3 = h2 + layer3").isLessThan(1e-5);
        LrhResult result = new LrhDistiller(LrhConfig.builder().depth(2).beam(10).probeSamples(400).scoreSamples(800)
                .treeSamples(800).certificateSize(1000).seed(SEED).build())
                .run(trained.teacher(), TransferSources.hypercube(10, 4000));
        assertThat(result.report().fidelity().top1Agreement()).as("LRH from the ResNet's representation")
                .isGreaterThan(0.9);
    }
}
