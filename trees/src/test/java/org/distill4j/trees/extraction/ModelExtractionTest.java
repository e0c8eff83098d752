package org.distill4j.trees.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.DistillationReport;
import org.distill4j.core.fidelity.Fidelity;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.trees.cart.CartTrainer;
import org.distill4j.trees.cart.TreeConfig;
import org.distill4j.trees.testing.TreeFixtures;
import org.distill4j.trees.tree.ClassificationTree;
import org.distill4j.trees.tree.TreeNodes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Model extraction recovers a tree-shaped teacher, spends its queries where data is thin, and stops as told. */
class ModelExtractionTest {

    private static final long SEED = 1995L;

    /**
     * A teacher that is itself a tree over x0 and x1 with boundaries in the tails of the Gaussian inputs:
     * class 2 if x0 <= -1.2; else class 1 if x0 > 1.0 and x1 > 0.8; else class 0 (probabilities 0.9 / 0.05).
     */
    static ClassificationTree tailTeacher() {
        float hi = 0.9f;
        float lo = 0.05f;
        return ClassificationTree.of(4, TreeNodes.of(3, new int[] {0, -1, 0, -1, 1, -1, -1},
                new float[] {-1.2f, 0, 1.0f, 0, 0.8f, 0, 0}, new int[] {1, -1, 3, -1, 5, -1, -1},
                new int[] {2, -1, 4, -1, 6, -1, -1},
                new float[] {hi, lo, lo, lo, lo, hi, hi, lo, lo, hi, lo, lo, hi, lo, lo, hi, lo, lo, lo, hi, lo},
                new long[7], new double[7]));
    }

    private static Fidelity fidelity(ClassificationTree teacher, ClassificationTree student, INDArray x) {
        return Fidelity.between(teacher.predict(x), student.predict(x));
    }

    @Test
    void queriesInThinRegionsBeatTheSameTreeWithoutQueries() {
        ClassificationTree teacher = tailTeacher();
        INDArray transfer = TreeFixtures.gaussian(150, 4, SEED);
        INDArray fresh = TreeFixtures.gaussian(5000, 4, SEED + 1);
        ExtractionConfig.Builder config = ExtractionConfig.builder().maxLeaves(6).heldOut(0, 0).seed(SEED);
        Distillation<ClassificationTree> withQueries = new ModelExtraction(config.minSamplesPerNode(400)
                .queryBudget(4000).build()).distill(teacher, TransferSources.fixed(transfer));
        Distillation<ClassificationTree> without = new ModelExtraction(config.minSamplesPerNode(0).build())
                .distill(teacher, TransferSources.fixed(transfer));
        double queried = fidelity(teacher, withQueries.student(), fresh).top1Agreement();
        double plain = fidelity(teacher, without.student(), fresh).top1Agreement();
        assertThat(queried).as("fidelity with queries (plain %s)", plain).isGreaterThan(plain).isGreaterThan(0.99);
        DistillationReport report = withQueries.report();
        assertThat(report.teacherQueries()).isGreaterThan(150).isLessThanOrEqualTo(150 + 4000);
        assertThat(without.report().teacherQueries()).isEqualTo(150);
        assertThat(withQueries.student().leafCount()).isLessThanOrEqualTo(6);
    }

    @Test
    void withoutQueriesItIsCartOnTheTeacherProbabilities() {
        ClassificationTree teacher = tailTeacher();
        INDArray transfer = TreeFixtures.gaussian(300, 4, SEED);
        ClassificationTree extracted = new ModelExtraction(ExtractionConfig.builder().maxLeaves(7)
                .minSamplesPerNode(0).growthFactor(1).heldOut(0, 0).build())
                .distill(teacher, TransferSources.fixed(transfer)).student();
        ClassificationTree cart = new CartTrainer(TreeConfig.builder().maxLeaves(7).build())
                .fitClassifier(transfer, teacher.predict(transfer));
        assertThat(extracted.leafCount()).isEqualTo(cart.leafCount());
        INDArray fresh = TreeFixtures.gaussian(500, 4, SEED + 2);
        assertThat(extracted.predict(fresh).sub(cart.predict(fresh)).amaxNumber().doubleValue())
                .isLessThan(1e-5);
    }

    @Test
    void growingPastTheBudgetAndPruningAgreesAtLeastAsOftenAsTheGreedyTreeOnItsPoints() {
        ClassificationTree teacher = tailTeacher();
        INDArray transfer = TreeFixtures.gaussian(600, 4, SEED);
        INDArray answers = teacher.predict(transfer);
        for (int leaves : new int[] {3, 5, 8}) {
            ClassificationTree greedy = new CartTrainer(TreeConfig.builder().maxLeaves(leaves).build())
                    .fitClassifier(transfer, answers);
            ClassificationTree pruned = new ModelExtraction(ExtractionConfig.builder().maxLeaves(leaves)
                    .minSamplesPerNode(0).growthFactor(4).heldOut(0, 0).build())
                    .distill(teacher, TransferSources.fixed(transfer)).student();
            assertThat(pruned.leafCount()).isLessThanOrEqualTo(leaves);
            // the greedy tree of this size is a pruning of the grown tree, so the optimal pruning agrees at least
            // as often on the points it was grown on
            assertThat(Fidelity.between(answers, pruned.predict(transfer)).top1Agreement())
                    .as("%s leaves", leaves)
                    .isGreaterThanOrEqualTo(Fidelity.between(answers, greedy.predict(transfer)).top1Agreement());
        }
    }

