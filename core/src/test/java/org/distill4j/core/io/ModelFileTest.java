package org.distill4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFileTest {

    private static final String TYPE = "test.Model";

    @TempDir
    Path dir;

    private static Map<String, INDArray> sampleArrays() {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("w", Nd4j.rand(DataType.FLOAT, 3, 4));
        arrays.put("b", Nd4j.rand(DataType.DOUBLE, 1, 5).muli(-1e300));
        arrays.put("labels", Nd4j.createFromArray(1, -2, 3, Integer.MAX_VALUE));
        arrays.put("counts", Nd4j.createFromArray(new long[][] {{Long.MIN_VALUE, 2}, {3, 4}}));
        arrays.put("scalar", Nd4j.scalar(2.5));
        arrays.put("cube", Nd4j.rand(DataType.FLOAT, 2, 3, 4).permute(2, 0, 1));
        return arrays;
    }

    private Path writeSample() throws IOException {
        Path file = dir.resolve("m.d4j");
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("layers", List.of(3, 4, 5));
        header.put("activation", "RELU");
        ModelFile.write(file, TYPE, 3, header, sampleArrays());
        return file;
    }

    @Test
    void roundTripKeepsHeaderArraysOrderAndDtypes() throws IOException {
        Map<String, INDArray> arrays = sampleArrays();
        Path file = dir.resolve("m.d4j");
        ModelFile.write(file, TYPE, 3, Map.of("layers", List.of(3, 4, 5), "name", "ünïcode"), arrays);

        ModelFile.Contents read = ModelFile.read(file, TYPE);

        assertThat(read.modelType()).isEqualTo(TYPE);
        assertThat(read.modelVersion()).isEqualTo(3);
        assertThat(read.header()).containsEntry("layers", List.of(3, 4, 5)).containsEntry("name", "ünïcode")
                .containsEntry("modelType", TYPE).containsEntry("modelVersion", 3);
        assertThat(read.arrays().keySet()).containsExactlyElementsOf(arrays.keySet());
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            INDArray back = read.array(e.getKey());
            assertThat(back.dataType()).as(e.getKey()).isEqualTo(e.getValue().dataType());
            assertThat(back.shape()).as(e.getKey()).isEqualTo(e.getValue().shape());
            assertThat(back).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(read.longField("modelVersion")).isEqualTo(3);
        assertThat(read.stringField("name")).isEqualTo("ünïcode");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
        Path plain = Files.createFile(dir.resolve("plain"));
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file)).as("ordinary permissions, not a temp file's")
                    .isEqualTo(Files.getPosixFilePermissions(plain));
        }
    }

    @Test
    void overwritesAnExistingFile() throws IOException {
        Path file = writeSample();
        ModelFile.write(file, TYPE, 1, Map.of(), Map.of("x", Nd4j.ones(DataType.FLOAT, 2)));
        assertThat(ModelFile.read(file, TYPE).arrays()).containsOnlyKeys("x");
    }

    @Test
    void missingArrayAndFieldNameTheFile() throws IOException {
        ModelFile.Contents read = ModelFile.read(writeSample(), TYPE);
        assertThatThrownBy(() -> read.array("nope")).isInstanceOf(IOException.class)
                .hasMessageContaining("nope").hasMessageContaining("m.d4j");
        assertThatThrownBy(() -> read.field("nope")).isInstanceOf(IOException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> read.longField("activation")).isInstanceOf(IOException.class)
                .hasMessageContaining("integer");
    }

    @Test
    void rejectsWrongMagic() throws IOException {
        Path file = writeSample();
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] = 'X';
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.read(file, TYPE)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a distill4j model file").hasMessageContaining("m.d4j");
    }

    @Test
    void rejectsOtherModelType() throws IOException {
        Path file = writeSample();
        assertThatThrownBy(() -> ModelFile.read(file, "other.Model")).isInstanceOf(IOException.class)
                .hasMessageContaining("'test.Model'").hasMessageContaining("'other.Model'");
    }

    @Test
    void rejectsUnsupportedFormatVersion() throws IOException {
        Path file = writeSample();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 7);
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.read(file, TYPE)).isInstanceOf(IOException.class)
                .hasMessageContaining("unsupported").hasMessageContaining("version 7");
    }

    @Test
    void rejectsTruncatedFilesAtEveryLength() throws IOException {
        Path file = writeSample();
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.d4j");
        for (int length = 0; length < bytes.length; length += 7) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            int len = length;
            assertThatThrownBy(() -> ModelFile.read(cut, TYPE)).as("length %s", len)
                    .isInstanceOf(IOException.class).hasMessageContaining("cut.d4j")
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("truncated", "corrupt", "checksum"));
        }
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> ModelFile.read(cut, TYPE)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void rejectsChecksumMismatch() throws IOException {
        Path file = writeSample();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 10] ^= 0x01; // inside the last array's data
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.read(file, TYPE)).isInstanceOf(IOException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void rejectsShapesLargerThanTheFileWithoutAllocating() throws IOException {
        // A hand-made file whose only array claims 2^31 x 2^31 floats, with a valid checksum.
        byte[] header = "{\"modelType\":\"test.Model\",\"modelVersion\":1}".getBytes();
        ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        b.put("D4JM".getBytes()).putInt(1).putInt(header.length).put(header).putInt(1);
        b.putInt(1).put((byte) 'x').put((byte) 1).putInt(2).putLong(1L << 31).putLong(1L << 31);
        b.putFloat(1f);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        Path file = dir.resolve("huge.d4j");
        Files.write(file, Arrays.copyOf(b.array(), b.position()));
        assertThatThrownBy(() -> ModelFile.read(file, TYPE)).isInstanceOf(IOException.class)
                .hasMessageContaining("'x'").hasMessageContaining("[2147483648, 2147483648]")
                .hasMessageContaining("remain");
    }

    @Test
    void rejectsTrailingGarbage() throws IOException {
        Path file = writeSample();
        byte[] bytes = Files.readAllBytes(file);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        System.arraycopy(bytes, bytes.length - 4, longer, bytes.length - 1, 4);
        Files.write(file, longer);
        assertThatThrownBy(() -> ModelFile.read(file, TYPE)).isInstanceOf(IOException.class)
                .hasMessageContaining("unexpected bytes");
    }

    @Test
    void rejectsBadWriteArguments() {
        Path file = dir.resolve("x.d4j");
        assertThatThrownBy(() -> ModelFile.write(file, "", 1, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modelType");
        assertThatThrownBy(() -> ModelFile.write(file, TYPE, 0, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modelVersion");
        assertThatThrownBy(() -> ModelFile.write(file, TYPE, 1, Map.of("modelType", "x"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> ModelFile.write(file, TYPE, 1, Map.of(),
                Map.of("h", Nd4j.ones(DataType.HALF, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HALF");
        assertThat(Files.exists(file)).isFalse();
    }
}
