package org.distill4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.DistillationException;
import org.distill4j.core.compression.CompressionConfig;
import org.distill4j.core.compression.CompressionDistiller;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.RunCheckpoints;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The CI part of the checkpoint loader's fuzzing (issue 8): real checkpoints (a compression run checkpointed every
 * epoch, and an own-loop run's {@link RunState} written through {@link RunCheckpoints}) are mutated — with the
 * CRC32 re-signed, so the header parser and the state decoding see the damage — and read back the way
 * {@code resume} reads them: the compression checkpoints by a real {@code resume} of the tiny run (prepare,
 * restore of the optimiser and loop state, the one remaining epoch), the others by {@link RunCheckpoints#read} and
 * the decoding an own-loop run does. The documented outcomes are a resumed run, an
 * {@link IllegalArgumentException} or a {@link DistillationException} whose causes are themselves documented;
 * anything else (an NPE, a cast or index error, an out-of-memory, an undocumented cause) is a finding.
 */
class CheckpointFuzzTest {

    private static final long SEED = 20261126L;
    private static final int INPUTS = 1500;
    private static final int STRUCTURED_INPUTS = 600;

    @TempDir
    Path dir;

    /** p(y|x) = softmax(x W) with a fixed W: 4 features, 3 classes. */
    static ConditionalTeacher teacher() {
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

    static TransferSource transfer() {
        SplittableRandom rng = new SplittableRandom(3);
        float[][] x = new float[48][4];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return TransferSources.fixed(Nd4j.create(x));
    }

    /** Two epochs with validation: the checkpoint after the first holds a best student too. */
    static CompressionDistiller distiller() {
        return new CompressionDistiller(CompressionConfig.builder().student(MlpArchitecture.of(4, 6, 3))
                .objective(Objective.of(SoftTargetCrossEntropy.atTemperature(1.0))).updater(new Adam(1e-2))
                .epochs(2).batchSize(16).heldOut(8, 0).seed(5).build());
    }

    /**
     * Whether {@code e}, thrown for a damaged checkpoint, is documented: an {@link IllegalArgumentException} or
     * {@link DistillationException} all of whose causes are too (or I/O errors).
     */
    static boolean documented(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!(t instanceof IllegalArgumentException || t instanceof DistillationException
                    || t instanceof IOException || t instanceof java.io.UncheckedIOException)) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code read}; documented failures become {@link IOException}s, others are rethrown as findings. */
    static void asLoader(ThrowingRunnable read) throws IOException {
        try {
            read.run();
        } catch (RuntimeException e) {
            if (documented(e)) {
                throw new IOException(e);
            }
            throw new IllegalStateException("undocumented failure: " + e + causes(e), e);
        }
    }

    private static String causes(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            s.append(" <- ").append(t);
        }
        return s.toString();
    }

    /** A read that may throw. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws IOException;
    }

    /** A fresh folder holding {@code file} as the checkpoint and the given (valid) companion files. */
    static Path checkpointFolder(Path file, Path scratch, Path companions) throws IOException {
        Path folder = Files.createTempDirectory(Files.createDirectories(scratch), "ckpt");
        if (companions != null) {
            try (Stream<Path> files = Files.list(companions)) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith("best-")).toList()) {
                    Files.copy(p, folder.resolve(p.getFileName()));
                }
            }
        }
        Files.copy(file, folder.resolve("checkpoint.d4j"), StandardCopyOption.REPLACE_EXISTING);
        return folder;
    }

    static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The own-loop state: counters, a nested chain state and DOUBLE vectors, as MCMC/EM runs write. */
    static RunState ownLoopState() {
        RunState chain = RunState.builder().put("steps", 17).put("position", 0.5, -1.25, 3.0)
                .field("accepted", List.of(1, 0, 1)).build();
        return RunState.builder().put("iteration", 3).nested("chain", chain).put("history", 1.0, 0.5)
                .array("weights", Nd4j.rand(DataType.FLOAT, 2, 3)).build();
    }

    /** Decodes an own-loop state as its run would on resume. */
    static void decodeOwnLoop(RunState state) {
        long iteration = state.longField("iteration");
        RunState chain = state.nested("chain");
        chain.longField("steps");
        double[] position = chain.doubles("position", 3);
        double[] history = state.doubles("history", (int) Math.min(Math.max(iteration - 1, 0), 1000));
        assertThat(position.length + history.length).isPositive();
        state.array("weights").castTo(DataType.DOUBLE).sumNumber();
    }

    @Test
    void damagedCheckpointsAreRejectedWithDocumentedExceptionsOnly(TestReporter reporter) throws IOException {
        Path run = dir.resolve("run");
        distiller().withCheckpoints(Checkpointing.everyEpoch(run)).distill(teacher(), transfer());
        assertThat(run.resolve("checkpoint.d4j")).exists();
        Path ownLoop = dir.resolve("own");
        RunCheckpoints.write(Checkpointing.everyEpoch(ownLoop), CheckpointFuzzTest.class, "settings-v1",
                ownLoopState(), 3);
        decodeOwnLoop(RunCheckpoints.read(ownLoop, CheckpointFuzzTest.class, "settings-v1"));

        Path scratch = dir.resolve("scratch");
        CompressionDistiller distiller = distiller();
        LoaderFuzzer.Loader resume = file -> {
            Path folder = checkpointFolder(file, scratch, run);
            try {
                asLoader(() -> assertThat(distiller.resume(teacher(), transfer(), folder).report().epochsRun())
                        .isBetween(0, 2));
            } finally {
                deleteTree(folder);
            }
        };
        LoaderFuzzer.Loader read = file -> {
            Path folder = checkpointFolder(file, scratch, null);
            try {
                asLoader(() -> decodeOwnLoop(RunCheckpoints.read(folder, CheckpointFuzzTest.class, "settings-v1")));
            } finally {
                deleteTree(folder);
            }
        };
        List<LoaderFuzzer.Report> reports = new ArrayList<>();
        reports.add(LoaderFuzzer.of("CompressionDistiller.resume", resume,
                List.of(Files.readAllBytes(run.resolve("checkpoint.d4j")))).fixModelFileChecksum()
                .run(SEED, INPUTS, Duration.ofMinutes(2), dir.resolve("a")));
        reports.add(LoaderFuzzer.of("RunCheckpoints.read", read,
                List.of(Files.readAllBytes(ownLoop.resolve("checkpoint.d4j")))).fixModelFileChecksum()
                .run(SEED + 1, INPUTS, Duration.ofMinutes(2), dir.resolve("b")));
        for (LoaderFuzzer.Report r : reports) {
            reporter.publishEntry(r.loader(), r.inputs() + " inputs: " + r.loaded() + " loaded, " + r.rejected()
                    + " rejected, " + r.findings().size() + " findings in " + r.elapsed());
            assertThat(r.findings()).as("inputs that broke %s undocumentedly", r.loader()).isEmpty();
            assertThat(r.inputs()).isEqualTo(INPUTS);
            assertThat(r.rejected()).isGreaterThan(INPUTS / 2);
        }
    }

    /**
     * Structure-aware inputs: the framing and CRC stay valid, so every input reaches the checkpoint's decoding
     * (header fields of the loop and run state, the optimiser's arrays) and, where it survives, a resumed epoch.
     */
    @Test
    void checkpointsWithDamagedFieldsAndArraysAreRejectedWithDocumentedExceptionsOnly(TestReporter reporter)
            throws IOException {
        Path run = dir.resolve("run");
        distiller().withCheckpoints(Checkpointing.everyEpoch(run)).distill(teacher(), transfer());
        CheckpointMutator mutator = new CheckpointMutator(ModelFile.read(run.resolve("checkpoint.d4j"),
                "org.distill4j.Checkpoint"));
        CompressionDistiller distiller = distiller();
        SplittableRandom rng = new SplittableRandom(SEED);
        Path input = dir.resolve("mutant.d4j");
        int resumed = 0;
        int rejected = 0;
        List<String> findings = new ArrayList<>();
        for (int i = 0; i < STRUCTURED_INPUTS; i++) {
            String what = mutator.writeMutant(input, rng);
            Path folder = checkpointFolder(input, dir.resolve("scratch"), run);
            try {
                asLoader(() -> distiller.resume(teacher(), transfer(), folder));
                resumed++;
            } catch (IOException e) {
                rejected++;
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                findings.add(what + " -> " + e);
            } finally {
                deleteTree(folder);
            }
        }
        reporter.publishEntry("structured", STRUCTURED_INPUTS + " inputs: " + resumed + " resumed, " + rejected
                + " rejected, " + findings.size() + " findings");
        assertThat(findings).as("structured inputs that broke resume undocumentedly").isEmpty();
        assertThat(rejected).isGreaterThan(STRUCTURED_INPUTS / 3);
        assertThat(resumed).isPositive();
    }

    /** The findings of the first campaign, each as a focused regression check with the message it now gets. */
    @Test
    void resumeNamesTheDamagedFieldInsteadOfFailingWithACastOrNullPointer() throws IOException {
        Path run = dir.resolve("run");
        distiller().withCheckpoints(Checkpointing.everyEpoch(run)).distill(teacher(), transfer());
        Path file = run.resolve("checkpoint.d4j");
        ModelFile.Contents valid = ModelFile.read(file, "org.distill4j.Checkpoint");
        Object[][] damage = {
            {"loop", 1.5, "checkpoint field 'loop' must be an object"},
            {"loop.lossPerTerm", null, "checkpoint field 'lossPerTerm' must be an object"},
            {"loop.validationHistory", 7, "checkpoint field 'validationHistory' must be a list"},
            {"loop.epochsRun", 2_000_000_000, "checkpoint field 'epochsRun' must be in [0, 2]"},
            {"loop.bestEpoch", 5, "checkpoint field 'bestEpoch' must be in [-1, 0]"},
            {"bestStudent", "../elsewhere.d4j", "must be a file name best-epoch<k>.d4j"}};
        for (Object[] d : damage) {
            String key = (String) d[0];
            Map<String, Object> header = new LinkedHashMap<>(valid.header());
            header.remove("modelType");
            header.remove("modelVersion");
            if (key.startsWith("loop.")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> loop = new LinkedHashMap<>((Map<String, Object>) header.get("loop"));
                loop.put(key.substring("loop.".length()), d[1]);
                header.put("loop", loop);
            } else {
                header.put(key, d[1]);
            }
            Path damaged = dir.resolve("damaged.d4j");
            ModelFile.write(damaged, valid.modelType(), valid.modelVersion(), header, valid.arrays());
            Path folder = checkpointFolder(damaged, dir.resolve("scratch"), run);
            assertThatThrownBy(() -> distiller().resume(teacher(), transfer(),
                    folder)).as(key).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining((String) d[2]).satisfies(e -> assertThat(documented(e)).isTrue());
            deleteTree(folder);
        }
    }

    @Test
    void theLoaderWrapperCountsUndocumentedFailuresAsFindings() {
        assertThat(documented(new IllegalArgumentException("x", new IOException("y")))).isTrue();
        assertThat(documented(new IllegalArgumentException("x", new NullPointerException()))).isFalse();
        assertThat(documented(new ClassCastException())).isFalse();
    }
}
