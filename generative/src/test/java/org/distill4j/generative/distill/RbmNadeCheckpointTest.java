package org.distill4j.generative.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.SplittableRandom;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.DensityTeacher;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.transfer.HoldOut;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.testing.ShiftedDensityFixture;
import org.distill4j.generative.testing.TinyNadeFixtures;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Checkpoint and resume of {@link RbmNadeDistiller} (issue 8), as core's {@code CheckpointResumeTest}: a run whose
 * transfer source fails at the start of an epoch (a crash after the last checkpoint) is resumed from its checkpoint
 * and must end with exactly the NADE, losses and query count of an uninterrupted run with the same seed — for an RBM
 * teacher (persistent Gibbs chains, Adam state) and for a density teacher without chains. The transfer source is
 * the distiller's only input path besides the teacher: it gives the chains' starting states (one call in
 * {@code prepare}) and the epochs. The child-JVM {@code kill -9} test is core's; it exercises the same store.
 */
class RbmNadeCheckpointTest {

    @TempDir
    Path dir;

    private static RbmNadeDistiller distiller(int hidden) {
        return new RbmNadeDistiller(RbmNadeConfig.builder()
                .training(TrainingSettings.builder().epochs(5).batchSize(10).seed(11).heldOut(0, 0).build())
                .hiddenUnits(hidden).updater(new Adam(0.02)).blockSize(3).chains(20, 1, 5).klEstimates(2, 16)
                .logDensityWeight(0.1).build());
    }

    private static TransferSource transfer() {
        return TransferSources.fixed(TinyNadeFixtures.randomBinary(30, 6, 9).castTo(DataType.FLOAT));
    }

    /** Fails at the {@code failAt}-th call of {@code epoch} (0-based; {@code prepare} makes the first call). */
    private static TransferSource failingAt(TransferSource base, int failAt) {
        return new TransferSource() {
            private int calls;

            @Override
            public int inputSize() {
                return base.inputSize();
            }

            @Override
            public Iterator<TransferBatch> epoch(int batchSize, SplittableRandom rng) {
                if (calls++ == failAt) {
                    throw new IllegalStateException("simulated crash");
                }
                return base.epoch(batchSize, rng);
            }

            @Override
            public HoldOut holdOut(int count, SplittableRandom rng) {
                HoldOut h = base.holdOut(count, rng);
                return new HoldOut(failingAt(h.train(), failAt), h.heldOut(), h.heldOutLabels());
            }
        };
    }

    private void resumesExactly(DensityTeacher teacher, String name) {
        Distillation<Nade> uninterrupted = distiller(4).distill(teacher, transfer());
        Path checkpoints = dir.resolve(name);
        assertThatThrownBy(() -> distiller(4).withCheckpoints(Checkpointing.everyEpoch(checkpoints))
                .distill(teacher, failingAt(transfer(), 4))).isInstanceOf(DistillationException.class)
                .hasMessageContaining("simulated crash");
        assertThat(checkpoints).isNotEmptyDirectory();
        Distillation<Nade> resumed = distiller(4).resume(teacher, transfer(), checkpoints);
        assertThat(resumed.student()).isEqualTo(uninterrupted.student());
        assertThat(resumed.report().lossPerTerm()).isEqualTo(uninterrupted.report().lossPerTerm());
        assertThat(resumed.report().epochsRun()).isEqualTo(5);
        assertThat(resumed.report().teacherQueries()).isEqualTo(uninterrupted.report().teacherQueries());
    }

    @Test
    void anRbmRunResumedAfterACrashEndsLikeAnUninterruptedOne() {
        resumesExactly(TinyRbmFixtures.random(6, 3, 1.0, 5, DataType.FLOAT), "rbm");
    }

    @Test
    void aRunWithoutChainsResumesExactlyToo() {
        resumesExactly(new ShiftedDensityFixture(TinyRbmFixtures.random(6, 3, 1.0, 5, DataType.FLOAT), 0.5),
                "density");
    }

    @Test
    void resumingWithOtherSettingsIsRefused() {
        Path checkpoints = dir.resolve("other");
        assertThatThrownBy(() -> distiller(4).withCheckpoints(Checkpointing.everyEpoch(checkpoints))
                .distill(TinyRbmFixtures.random(6, 3, 1.0, 5, DataType.FLOAT), failingAt(transfer(), 3)))
                .isInstanceOf(DistillationException.class);
        assertThatThrownBy(() -> distiller(5).resume(TinyRbmFixtures.random(6, 3, 1.0, 5, DataType.FLOAT),
                transfer(), checkpoints)).isInstanceOf(IllegalArgumentException.class);
    }
}
