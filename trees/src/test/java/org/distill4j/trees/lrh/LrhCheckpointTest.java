package org.distill4j.trees.lrh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.DistillationException;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.KilledChild;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.PauseAfterEpoch;
import org.distill4j.core.distill.RunCheckpoints;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.trees.extraction.ExtractionConfig;
import org.distill4j.trees.extraction.ModelExtraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checkpoint and resume of LRH distillation: a run stopped mid-collection (its teacher fails, or its JVM is killed
 * with SIGKILL) or mid-beam-search and resumed from its last checkpoint asks the teacher only what the checkpoint
 * lacks and ends with the same tree, probe errors, beams and report figures as an uninterrupted run; checkpoints
 * of other settings, inputs or distillers are refused clearly.
 */
class LrhCheckpointTest {

    private static final long SEED = 2403L;
    private static final RandomTreeTask TASK = RandomTreeTask.generate(8, 2, SEED);

    @TempDir
    Path dir;

    /** 50 inputs per teacher call: 2 + 2 + 2 collection steps, 2 beam levels, 1 certificate step; 13 calls. */
    private static LrhDistiller chunked(long seed) {
        return new LrhDistiller(LrhConfig.builder().depth(2).beam(3).probeSamples(100).scoreSamples(100)
                .treeSamples(100).certificateSize(40).teacherChunk(50).seed(seed).build());
    }

    /** One call per input set: 3 collection steps, 3 beam levels, 1 certificate step. */
    private static LrhDistiller deep() {
        return new LrhDistiller(LrhConfig.builder().depth(3).beam(4).probeSamples(150).scoreSamples(150)
                .treeSamples(150).certificateSize(60).seed(SEED).build());
    }

    private static AndRepresentationTeacherFixture teacher(int failingCall) {
        return new AndRepresentationTeacherFixture(TASK, 4, SEED, failingCall, UnaryOperator.identity());
    }

    private static TransferSource transfer() {
        return TransferSources.hypercube(8, 2000);
    }

    private static RunState checkpoint(Path checkpoints, LrhDistiller distiller) {
        return RunCheckpoints.read(checkpoints, LrhDistiller.class, distiller.config().toString());
    }

    @Test
    void aRunStoppedMidCollectionResumesAskingOnlyTheRestAndEndsLikeAnUninterruptedOne() {
        AndRepresentationTeacherFixture counting = teacher(Integer.MAX_VALUE);
        LrhResult uninterrupted = chunked(SEED).run(counting, transfer());
        int calls = counting.calls();
        assertThat(calls).as("teacher calls of the uninterrupted run").isEqualTo(13);
        Path checkpoints = dir.resolve("collection");
        assertThatThrownBy(() -> chunked(SEED).withCheckpoints(Checkpointing.everyEpoch(checkpoints))
                .run(teacher(9), transfer())).isInstanceOf(DistillationException.class);
        RunState state = checkpoint(checkpoints, chunked(SEED));
        long logged = state.nested("queries").longField("calls");
        assertThat(logged).as("calls logged by the last checkpoint").isEqualTo(8);
        assertThat(state.nested("beam").longField("levels")).as("beam levels in a mid-collection checkpoint")
                .isZero();

        AndRepresentationTeacherFixture resumedTeacher = teacher(Integer.MAX_VALUE);
        LrhResult resumed = chunked(SEED).resumeRun(resumedTeacher, transfer(), checkpoints);
        assertThat(resumedTeacher.calls()).as("questions the resumed run asked the teacher").isEqualTo(calls - 8);
        assertSameRun(resumed, uninterrupted);
    }

