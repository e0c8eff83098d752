package org.distill4j.trees.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.ThrowingTeacher;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.trees.tree.ClassificationTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checkpoint and resume of model extraction: a run stopped after its last stage checkpoint (its teacher fails at
 * the certificate's query) and resumed rebuilds the stages from the logged answers — asking the teacher only the
 * remaining question — and ends with the same tree and report as the uninterrupted run.
 */
class ModelExtractionCheckpointTest {

    @TempDir
    Path dir;

    private static ModelExtraction distiller(long seed) {
        return new ModelExtraction(ExtractionConfig.builder().maxLeaves(8).minSamplesPerNode(60).queryBudget(200)
                .heldOut(10, 20).seed(seed).build());
    }

    private static ConditionalTeacher teacher() {
        return MlpStudent.initialize(MlpArchitecture.of(4, 8, 3), 7);
    }

    private static TransferSource transfer() {
        return TransferSources.fixed(ContractInputs.gaussian(120, 4, 11, DataType.FLOAT));
    }

    @Test
    void aResumedRunRebuildsItsStagesFromTheLogAndEndsLikeAnUninterruptedOne() {
        ThrowingTeacher counting = ThrowingTeacher.wrap(teacher(), Integer.MAX_VALUE);
        Distillation<ClassificationTree> uninterrupted = distiller(3).distill(counting, transfer());
        int calls = counting.calls();
        assertThat(uninterrupted.report().epochsRun()).as("stages").isGreaterThan(2);
        Path checkpoints = dir.resolve("run");
        assertThatThrownBy(() -> distiller(3).withCheckpoints(Checkpointing.everyEpoch(checkpoints))
                .distill(ThrowingTeacher.wrap(teacher(), calls), transfer()))
                .isInstanceOf(DistillationException.class).hasMessageContaining("certifying");
        ThrowingTeacher resumedTeacher = ThrowingTeacher.wrap(teacher(), Integer.MAX_VALUE);
        Distillation<ClassificationTree> resumed = distiller(3).resume(resumedTeacher, transfer(), checkpoints);
        assertThat(resumedTeacher.calls()).as("questions the resumed run asked the teacher").isEqualTo(1);
        INDArray x = ContractInputs.gaussian(50, 4, 12, DataType.FLOAT);
        assertThat(resumed.student().predict(x)).isEqualTo(uninterrupted.student().predict(x));
        assertThat(resumed.student().leafCount()).isEqualTo(uninterrupted.student().leafCount());
        assertThat(resumed.report().lossPerTerm()).isEqualTo(uninterrupted.report().lossPerTerm());
        assertThat(resumed.report().validationFidelity()).isEqualTo(uninterrupted.report().validationFidelity());
        assertThat(resumed.report().fidelity()).isEqualTo(uninterrupted.report().fidelity());
        assertThat(resumed.report().teacherQueries()).isEqualTo(uninterrupted.report().teacherQueries());
        assertThat(resumed.report().bestEpoch()).isEqualTo(uninterrupted.report().bestEpoch());
    }

    @Test
    void refusesACheckpointOfOtherSettingsOrInputs() {
        Path checkpoints = dir.resolve("other");
        distiller(3).withCheckpoints(Checkpointing.everyEpoch(checkpoints)).distill(teacher(), transfer());
        assertThatThrownBy(() -> distiller(4).resume(teacher(), transfer(), checkpoints))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other settings");
        TransferSource otherInputs = TransferSources.fixed(ContractInputs.gaussian(120, 4, 99, DataType.FLOAT));
        assertThatThrownBy(() -> distiller(3).resume(teacher(), otherInputs, checkpoints))
                .isInstanceOf(DistillationException.class).hasMessageContaining("another question");
    }
}