    @Test
    void reportsStagesFidelityAndACertificate() {
        ClassificationTree teacher = tailTeacher();
        INDArray transfer = TreeFixtures.gaussian(700, 4, SEED);
        Distillation<ClassificationTree> run = new ModelExtraction(ExtractionConfig.builder().maxLeaves(16)
                .minSamplesPerNode(100).queryBudget(500).heldOut(100, 300).seed(SEED).build())
                .distill(teacher, TransferSources.fixed(transfer));
        DistillationReport report = run.report();
        assertThat(report.epochsRun()).as("stages at 2, 4, 8, 16 leaves or fewer").isBetween(1, 4);
        assertThat(report.lossPerTerm().get("total")).hasSize(report.epochsRun());
        assertThat(report.lossPerTerm().get("disagreement")).hasSize(report.epochsRun())
                .allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        assertThat(report.validationFidelity()).hasSize(report.epochsRun());
        assertThat(report.certificate().sampleCount()).isEqualTo(300);
        assertThat(report.certificate().upperBound()).isGreaterThanOrEqualTo(1 - report.fidelity().top1Agreement());
        assertThat(report.fidelity().top1Agreement()).isGreaterThan(0.95);
        assertThat(report.seed()).isEqualTo(SEED);
        assertThat(report.configuration()).contains("kernelMarginals");
    }