    @Test
    void aRunStoppedMidBeamSearchTakesTheCompletedLevelsFromTheCheckpoint() {
        AndRepresentationTeacherFixture counting = teacher(Integer.MAX_VALUE);
        LrhResult uninterrupted = deep().run(counting, transfer());
        int calls = counting.calls();
        Path checkpoints = dir.resolve("beam");
        // steps: 3 collection chunks, levels 1..3, the certificate; every 4th step: after level 1 only
        assertThatThrownBy(() -> deep().withCheckpoints(new Checkpointing(checkpoints, 4, Duration.ZERO))
                .run(teacher(calls), transfer())).isInstanceOf(DistillationException.class)
                .hasMessageContaining("certifying");
        RunState state = checkpoint(checkpoints, deep());
        assertThat(state.longField("steps")).isEqualTo(4);
        assertThat(state.nested("beam").longField("levels")).as("completed beam levels").isEqualTo(1);
        assertThat(state.nested("queries").longField("calls")).isEqualTo(calls - 1);

        AndRepresentationTeacherFixture resumedTeacher = teacher(Integer.MAX_VALUE);
        LrhResult resumed = deep().resumeRun(resumedTeacher, transfer(), checkpoints);
        assertThat(resumedTeacher.calls()).as("questions the resumed run asked the teacher").isEqualTo(1);
        assertSameRun(resumed, uninterrupted);

        // the resumed run really takes level 1 from the checkpoint: shift its scores there, and its losses shift
        RunState beam = state.nested("beam");
        java.util.Map<String, INDArray> arrays = new java.util.LinkedHashMap<>(beam.arrays());
        arrays.put("1.scores", beam.array("1.scores").add(1.0));
        RunState shifted = RunState.builder().put("steps", 4).nested("queries", state.nested("queries"))
                .nested("beam", new RunState(beam.fields(), arrays)).build();
        RunCheckpoints.write(Checkpointing.everyEpoch(checkpoints), LrhDistiller.class, deep().config().toString(),
                shifted, 3);
        LrhResult fromShifted = deep().resumeRun(teacher(Integer.MAX_VALUE), transfer(), checkpoints);
        assertThat(fromShifted.report().lossPerTerm().get("best").get(0)).isCloseTo(
                uninterrupted.report().lossPerTerm().get("best").get(0) + 1.0, org.assertj.core.api.Assertions.within(
                        1e-12));
        assertThat(fromShifted.beams()).isEqualTo(uninterrupted.beams());
    }

