package org.distill4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.data.NpyReader;
import org.distill4j.core.data.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CI part of the loaders' fuzzing (issue 8): a fixed seed corpus, a fixed seed, a bounded number of inputs.
 * The longer campaign is the docs command {@code fuzz}.
 */
class LoaderFuzzTest {

    private static final long SEED = 20261126L;
    private static final int INPUTS = 1500;

    @TempDir
    Path dir;

    private List<byte[]> modelFileCorpus() throws IOException {
        Path generic = dir.resolve("generic.d4j");
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("w", Nd4j.rand(DataType.FLOAT, 3, 4));
        arrays.put("b", Nd4j.rand(DataType.DOUBLE, 5));
        arrays.put("labels", Nd4j.createFromArray(1, 2, 3));
        arrays.put("index", Nd4j.createFromArray(7L, 8L));
        ModelFile.write(generic, "fuzz.Model", 2, Map.of("layers", List.of(3, 4), "name", "x",
                "nested", Map.of("a", 1.5, "b", true)), arrays);
        Path student = dir.resolve("student.d4j");
        MlpStudent.initialize(MlpArchitecture.of(4, 3, 2), 1).save(student);
        return List.of(Files.readAllBytes(generic), Files.readAllBytes(student));
    }

    private static void assertClean(LoaderFuzzer.Report report, TestReporter reporter) {
        reporter.publishEntry(report.loader(), report.inputs() + " inputs: " + report.loaded() + " loaded, "
                + report.rejected() + " rejected with IOException, " + report.findings().size() + " findings");
        assertThat(report.findings()).as("inputs that broke %s other than with an IOException", report.loader())
                .isEmpty();
        assertThat(report.inputs()).isEqualTo(INPUTS);
        assertThat(report.rejected()).isGreaterThan(INPUTS / 2);
    }

    @Test
    void modelFilesAndStudentsRejectDamagedFilesWithIoExceptionsOnly(TestReporter reporter) throws IOException {
        List<byte[]> corpus = modelFileCorpus();
        LoaderFuzzer.Loader generic = file -> {
            ModelFile.Contents c = ModelFile.read(file, "fuzz.Model");
            c.arrays().values().forEach(INDArray::length);
        };
        Duration budget = Duration.ofMinutes(2);
        assertClean(LoaderFuzzer.of("ModelFile", generic, corpus).fixModelFileChecksum()
                .run(SEED, INPUTS, budget, dir.resolve("a")), reporter);
        assertClean(LoaderFuzzer.of("MlpStudent.load", file -> MlpStudent.load(file).parameterCount(), corpus)
                .fixModelFileChecksum().run(SEED + 1, INPUTS, budget, dir.resolve("b")), reporter);
    }

    @Test
    void aStudentFileWithNonFiniteParametersIsRejected() throws IOException {
        Path file = dir.resolve("nan.d4j");
        MlpStudent student = MlpStudent.initialize(MlpArchitecture.of(3, 2), 1);
        INDArray parameters = Nd4j.zeros(DataType.FLOAT, 1, student.parameterCount());
        parameters.putScalar(1, Float.NaN);
        ModelFile.write(file, MlpStudent.MODEL_TYPE, 1, Map.of("layerSizes", List.of(3, 2), "activation", "RELU",
                "dataType", "FLOAT"), Map.of("parameters", parameters));
        assertThatThrownBy(() -> MlpStudent.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("NaN or infinite");
    }

    @Test
    void npyReaderRejectsDamagedFilesWithIoExceptionsOnly(TestReporter reporter) throws IOException {
        Path f = dir.resolve("w.npy");
        NpyWriter.write(Nd4j.rand(DataType.DOUBLE, 6, 3), f);
        Path g = dir.resolve("b.npy");
        NpyWriter.write(Nd4j.rand(DataType.FLOAT, 7), g);
        LoaderFuzzer fuzzer = LoaderFuzzer.of("NpyReader", file -> NpyReader.read(file).length(),
                List.of(Files.readAllBytes(f), Files.readAllBytes(g)));
        assertClean(fuzzer.run(SEED + 2, INPUTS, Duration.ofMinutes(2), dir.resolve("c")), reporter);
    }

    @Test
    void reportsWhatALoaderThrowsOtherThanIoException() throws IOException {
        LoaderFuzzer.Report report = LoaderFuzzer.of("broken", file -> {
            if (Files.size(file) % 2 == 0) {
                throw new IllegalStateException("boom");
            }
        }, List.of(new byte[] {1, 2, 3, 4, 5})).run(SEED, 200, Duration.ofSeconds(30), dir.resolve("d"));
        assertThat(report.inputs()).isEqualTo(200);
        assertThat(report.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.error()).contains("boom"));
        assertThatThrownBy(() -> LoaderFuzzer.of("x", file -> { }, List.of()))
                .hasMessageContaining("at least one file");
    }

    @Test
    void checksumRepairMakesTheCrcMatchAgain() {
        byte[] bytes = {'D', '4', 'J', 'M', 9, 9, 9, 0, 0, 0, 0};
        byte[] repaired = LoaderFuzzer.withModelFileChecksum(bytes);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(repaired, 0, repaired.length - 4);
        assertThat(java.nio.ByteBuffer.wrap(repaired).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt(repaired.length - 4)).isEqualTo((int) crc.getValue());
    }
}
