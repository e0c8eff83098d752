package org.distill4j.core.distill;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.compression.CompressionConfig;
import org.distill4j.core.compression.CompressionDistiller;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A small, fully deterministic distillation shared by the checkpoint tests and by the child JVM that
 * {@code CheckpointKillTest} kills: a fixed softmax-linear teacher, seeded inputs, a compression distiller with
 * validation (so a best student is checkpointed too).
 */
final class CheckpointFixture {

    static final int FEATURES = 12;
    static final int CLASSES = 3;
    static final int EPOCHS = 5;

    private CheckpointFixture() {
    }

    /** p(y|x) = softmax(x·W) with W fixed by a seed. */
    static ConditionalTeacher teacher() {
        SplittableRandom rng = new SplittableRandom(99);
        double[][] w = new double[FEATURES][CLASSES];
        for (double[] row : w) {
            for (int k = 0; k < CLASSES; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        INDArray weights = Nd4j.create(w).castTo(DataType.FLOAT);
        return new ConditionalTeacher() {
            @Override
            public int inputSize() {
                return FEATURES;
            }

            @Override
            public int outputSize() {
                return CLASSES;
            }

            @Override
            public INDArray predict(INDArray inputs) {
                INDArray z = inputs.castTo(DataType.FLOAT).mmul(weights);
                return org.nd4j.linalg.ops.transforms.Transforms.softmax(z, true);
            }
        };
    }

    static TransferSource transfer() {
        SplittableRandom rng = new SplittableRandom(7);
        float[][] x = new float[600][FEATURES];
        for (float[] row : x) {
            for (int j = 0; j < FEATURES; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return TransferSources.fixed(Nd4j.create(x));
    }

    static CompressionDistiller distiller() {
        return new CompressionDistiller(CompressionConfig.builder()
                .student(MlpArchitecture.of(FEATURES, 16, CLASSES))
                .objective(Objective.of(SoftTargetCrossEntropy.atTemperature(1.0)))
                .updater(new Adam(1e-2)).epochs(EPOCHS).batchSize(32).heldOut(100, 100).seed(11).build());
    }

    /** The child JVM: distils with a checkpoint every epoch, signals after the second, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path marker = Path.of(args[1]);
        distiller().withCheckpoints(Checkpointing.everyEpoch(dir)).withListener(new PauseAfterEpoch(marker, 1))
                .distill(teacher(), transfer());
    }
}