    @Test
    void stopsWhenValidationAgreementReachesTheTarget() {
        ClassificationTree teacher = tailTeacher();
        INDArray transfer = TreeFixtures.gaussian(600, 4, SEED);
        Distillation<ClassificationTree> run = new ModelExtraction(ExtractionConfig.builder().maxLeaves(64)
                .minSamplesPerNode(0).heldOut(200, 0).targetAgreement(0.8).build())
                .distill(teacher, TransferSources.fixed(transfer));
        assertThat(run.report().stoppedEarly()).isTrue();
        assertThat(run.student().leafCount()).isLessThan(64);
        assertThat(run.report().validationFidelity().get(run.report().epochsRun() - 1).top1Agreement())
                .isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void theBudgetLimitsQueriesAndIsReported() {
        ClassificationTree teacher = tailTeacher();
        Distillation<ClassificationTree> run = new ModelExtraction(ExtractionConfig.builder().maxLeaves(16)
                .minSamplesPerNode(1000).queryBudget(700).heldOut(0, 0).build())
                .distill(teacher, TransferSources.fixed(TreeFixtures.gaussian(200, 4, SEED)));
        assertThat(run.report().teacherQueries()).isEqualTo(200 + 700);
        assertThat(run.report().warnings()).anyMatch(w -> w.contains("query budget"));
    }

    @Test
    void aSamplerThatLeavesTheRegionFailsTheRun() {
        RegionSampler outside = (region, count, rng) -> Nd4j.valueArrayOf(new long[] {count, 4}, 1e6f);
        INDArray transfer = TreeFixtures.gaussian(100, 4, SEED);
        assertThatThrownBy(() -> new ModelExtraction(ExtractionConfig.builder().maxLeaves(4).minSamplesPerNode(200)
                .sampler(outside).heldOut(0, 0).build()).distill(tailTeacher(), TransferSources.fixed(transfer)))
                .isInstanceOf(DistillationException.class).hasMessageContaining("epoch")
                .cause().hasMessageContaining("outside");
    }

    @Test
    void samplersStayInTheirRegion() {
        INDArray members = TreeFixtures.gaussian(30, 3, SEED);
        float[] lower = {Float.NEGATIVE_INFINITY, -0.5f, Float.NEGATIVE_INFINITY};
        float[] upper = {0.5f, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
        float[] v = TreeFixtures.values(members);
        int inside = 0;
        float[] kept = new float[30 * 3];
        for (int r = 0; r < 30; r++) {
            if (v[r * 3] <= 0.5f && v[r * 3 + 1] > -0.5f) {
                System.arraycopy(v, r * 3, kept, inside++ * 3, 3);
            }
        }
        INDArray keptRows = Nd4j.create(java.util.Arrays.copyOf(kept, inside * 3), new long[] {inside, 3},
                DataType.FLOAT);
        NodeRegion region = new NodeRegion(lower, upper, keptRows);
        INDArray marginal = RegionSamplers.empiricalMarginals().sample(region, 200, new SplittableRandom(SEED));
        INDArray kernel = RegionSamplers.kernelMarginals().sample(region, 200, new SplittableRandom(SEED));
        INDArray mixed = RegionSamplers.mixup().sample(region, 50, new SplittableRandom(SEED));
        INDArray perturbed = RegionSamplers.perturbedMembers(0.5).sample(region, 50, new SplittableRandom(SEED));
        INDArray rejected = RegionSamplers.rejection(rng -> TreeFixtures.gaussian(64, 3, rng.nextLong()), 50)
                .sample(region, 100, new SplittableRandom(SEED));
        assertThat(marginal.rows()).isEqualTo(200);
        assertThat(rejected.rows()).isEqualTo(100);
        assertThat(kernel.rows()).isEqualTo(200);
        assertThat(mixed.rows()).isEqualTo(50);
        assertThat(perturbed.rows()).isEqualTo(50);
        assertThat(RegionSamplers.perturbedMembers(0).sample(region, 5, new SplittableRandom(SEED)).getFloat(0, 2))
                .as("no noise repeats a member").isIn(column2(kept, inside));
        for (INDArray sample : new INDArray[] {marginal, rejected, kernel, mixed, perturbed}) {
            float[] s = TreeFixtures.values(sample);
            for (int r = 0; r < sample.rows(); r++) {
                assertThat(region.contains(s, r * 3)).as("row %s of a sample", r).isTrue();
            }
        }
        float[] m = TreeFixtures.values(marginal);
        java.util.Set<Float> column0 = new java.util.HashSet<>();
        for (int r = 0; r < inside; r++) {
            column0.add(kept[r * 3]);
        }
        float[] kv = TreeFixtures.values(kernel);
        int newValues = 0;
        for (int r = 0; r < 200; r++) {
            assertThat(column0).contains(m[r * 3]);
            newValues += column0.contains(kv[r * 3]) ? 0 : 1;
        }
        assertThat(newValues).as("kernel draws between the observed values (others are clamped)").isGreaterThan(100);
        INDArray tiny = RegionSamplers.rejection(rng -> TreeFixtures.gaussian(8, 3, rng.nextLong()), 2)
                .sample(new NodeRegion(new float[] {5, 5, 5}, new float[] {6, 6, 6}, keptRows.getRows()), 10,
                        new SplittableRandom(SEED));
        assertThat(tiny.rows()).as("draws from a region the generator almost never reaches").isZero();
        assertThat(region.members().rows()).isEqualTo(inside);
        assertThat(region.lower(1)).isEqualTo(-0.5f);
        assertThat(region.upper(2)).isEqualTo(Float.POSITIVE_INFINITY);
    }

    private static java.util.List<Float> column2(float[] rows, int count) {
        java.util.List<Float> values = new java.util.ArrayList<>();
        for (int r = 0; r < count; r++) {
            values.add(rows[r * 3 + 2]);
        }
        return values;
    }

    @Test
    void nonFiniteOrEmptyTransferDataIsRejectedBeforeAnyQuery() {
        INDArray transfer = TreeFixtures.gaussian(50, 4, SEED);
        transfer.putScalar(7, 3, Float.NaN);
        ExtractionConfig config = ExtractionConfig.builder().maxLeaves(4).heldOut(0, 0).build();
        org.distill4j.core.contract.ThrowingTeacher never = org.distill4j.core.contract.ThrowingTeacher.wrap(
                tailTeacher(), 1);
        assertThatThrownBy(() -> new ModelExtraction(config).distill(never, TransferSources.generator(4, 50,
                (rows, rng) -> transfer.getRows(java.util.stream.IntStream.range(0, rows).toArray()))))
                .isInstanceOfAny(IllegalArgumentException.class, IllegalStateException.class)
                .hasMessageContaining("finite");
        assertThat(never.calls()).isZero();
        assertThatThrownBy(() -> new ModelExtraction(ExtractionConfig.builder().heldOut(0, 10).build())
                .distill(tailTeacher(), TransferSources.fixed(TreeFixtures.gaussian(5, 4, SEED))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configurationIsValidated() {
        assertThatThrownBy(() -> ExtractionConfig.builder().maxLeaves(0).build()).hasMessageContaining("maxLeaves");
        assertThatThrownBy(() -> ExtractionConfig.builder().minSamplesPerNode(-1).build())
                .hasMessageContaining("minSamplesPerNode");
        assertThatThrownBy(() -> ExtractionConfig.builder().queryBudget(-1).build())
                .hasMessageContaining("queryBudget");
        assertThatThrownBy(() -> ExtractionConfig.builder().criterion(org.distill4j.trees.cart.Criterion.VARIANCE)
                .build()).hasMessageContaining("criterion");
        assertThatThrownBy(() -> ExtractionConfig.builder().patience(2).build()).hasMessageContaining("patience");
        assertThatThrownBy(() -> ExtractionConfig.builder().sampler(null).build()).hasMessageContaining("sampler");
        assertThatThrownBy(() -> ExtractionConfig.builder().growthFactor(0).build())
                .hasMessageContaining("growthFactor");
        assertThatThrownBy(() -> ExtractionConfig.builder().growthFactor(65).build())
                .hasMessageContaining("growthFactor");
        ExtractionConfig config = ExtractionConfig.builder().maxLeaves(9).pacTarget(0.1, 0.05).build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.certificateSize()).isPositive();
    }
}
