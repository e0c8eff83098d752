package org.distill4j.generative.nade;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.core.io.ModelFile;
import org.distill4j.generative.testing.TinyNadeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 8's model-file safety list for {@link Nade#load}: a truncated, corrupted, newer-version or foreign file,
 * NaN weights, inconsistent shapes, a bad ordering and a header that disagrees with the arrays each give an
 * {@link IOException} whose message names the file and the problem.
 */
class NadeFileSafetyTest {

    @TempDir
    Path dir;

    private final Nade nade = TinyNadeFixtures.random(5, 3, new int[] {4, 3, 2, 1, 0}, DataType.FLOAT, 8);

    private Map<String, INDArray> arrays() {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("W", nade.inputWeights());
        arrays.put("V", nade.outputWeights());
        arrays.put("b", nade.visibleBias());
        arrays.put("c", nade.hiddenBias());
        arrays.put("ordering", Nd4j.createFromArray(nade.ordering()));
        return arrays;
    }

    private Path write(int version, String dataType, Map<String, INDArray> arrays) throws IOException {
        Path file = dir.resolve("nade-" + System.nanoTime() + ".d4j");
        ModelFile.write(file, NadeFiles.MODEL_TYPE, version, Map.of("visible", 5, "hidden", 3, "dataType", dataType,
                "blockSize", 4), arrays);
        return file;
    }

    @Test
    void truncatedAndCorruptedFilesAreRefused() throws IOException {
        Path file = dir.resolve("nade.d4j");
        nade.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.d4j");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 9));
        assertThatThrownBy(() -> Nade.load(truncated)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated.d4j");
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        Path corrupted = dir.resolve("corrupted.d4j");
        Files.write(corrupted, flipped);
        assertThatThrownBy(() -> Nade.load(corrupted)).isInstanceOf(IOException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void newerVersionsAndOtherModelTypesAreRefused() throws IOException {
        Path newer = write(NadeFiles.MODEL_VERSION + 1, "FLOAT", arrays());
        assertThatThrownBy(() -> Nade.load(newer)).isInstanceOf(IOException.class)
                .hasMessageContaining("version 2").hasMessageContaining("newer");
        Path other = dir.resolve("other.d4j");
        ModelFile.write(other, "org.distill4j.core.compression.MlpStudent", 1, Map.of(), arrays());
        assertThatThrownBy(() -> Nade.load(other)).isInstanceOf(IOException.class)
                .hasMessageContaining("MlpStudent").hasMessageContaining(NadeFiles.MODEL_TYPE);
    }

    @Test
    void nonFiniteWeightsAreRefused() throws IOException {
        Map<String, INDArray> arrays = arrays();
        INDArray v = arrays.get("V").dup();
        v.putScalar(2, 1, Float.POSITIVE_INFINITY);
        arrays.put("V", v);
        Path inf = write(1, "FLOAT", arrays);
        assertThatThrownBy(() -> Nade.load(inf)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a valid NADE").hasMessageContaining("v must be finite");
        arrays = arrays();
        INDArray w = arrays.get("W").dup();
        w.putScalar(0, 0, Float.NaN);
        arrays.put("W", w);
        Path nan = write(1, "FLOAT", arrays);
        assertThatThrownBy(() -> Nade.load(nan)).isInstanceOf(IOException.class)
                .hasMessageContaining("w must be finite");
    }

    @Test
    void inconsistentShapesOrderingsAndHeadersAreRefused() throws IOException {
        Map<String, INDArray> arrays = arrays();
        arrays.put("V", Nd4j.zeros(DataType.FLOAT, 4, 3));
        Path shapes = write(1, "FLOAT", arrays);
        assertThatThrownBy(() -> Nade.load(shapes)).isInstanceOf(IOException.class).hasMessageContaining("[5, 3]")
                .hasMessageContaining("[4, 3]");
        arrays = arrays();
        arrays.put("W", Nd4j.zeros(DataType.FLOAT, 3, 4));
        Path header = write(1, "FLOAT", arrays);
        assertThatThrownBy(() -> Nade.load(header)).isInstanceOf(IOException.class).hasMessageContaining("'W'")
                .hasMessageContaining("[3, 5]").hasMessageContaining("[3, 4]");
        arrays = arrays();
        arrays.put("ordering", Nd4j.createFromArray(0, 0, 1, 2, 3));
        Path ordering = write(1, "FLOAT", arrays);
        assertThatThrownBy(() -> Nade.load(ordering)).isInstanceOf(IOException.class).hasMessageContaining("ordering");
        arrays = arrays();
        arrays.remove("c");
        Path missing = write(1, "FLOAT", arrays);
        assertThatThrownBy(() -> Nade.load(missing)).isInstanceOf(IOException.class).hasMessageContaining("'c'");
        Path type = write(1, "DOUBLE", arrays());
        assertThatThrownBy(() -> Nade.load(type)).isInstanceOf(IOException.class).hasMessageContaining("DOUBLE")
                .hasMessageContaining("FLOAT");
        Path badType = write(1, "QUATERNION", arrays());
        assertThatThrownBy(() -> Nade.load(badType)).isInstanceOf(IOException.class).hasMessageContaining("dataType");
    }
}
