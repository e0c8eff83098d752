package org.distill4j.generative.distill;

import java.nio.file.Path;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.PauseAfterEpoch;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.generative.rbm.Rbm;
import org.distill4j.generative.testing.TinyNadeFixtures;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The RBM → NADE run of {@link RbmNadeCheckpointTest}, and the child JVM its {@code kill -9} test starts: a fixed
 * 6 x 3 RBM, 30 seeded binary transfer rows, five epochs of Adam with the log-density term on.
 */
public final class RbmNadeCheckpointFixture {

    static final int EPOCHS = 5;

    private RbmNadeCheckpointFixture() {
    }

    static RbmNadeDistiller distiller(int hidden) {
        return new RbmNadeDistiller(RbmNadeConfig.builder()
                .training(TrainingSettings.builder().epochs(EPOCHS).batchSize(10).seed(11).heldOut(0, 0).build())
                .hiddenUnits(hidden).updater(new Adam(0.02)).blockSize(3).chains(20, 1, 5).klEstimates(2, 16)
                .logDensityWeight(0.1).build());
    }

    static Rbm teacher() {
        return TinyRbmFixtures.random(6, 3, 1.0, 5, DataType.FLOAT);
    }

    static TransferSource transfer() {
        return TransferSources.fixed(TinyNadeFixtures.randomBinary(30, 6, 9).castTo(DataType.FLOAT));
    }

    /** The child JVM: distils with a checkpoint every epoch, signals after the second, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path marker = Path.of(args[1]);
        distiller(4).withCheckpoints(Checkpointing.everyEpoch(dir)).withListener(new PauseAfterEpoch(marker, 1))
                .distill(teacher(), transfer());
    }
}
