package org.distill4j.generative;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.distill4j.core.data.NpyWriter;
import org.distill4j.core.io.LoaderFuzzer;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.rbm.Rbm;
import org.distill4j.generative.rbm.RbmFiles;
import org.distill4j.generative.testing.TinyNadeFixtures;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CI part of fuzzing the generative module's loaders (issue 8; the long campaign is the docs command
 * {@code fuzz}, targets {@code Nade}, {@code RbmFiles-W} and {@code RbmFiles-json}): a fixed seed corpus, a fixed
 * seed, {@value #INPUTS} inputs per loader, and no input may make a loader fail other than with an
 * {@link IOException}. The NADE model files are re-signed after mutation ({@code fixModelFileChecksum}) so that
 * the parser and the NADE checks, not only the CRC, are exercised. The RBM loader takes a folder: each mutated
 * {@code W.npy} is copied into a folder with valid {@code b.npy} and {@code c.npy} and no {@code rbm.json} (so no
 * checksum hides the parser), and each mutated {@code rbm.json} into a folder with the valid arrays it was saved
 * with.
 */
class GenerativeLoaderFuzzTest {

    private static final long SEED = 20261126L;
    private static final int INPUTS = 1200;
    private static final Duration BUDGET = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private final Rbm rbm = TinyRbmFixtures.random(6, 4, 1.0, 5, DataType.FLOAT);

    private static void assertClean(LoaderFuzzer.Report report, TestReporter reporter) {
        reporter.publishEntry(report.loader(), report.inputs() + " inputs: " + report.loaded() + " loaded, "
                + report.rejected() + " rejected with IOException, " + report.findings().size() + " findings");
        assertThat(report.findings()).as("inputs that broke %s other than with an IOException", report.loader())
                .isEmpty();
        assertThat(report.inputs()).isEqualTo(INPUTS);
        assertThat(report.rejected()).as("rejected inputs of %s", report.loader()).isGreaterThan(INPUTS / 5);
        assertThat(report.loaded()).as("inputs %s still loaded", report.loader()).isPositive();
    }

    @Test
    void nadeModelFilesAreRejectedWithIoExceptionsOnly(TestReporter reporter) throws IOException {
        Path a = dir.resolve("a.d4j");
        Path b = dir.resolve("b.d4j");
        TinyNadeFixtures.random(5, 3, new int[] {3, 1, 4, 0, 2}, DataType.FLOAT, 1).withBlockSize(2).save(a);
        TinyNadeFixtures.random(4, 6, null, DataType.DOUBLE, 2).save(b);
        LoaderFuzzer fuzzer = LoaderFuzzer.of("Nade.load", file -> {
            Nade nade = Nade.load(file);
            nade.logProbability(Nd4j.zeros(nade.dataType(), 1, nade.visibleSize()));
        }, List.of(Files.readAllBytes(a), Files.readAllBytes(b))).fixModelFileChecksum();
        assertClean(fuzzer.run(SEED, INPUTS, BUDGET, dir.resolve("nade")), reporter);
    }

    @Test
    void rbmWeightFilesAreRejectedWithIoExceptionsOnly(TestReporter reporter) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("rbm-w"));
        rbm.save(folder);
        Files.delete(folder.resolve(RbmFiles.HEADER));
        Path asDouble = dir.resolve("w-double.npy");
        NpyWriter.write(rbm.weights().castTo(DataType.DOUBLE), asDouble);
        List<byte[]> corpus = List.of(Files.readAllBytes(folder.resolve(RbmFiles.WEIGHTS)),
                Files.readAllBytes(asDouble));
        LoaderFuzzer fuzzer = LoaderFuzzer.of("RbmFiles.load (W.npy)", file -> {
            Files.copy(file, folder.resolve(RbmFiles.WEIGHTS), StandardCopyOption.REPLACE_EXISTING);
            Rbm loaded = RbmFiles.load(folder);
            loaded.freeEnergy(Nd4j.zeros(loaded.dataType(), 1, loaded.visibleSize()));
        }, corpus);
        assertClean(fuzzer.run(SEED + 1, INPUTS, BUDGET, dir.resolve("w")), reporter);
    }

    @Test
    void rbmHeadersAreRejectedWithIoExceptionsOnly(TestReporter reporter) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("rbm-json"));
        rbm.save(folder);
        byte[] saved = Files.readAllBytes(folder.resolve(RbmFiles.HEADER));
        byte[] minimal = "{\"format\": \"distill4j-rbm\", \"formatVersion\": 1, \"visible\": 6, \"hidden\": 4}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        LoaderFuzzer fuzzer = LoaderFuzzer.of("RbmFiles.load (rbm.json)", file -> {
            Files.copy(file, folder.resolve(RbmFiles.HEADER), StandardCopyOption.REPLACE_EXISTING);
            RbmFiles.load(folder).parameterCount();
        }, List.of(saved, minimal));
        assertClean(fuzzer.run(SEED + 2, INPUTS, BUDGET, dir.resolve("json")), reporter);
    }
}