    @Test
    void completedBeamLevelsRoundTripExactly() {
        LrhResult run = deep().run(teacher(Integer.MAX_VALUE), transfer());
        LinearProbeBeamSearch.Level root = LinearProbeBeamSearch.root();
        java.util.Map<AndTerm, Double> scores = new java.util.HashMap<>();
        AndTerm a = AndTerm.empty().and(3, 1);
        scores.put(a, 0.125);
        scores.put(AndTerm.empty().and(1, -1), Math.PI);
        List<LinearProbeBeamSearch.Level> levels = List.of(root, new LinearProbeBeamSearch.Level(List.of(a),
                java.util.Map.copyOf(scores)), new LinearProbeBeamSearch.Level(List.of(a.and(0, -1)),
                java.util.Map.of(a.and(0, -1), 1e-300, a.and(5, 1), 2.0)));
        List<LinearProbeBeamSearch.Level> back = BeamLevels.restore(BeamLevels.save(levels), 8, 3);
        assertThat(back).isEqualTo(levels);
        assertThatThrownBy(() -> BeamLevels.restore(BeamLevels.save(levels), 4, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x_5");
        assertThatThrownBy(() -> BeamLevels.restore(BeamLevels.save(levels), 8, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 beam levels");
        assertThat(run.beams()).hasSize(3);
    }

    @Test
    void aCheckpointOfOtherSettingsInputsOrAnotherDistillerIsRefused() {
        Path checkpoints = dir.resolve("mine");
        chunked(SEED).withCheckpoints(Checkpointing.everyEpoch(checkpoints)).run(teacher(Integer.MAX_VALUE),
                transfer());
        assertThatThrownBy(() -> chunked(SEED + 1).resume(teacher(Integer.MAX_VALUE), transfer(), checkpoints))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other settings");
        INDArray otherInputs = TASK.sampleInputs(2000, new SplittableRandom(99));
        assertThatThrownBy(() -> chunked(SEED).resume(teacher(Integer.MAX_VALUE), TransferSources.fixed(otherInputs),
                checkpoints)).isInstanceOf(DistillationException.class).hasMessageContaining("another question");
        Path theirs = dir.resolve("extraction");
        new ModelExtraction(ExtractionConfig.builder().maxLeaves(8).minSamplesPerNode(60).queryBudget(200)
                .heldOut(10, 20).seed(3).build()).withCheckpoints(Checkpointing.everyEpoch(theirs))
                .distill(MlpStudent.initialize(MlpArchitecture.of(4, 8, 3), 7),
                        TransferSources.fixed(ContractInputs.gaussian(120, 4, 11, DataType.FLOAT)));
        assertThat(theirs.resolve("checkpoint.d4j")).exists();
        assertThatThrownBy(() -> chunked(SEED).resume(teacher(Integer.MAX_VALUE), transfer(), theirs))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ModelExtraction.class.getName())
                .hasMessageContaining(LrhDistiller.class.getName());
        assertThatThrownBy(() -> chunked(SEED).resume(teacher(Integer.MAX_VALUE), transfer(), dir.resolve("none")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot resume");
    }

    @Test
    void aChildJvmKilledWithSigkillMidCollectionResumesToTheUninterruptedTree() throws Exception {
        Path checkpoints = dir.resolve("killed");
        KilledChild.runUntilMarkerThenKill(LrhCheckpointTest.class, checkpoints, dir, Duration.ofMinutes(3));
        long logged = checkpoint(checkpoints, chunked(SEED)).nested("queries").longField("calls");
        assertThat(logged).as("calls logged before the kill").isEqualTo(10);
        AndRepresentationTeacherFixture resumedTeacher = teacher(Integer.MAX_VALUE);
        LrhResult resumed = chunked(SEED).resumeRun(resumedTeacher, transfer(), checkpoints);
        AndRepresentationTeacherFixture counting = teacher(Integer.MAX_VALUE);
        LrhResult uninterrupted = chunked(SEED).run(counting, transfer());
        assertThat(resumedTeacher.calls()).as("questions the resumed run asked the teacher")
                .isEqualTo(counting.calls() - (int) logged);
        assertSameRun(resumed, uninterrupted);
    }

    /** The child JVM: checkpoints every step; at the teacher's 11th call (labels) signals and waits to be killed. */
    public static void main(String[] args) {
        Path checkpoints = Path.of(args[0]);
        Path marker = Path.of(args[1]);
        chunked(SEED).withCheckpoints(Checkpointing.everyEpoch(checkpoints)).run(new Pausing(teacher(
                Integer.MAX_VALUE), 11, marker), transfer());
    }

    private static void assertSameRun(LrhResult resumed, LrhResult uninterrupted) {
        assertThat(resumed.tree()).isEqualTo(uninterrupted.tree());
        assertThat(resumed.nodeProbeErrors()).containsExactly(uninterrupted.nodeProbeErrors());
        assertThat(resumed.beams()).isEqualTo(uninterrupted.beams());
        assertThat(resumed.probesUsed()).isEqualTo(uninterrupted.probesUsed());
        assertThat(resumed.report().lossPerTerm()).isEqualTo(uninterrupted.report().lossPerTerm());
        assertThat(resumed.report().fidelity()).isEqualTo(uninterrupted.report().fidelity());
        assertThat(resumed.report().certificate()).isEqualTo(uninterrupted.report().certificate());
        assertThat(resumed.report().teacherQueries()).isEqualTo(uninterrupted.report().teacherQueries());
        assertThat(resumed.report().epochsRun()).isEqualTo(uninterrupted.report().epochsRun());
        assertThat(resumed.report().configuration()).isEqualTo(uninterrupted.report().configuration());
    }

    /** Answers like its delegate until call {@code pauseAt}, where it writes the marker and waits to be killed. */
    private record Pausing(AndRepresentationTeacherFixture delegate, int pauseAt, Path marker)
            implements ConditionalTeacher, HasHiddenRepresentation {
        @Override
        public int inputSize() {
            return delegate.inputSize();
        }

        @Override
        public int outputSize() {
            return 2;
        }

        private void maybePause() {
            if (delegate.calls() + 1 == pauseAt) {
                try {
                    PauseAfterEpoch.markAndWait(marker);
                } catch (IOException | InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public INDArray predict(INDArray inputs) {
            maybePause();
            return delegate.predict(inputs);
        }

        @Override
        public List<INDArray> hiddenRepresentations(INDArray inputs) {
            maybePause();
            return delegate.hiddenRepresentations(inputs);
        }
    }
}
