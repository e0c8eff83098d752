package org.distill4j.trees.lrh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.teacher.BlackBoxTeacher;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.trees.tree.ClassificationTree;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** LRH distillation recovers trees whose conjunctions are linear in the representation, and rejects bad input. */
class LrhDistillerTest {

    private static final long SEED = 2403L;

    private static LrhConfig.Builder small(int depth, int beam) {
        return LrhConfig.builder().depth(depth).beam(beam).probeSamples(300).scoreSamples(300).treeSamples(400)
                .certificateSize(500).seed(SEED);
    }

    @Test
    void recoversTheTaskTreeWhenItsConjunctionsAreLinear() {
        RandomTreeTask task = RandomTreeTask.generate(24, 3, SEED);
        AndRepresentationTeacherFixture teacher = new AndRepresentationTeacherFixture(task, 40, SEED);
        LrhResult result = new LrhDistiller(small(3, 6).build()).run(teacher, TransferSources.hypercube(24, 4000));
        assertThat(result.report().fidelity().top1Agreement()).isEqualTo(1.0);
        assertThat(result.report().certificate().sampleCount()).isEqualTo(500);
        INDArray fresh = task.sampleInputs(2000, new SplittableRandom(SEED + 1));
        assertThat(result.tree().predictClasses(fresh)).containsExactly(task.classes(fresh));
        assertThat(result.tree().leafCount()).isLessThanOrEqualTo(8);
        double[] errors = result.nodeProbeErrors();
        assertThat(errors).hasSize(result.tree().nodes().nodeCount());
        assertThat(errors[0]).isNaN();
        for (int node = 1; node < errors.length; node++) {
            assertThat(errors[node]).as("probe error of node %s", node).isFinite().isGreaterThanOrEqualTo(0);
        }
        // the root's two literals are exact linear features of the representation: the best probes of level 1
        assertThat(result.report().lossPerTerm().get("best").get(0)).isLessThan(0.01);
        int rootVariable = task.asTree().nodes().feature(0);
        assertThat(result.beams().get(0).subList(0, 2)).extracting(a -> a.variable(0))
                .containsOnly(rootVariable);
        assertThat(result.beams()).hasSize(3).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(6));
        assertThat(result.probesUsed()).isGreaterThan(2L * 24);
        assertThat(result.report().lossPerTerm().get("best")).hasSize(3);
    }

    @Test
    void aLeafBudgetGivesTheBestSmallTree() {
        RandomTreeTask task = RandomTreeTask.generate(16, 2, SEED);
        AndRepresentationTeacherFixture teacher = new AndRepresentationTeacherFixture(task, 10, SEED);
        LrhResult result = new LrhDistiller(small(2, 4).maxLeaves(2).build())
                .run(teacher, TransferSources.hypercube(16, 4000));
        assertThat(result.tree().leafCount()).isLessThanOrEqualTo(2);
        assertThat(result.report().fidelity().top1Agreement()).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void theSameSeedGivesTheSameTree() {
        RandomTreeTask task = RandomTreeTask.generate(16, 2, SEED);
        LrhDistiller distiller = new LrhDistiller(small(2, 3).build());
        Distillation<ClassificationTree> a = distiller.distill(new AndRepresentationTeacherFixture(task, 10, SEED),
                TransferSources.hypercube(16, 2000));
        Distillation<ClassificationTree> b = distiller.distill(new AndRepresentationTeacherFixture(task, 10, SEED),
                TransferSources.hypercube(16, 2000));
        assertThat(b.student()).isEqualTo(a.student());
        assertThat(b.report().lossPerTerm()).isEqualTo(a.report().lossPerTerm());
    }

    @Test
    void aTeacherWithoutARepresentationIsRejected() {
        BlackBoxTeacher plain = BlackBoxTeacher.of(x -> Nd4j.ones(DataType.FLOAT, x.rows(), 2).divi(2), 8, 2);
        assertThatThrownBy(() -> new LrhDistiller(small(2, 3).build()).run(plain, TransferSources.hypercube(8, 2000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HasHiddenRepresentation");
    }

    /** A teacher with a representation but {@code classes} outputs (uniform answers). */
    private record UniformTeacher(int inputSize, int classes) implements org.distill4j.core.ConditionalTeacher,
            org.distill4j.core.teacher.HasHiddenRepresentation {
        @Override
        public int outputSize() {
            return classes;
        }

        @Override
        public INDArray predict(INDArray inputs) {
            return Nd4j.ones(DataType.FLOAT, inputs.rows(), classes).divi(classes);
        }

        @Override
        public List<INDArray> hiddenRepresentations(INDArray inputs) {
            return List.of(inputs.dup());
        }
    }

    @Test
    void oneClassAndMultiClassTeachersAreRejectedClearly() {
        for (int classes : new int[] {1, 3}) {
            assertThatThrownBy(() -> new LrhDistiller(small(2, 3).build()).run(new UniformTeacher(8, classes),
                    TransferSources.hypercube(8, 2000))).as("%s classes", classes)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary")
                    .hasMessageContaining(classes + " outputs");
        }
    }

    @Test
    void aMissingOrMisshapenRepresentationIsRejected() {
        RandomTreeTask task = RandomTreeTask.generate(8, 2, SEED);
        AndRepresentationTeacherFixture missing = new AndRepresentationTeacherFixture(task, 4, SEED, Integer.MAX_VALUE,
                parts -> List.of());
        assertThatThrownBy(() -> new LrhDistiller(small(2, 3).build()).run(missing, TransferSources.hypercube(8, 2000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
        AndRepresentationTeacherFixture shortRows = new AndRepresentationTeacherFixture(task, 4, SEED, Integer.MAX_VALUE,
                parts -> List.of(parts.get(0).getRows(0)));
        assertThatThrownBy(() -> new LrhDistiller(small(2, 3).build())
                .run(shortRows, TransferSources.hypercube(8, 2000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape");
        AndRepresentationTeacherFixture changing = new AndRepresentationTeacherFixture(task, 4, SEED, Integer.MAX_VALUE,
                parts -> parts.get(0).rows() == 1 ? parts.subList(0, 1) : parts);
        assertThatThrownBy(() -> new LrhDistiller(small(2, 3).build())
                .run(changing, TransferSources.hypercube(8, 2000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("changed width");
    }

    @Test
    void inputsOutsideTheHypercubeAndImpossibleDepthsAreRejected() {
        RandomTreeTask task = RandomTreeTask.generate(8, 2, SEED);
        AndRepresentationTeacherFixture teacher = new AndRepresentationTeacherFixture(task, 4, SEED);
        INDArray gaussian = Nd4j.randn(DataType.FLOAT, 3000, 8);
        assertThatThrownBy(() -> new LrhDistiller(small(2, 3).build()).run(teacher, TransferSources.fixed(gaussian)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{±1}^d");
        assertThatThrownBy(() -> new LrhDistiller(small(9, 3).build()).run(teacher, TransferSources.hypercube(8, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth 9")
                .hasMessageContaining("d = 8");
    }

    @Test
    void aProblemTooLargeForTheMemoryLimitSaysHowMuchItNeeds() {
        RandomTreeTask task = RandomTreeTask.generate(200_000, 2, SEED);
        AndRepresentationTeacherFixture teacher = new AndRepresentationTeacherFixture(task, 0, SEED);
        assertThatThrownBy(() -> new LrhDistiller(small(4, 1000).memoryLimitBytes(1L << 30).build())
                .run(teacher, TransferSources.hypercube(200_000, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MB")
                .hasMessageContaining("d = 200000").hasMessageContaining("memoryLimitBytes = 1024 MB");
    }

    @Test
    void aFailingTeacherEndsTheRunWithADistillationException() {
        RandomTreeTask task = RandomTreeTask.generate(8, 2, SEED);
        for (int call = 1; call <= 6; call++) {
            AndRepresentationTeacherFixture failing = new AndRepresentationTeacherFixture(task, 4, SEED, call,
                    java.util.function.UnaryOperator.identity());
            assertThatThrownBy(() -> new LrhDistiller(small(2, 3).build()).run(failing,
                    TransferSources.hypercube(8, 2000))).as("failing from call %s", call)
                    .isInstanceOf(DistillationException.class).hasRootCauseMessage("teacher failed on call " + call);
        }
    }

    @Test
    void configurationIsValidated() {
        assertThatThrownBy(() -> LrhConfig.builder().depth(0).build()).hasMessageContaining("depth");
        assertThatThrownBy(() -> LrhConfig.builder().beam(0).build()).hasMessageContaining("beam");
        assertThatThrownBy(() -> LrhConfig.builder().ridge(0).build()).hasMessageContaining("ridge");
        assertThatThrownBy(() -> LrhConfig.builder().probeSamples(1).build()).hasMessageContaining("probeSamples");
        assertThatThrownBy(() -> LrhConfig.builder().memoryLimitBytes(0).build())
                .hasMessageContaining("memoryLimitBytes");
        LrhConfig config = LrhConfig.builder().depth(3).beam(7).build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.leafBudget()).isEqualTo(8);
    }
}
