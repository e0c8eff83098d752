package org.distill4j.trees.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.distill4j.core.io.LoaderFuzzer;
import org.distill4j.trees.cart.CartTrainer;
import org.distill4j.trees.cart.TreeConfig;
import org.distill4j.trees.testing.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CI part of fuzzing the tree loaders (issue 8), like core's {@code LoaderFuzzTest}: a fixed seed corpus (the
 * v1 fixtures plus freshly saved trees), a fixed seed, {@value #INPUTS} mutated inputs per loader; every input
 * must load or fail with an {@link IOException}. Model files are re-signed by the fuzzer; JSON tree files are
 * re-signed here (CRC32 of the {@code "tree"} text) for half the inputs, so that the tree parser is reached and
 * not only the checksum. The longer campaign is the docs command {@code fuzz}.
 */
class TreeLoaderFuzzTest {

    private static final long SEED = 20261126L;
    private static final int INPUTS = 1500;
    private static final Duration BUDGET = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TreeLoaderFuzzTest.class.getResource(name).toURI());
    }

    private List<byte[]> corpus(String kind, String extension) throws IOException, URISyntaxException {
        INDArray x = TreeFixtures.gaussian(300, 5, 9);
        DecisionTree fresh = kind.equals("classification")
                ? new CartTrainer(TreeConfig.builder().maxLeaves(12).build()).fitClassifier(x,
                        TreeFixtures.softTargets(x, 4, 10))
                : new CartTrainer(TreeConfig.builder().maxLeaves(12).build()).fitRegressor(x, x.getColumns(1, 3));
        Path file = dir.resolve(kind + "-fresh." + extension);
        if (extension.equals("json")) {
            TreeJson.save(fresh, file);
        } else {
            fresh.save(file);
        }
        return List.of(Files.readAllBytes(resource(kind + "-tree-v1." + extension)), Files.readAllBytes(file));
    }

    private static void assertClean(LoaderFuzzer.Report report, TestReporter reporter) {
        reporter.publishEntry(report.loader(), report.inputs() + " inputs: " + report.loaded() + " loaded, "
                + report.rejected() + " rejected with IOException, " + report.findings().size() + " findings");
        assertThat(report.findings()).as("inputs that broke %s other than with an IOException", report.loader())
                .isEmpty();
        assertThat(report.inputs()).isEqualTo(INPUTS);
        assertThat(report.rejected()).isGreaterThan(INPUTS / 4);
    }

    @Test
    void treeModelFilesRejectDamagedFilesWithIoExceptionsOnly(TestReporter reporter) throws Exception {
        assertClean(LoaderFuzzer.of("ClassificationTree.load", f -> ClassificationTree.load(f).leafCount(),
                corpus("classification", "d4j")).fixModelFileChecksum().run(SEED, INPUTS, BUDGET, dir.resolve("a")),
                reporter);
        assertClean(LoaderFuzzer.of("RegressionTree.load", f -> RegressionTree.load(f).leafCount(),
                corpus("regression", "d4j")).fixModelFileChecksum().run(SEED + 1, INPUTS, BUDGET, dir.resolve("b")),
                reporter);
    }

    @Test
    void jsonTreeFilesRejectDamagedFilesWithIoExceptionsOnly(TestReporter reporter) throws Exception {
        List<byte[]> corpus = new ArrayList<>(corpus("classification", "json"));
        corpus.addAll(corpus("regression", "json"));
        SplittableRandom coin = new SplittableRandom(SEED);
        AtomicLong pastChecksum = new AtomicLong();
        LoaderFuzzer.Loader loader = file -> {
            if (coin.nextBoolean()) {
                Files.write(file, resign(Files.readAllBytes(file)));
            }
            try {
                TreeJson.load(file).leafCount();
                pastChecksum.incrementAndGet();
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("checksum mismatch")) {
                    pastChecksum.incrementAndGet();
                }
                throw e;
            }
        };
        assertClean(LoaderFuzzer.of("TreeJson.load", loader, corpus).run(SEED + 2, INPUTS, BUDGET,
                dir.resolve("c")), reporter);
        assertThat(pastChecksum.get()).as("inputs that reached the tree parser").isGreaterThan(INPUTS / 4);
    }

    /**
     * Rewrites the {@code crc32} of a (possibly damaged) JSON tree file as the CRC32 of the bytes from after
     * {@code "tree":} to before the last {@code '}'}, where the envelope puts the tree; leaves other files alone.
     */
    static byte[] resign(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int crcAt = text.indexOf("\"crc32\":\"") + "\"crc32\":\"".length();
        int tree = text.indexOf("\"tree\":") + "\"tree\":".length();
        int end = text.lastIndexOf('}');
        if (crcAt < "\"crc32\":\"".length() || crcAt + 8 > bytes.length || tree < "\"tree\":".length()
                || end < tree) {
            return bytes;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, tree, end - tree);
        byte[] out = bytes.clone();
        byte[] hex = String.format("%08x", crc.getValue()).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(hex, 0, out, crcAt, 8);
        return out;
    }

    @Test
    void aFileTheFuzzerFoundFailsWithAnIoException() throws Exception {
        // Found by this test's seed: an array whose shape has a zero dimension after an overflowing one made the
        // generic model-file reader throw IllegalArgumentException (newLimit < 0); tree loaders must say IOException.
        Path file = resource("damaged-zero-dimension.d4j");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClassificationTree.load(file))
                .isInstanceOf(IOException.class).hasMessageContaining(file.toString());
    }

    @Test
    void resigningRepairsAnEditedTree() throws Exception {
        byte[] bytes = Files.readAllBytes(resource("regression-tree-v1.json"));
        String edited = new String(bytes, StandardCharsets.UTF_8).replace("\"samples\":300", "\"samples\":301");
        Path file = dir.resolve("edited.json");
        Files.writeString(file, edited);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TreeJson.load(file))
                .hasMessageContaining("checksum mismatch");
        Files.write(file, resign(edited.getBytes(StandardCharsets.UTF_8)));
        assertThat(TreeJson.load(file).nodes().sampleCounts()[0]).isEqualTo(301);
    }
}
