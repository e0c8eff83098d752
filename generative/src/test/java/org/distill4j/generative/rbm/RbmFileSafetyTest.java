package org.distill4j.generative.rbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.distill4j.core.data.NpyWriter;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Issue 8's model-file safety list for {@link RbmFiles#load} (the per-shape and NaN cases are in
 * {@link RbmFilesTest}): the CRC32 checksums of {@code rbm.json}, truncated and corrupted arrays, wrong versions
 * and formats, integer arrays, and infinite weights each give an {@link IOException} naming the file.
 */
class RbmFileSafetyTest {

    @TempDir
    Path dir;

    private final Rbm rbm = TinyRbmFixtures.random(6, 4, 1.0, 3, DataType.FLOAT);

    private String header() throws IOException {
        return Files.readString(dir.resolve(RbmFiles.HEADER));
    }

    @Test
    void saveRecordsChecksumsThatLoadVerifies() throws IOException {
        rbm.save(dir);
        assertThat(header()).contains("\"crc32\"").contains("\"W.npy\"");
        byte[] w = Files.readAllBytes(dir.resolve(RbmFiles.WEIGHTS));
        w[w.length - 3] ^= 0x01;
        Files.write(dir.resolve(RbmFiles.WEIGHTS), w);
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("W.npy")
                .hasMessageContaining("checksum mismatch").hasMessageContaining("delete the 'crc32' entry");
        // Arrays replaced from NumPy without the header: refused while the header records checksums ...
        Rbm other = TinyRbmFixtures.random(6, 4, 1.0, 4, DataType.FLOAT);
        NpyWriter.write(other.weights(), dir.resolve(RbmFiles.WEIGHTS));
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("checksum");
        // ... and loaded once the entry is deleted, as the message says.
        Files.writeString(dir.resolve(RbmFiles.HEADER), header().replaceAll("(?s),\\s*\"crc32\"\\s*:\\s*\\{[^}]*}",
                ""), StandardCharsets.UTF_8);
        assertThat(header()).doesNotContain("crc32");
        assertThat(Rbm.load(dir).weights()).isEqualTo(other.weights());
    }

    @Test
    void malformedChecksumEntriesAreRefused() throws IOException {
        rbm.save(dir);
        String good = header();
        Files.writeString(dir.resolve(RbmFiles.HEADER), good.replace("\"crc32\" : {", "\"crc32\" : 7, \"x\" : {"));
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("'crc32'");
        Files.writeString(dir.resolve(RbmFiles.HEADER), good.replaceFirst("\"b.npy\" : \\d+", "\"b.npy\" : \"x\""));
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("crc32.b.npy");
    }

    @Test
    void truncatedArraysAreRefused() throws IOException {
        rbm.save(dir);
        Files.delete(dir.resolve(RbmFiles.HEADER));
        byte[] w = Files.readAllBytes(dir.resolve(RbmFiles.WEIGHTS));
        for (int length : new int[] {0, 5, 60, w.length - 1}) {
            Files.write(dir.resolve(RbmFiles.WEIGHTS), Arrays.copyOf(w, length));
            assertThatThrownBy(() -> Rbm.load(dir)).as("W.npy cut to %s bytes", length)
                    .isInstanceOf(IOException.class).hasMessageContaining("W.npy");
        }
    }

    @Test
    void wrongVersionsFormatsAndTypesAreRefused() throws IOException {
        rbm.save(dir);
        String good = header();
        Files.writeString(dir.resolve(RbmFiles.HEADER), good.replace("\"formatVersion\" : 1",
                "\"formatVersion\" : 2"));
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("formatVersion")
                .hasMessageContaining("got 2");
        Files.writeString(dir.resolve(RbmFiles.HEADER), good.replace("distill4j-rbm", "distill4j-nade"));
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("'format'")
                .hasMessageContaining("distill4j-nade");
        Files.writeString(dir.resolve(RbmFiles.HEADER), good.replace("\"FLOAT\"", "\"INT8\""));
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("dataType");
        Files.writeString(dir.resolve(RbmFiles.HEADER), "[1, 2]");
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("rbm.json");
        Files.delete(dir.resolve(RbmFiles.HEADER));
        // the same bytes declared as int32 ('<i4' instead of '<f4', as np.save of an integer array writes)
        Path weights = dir.resolve(RbmFiles.WEIGHTS);
        Files.writeString(weights, Files.readString(weights, StandardCharsets.ISO_8859_1).replace("<f4", "<i4"),
                StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("W.npy")
                .hasMessageContaining("float32 or float64");
    }

    @Test
    void infiniteWeightsAreRefused() throws IOException {
        rbm.save(dir);
        Files.delete(dir.resolve(RbmFiles.HEADER));
        var w = rbm.weights().castTo(DataType.DOUBLE);
        w.putScalar(5, 3, Double.NEGATIVE_INFINITY);
        NpyWriter.write(w, dir.resolve(RbmFiles.WEIGHTS));
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("finite")
                .hasMessageContaining("row 5, column 3");
    }
}
