package org.distill4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class IdxReaderTest {

    @TempDir
    Path dir;

    /** IDX3 bytes for n images of rows x cols pixels. */
    private static byte[] imageFile(int n, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(0x803).putInt(n).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    private static byte[] labelFile(byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x801).putInt(labels.length).put(labels);
        return b.array();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes(long seed, int n, int bound) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) rng.nextInt(bound);
        }
        return bytes;
    }

    @Test
    void roundTripPlainAndGzipped() throws IOException {
        byte[] pixels = randomBytes(1, 5 * 3 * 4, 256);
        byte[] labels = randomBytes(2, 5, 7);
        labels[0] = 6;
        for (boolean compressed : new boolean[] {false, true}) {
            Path images = dir.resolve("img" + compressed);
            Path labelPath = dir.resolve("lab" + compressed);
            byte[] imageBytes = imageFile(5, 3, 4, pixels);
            byte[] labelBytes = labelFile(labels);
            Files.write(images, compressed ? gzip(imageBytes) : imageBytes);
            Files.write(labelPath, compressed ? gzip(labelBytes) : labelBytes);
            Dataset data = IdxReader.read(images, labelPath, "tiny");
            assertThat(data.size()).isEqualTo(5);
            assertThat(data.numFeatures()).isEqualTo(12);
            assertThat(data.numClasses()).isEqualTo(7);
            assertThat(data.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6");
            INDArray x = data.features();
            for (int i = 0; i < 5; i++) {
                assertThat(data.label(i)).isEqualTo(labels[i]);
                for (int j = 0; j < 12; j++) {
                    assertThat(x.getDouble(i, j)).isCloseTo((pixels[i * 12 + j] & 0xff) / 255.0, within(1e-7));
                }
            }
        }
    }

    @Test
    void readsTheStandardFashionMnistNames() throws IOException {
        byte[] pixels = randomBytes(3, 2 * 28 * 28, 256);
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(imageFile(2, 28, 28, pixels)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labelFile(new byte[] {9, 3}));
        Dataset test = IdxReader.readFashionMnist(dir, false);
        assertThat(test.name()).isEqualTo("fashion-mnist-test");
        assertThat(test.numClasses()).isEqualTo(10);
        assertThat(test.classNames().get(9)).isEqualTo("Ankle boot");
        assertThat(test.labels()).containsExactly(9, 3);
        assertThatThrownBy(() -> IdxReader.readFashionMnist(dir, true)).isInstanceOf(IOException.class)
                .hasMessageContaining("train-images-idx3-ubyte");
    }

    @Test
    void truncatedFilesFailClearly() throws IOException {
        byte[] full = imageFile(4, 2, 2, randomBytes(4, 16, 256));
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        Files.write(images, Arrays.copyOf(full, full.length - 3));
        Files.write(labels, labelFile(new byte[] {0, 1, 0, 1}));
        assertThatThrownBy(() -> IdxReader.read(images, labels, "t")).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated").hasMessageContaining("expected 16 bytes of image data, got 13")
                .hasMessageContaining(images.toString());
        Files.write(images, gzip(Arrays.copyOf(full, 10)));
        assertThatThrownBy(() -> IdxReader.read(images, labels, "t")).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated").hasMessageContaining("IDX header");
        byte[] gz = gzip(full);
        Files.write(images, Arrays.copyOf(gz, gz.length - 12));
        assertThatThrownBy(() -> IdxReader.read(images, labels, "t")).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void rejectsWrongMagicDimensionsAndCounts() throws IOException {
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        Files.write(images, imageFile(2, 2, 2, new byte[8]));
        Files.write(labels, labelFile(new byte[] {0, 1, 1}));
        assertThatThrownBy(() -> IdxReader.read(images, labels, "t")).isInstanceOf(IOException.class)
                .hasMessageContaining("2 images").hasMessageContaining("3 labels");
        // Labels passed as images: magic 0x801 where 0x803 is expected.
        assertThatThrownBy(() -> IdxReader.read(labels, labels, "t")).isInstanceOf(IOException.class)
                .hasMessageContaining("magic number 0x00000801, expected 0x00000803");
        Files.write(images, imageFile(0, 2, 2, new byte[0]));
        assertThatThrownBy(() -> IdxReader.read(images, labels, "t")).isInstanceOf(IOException.class)
                .hasMessageContaining("dimension 0 must be positive");
        Files.write(images, imageFile(1, 1, 1, new byte[1]));
        Files.write(labels, labelFile(new byte[] {4}));
        assertThatThrownBy(() -> IdxReader.read(images, labels, "t", List.of("a", "b")))
                .isInstanceOf(IOException.class).hasMessageContaining("label 4");
    }
}
