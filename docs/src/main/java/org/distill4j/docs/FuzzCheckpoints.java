package org.distill4j.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.DistillationException;
import org.distill4j.core.compression.CompressionConfig;
import org.distill4j.core.compression.CompressionDistiller;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The {@code fuzz} campaign's checkpoint target: the seed corpus is the {@code checkpoint.d4j} a tiny compression
 * run (4 features, 3 classes, a 4-6-3 student, 48 transfer rows, 2 epochs, validation) writes after its first
 * epoch; each mutated checkpoint goes into a folder with that run's best student and is {@code resume}d — read,
 * restored into a prepared run (optimiser and loop state) and trained for the remaining epoch. Documented
 * outcomes: a resumed run, or an {@link IllegalArgumentException} / {@link DistillationException} whose causes
 * are documented too; anything else (a cast, null-pointer or index error, an out-of-memory) is a finding.
 */
final class FuzzCheckpoints {

    private FuzzCheckpoints() {
    }

    /** The target {@code CheckpointResume}. */
    static FuzzCommand.Target target() {
        AtomicReference<Path> run = new AtomicReference<>();
        CompressionDistiller distiller = distiller();
        return new FuzzCommand.Target("CheckpointResume", true, file -> {
            Path folder = Files.createTempDirectory(file.getParent(), "ckpt");
            try {
                try (Stream<Path> best = Files.list(run.get())) {
                    for (Path p : best.filter(p -> p.getFileName().toString().startsWith("best-")).toList()) {
                        Files.copy(p, folder.resolve(p.getFileName()));
                    }
                }
                Files.copy(file, folder.resolve("checkpoint.d4j"), StandardCopyOption.REPLACE_EXISTING);
                try {
                    distiller.resume(teacher(), transfer(), folder);
                } catch (RuntimeException e) {
                    if (!documented(e)) {
                        throw new IllegalStateException("undocumented failure: " + e, e);
                    }
                    throw new IOException(e);
                }
            } finally {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(folder);
            }
        }, dir -> {
            Path r = dir.resolve("run");
            distiller().withCheckpoints(Checkpointing.everyEpoch(r)).distill(teacher(), transfer());
            run.set(r);
            return List.of(Files.readAllBytes(r.resolve("checkpoint.d4j")));
        });
    }

    private static boolean documented(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!(t instanceof IllegalArgumentException || t instanceof DistillationException
                    || t instanceof IOException || t instanceof UncheckedIOException)) {
                return false;
            }
        }
        return true;
    }

    private static ConditionalTeacher teacher() {
        INDArray w = Nd4j.create(new double[][] {{1, -1, 0.5}, {0.3, 0.8, -1}, {-0.7, 0.2, 1}, {0.1, -0.4, 0.6}})
                .castTo(DataType.FLOAT);
        return new ConditionalTeacher() {
            @Override
            public int inputSize() {
                return 4;
            }

            @Override
            public int outputSize() {
                return 3;
            }

            @Override
            public INDArray predict(INDArray inputs) {
                return Transforms.softmax(inputs.castTo(DataType.FLOAT).mmul(w), true);
            }
        };
    }

    private static TransferSource transfer() {
        SplittableRandom rng = new SplittableRandom(3);
        float[][] x = new float[48][4];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return TransferSources.fixed(Nd4j.create(x));
    }

    private static CompressionDistiller distiller() {
        return new CompressionDistiller(CompressionConfig.builder().student(MlpArchitecture.of(4, 6, 3))
                .objective(Objective.of(SoftTargetCrossEntropy.atTemperature(1.0))).updater(new Adam(1e-2))
                .epochs(2).batchSize(16).heldOut(8, 0).seed(5).build());
    }
}
