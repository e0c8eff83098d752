package org.distill4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {

    @TempDir
    Path dir;

    /** A .npy file with a version-1 header {@code dict}, padded as NumPy does, followed by {@code data}. */
    private static byte[] npy(String dict, byte[] data) {
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyReader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    private static INDArray read(byte[] bytes) throws IOException {
        return NpyReader.read(new ByteArrayInputStream(bytes), "mem");
    }

    private static byte[] written(INDArray array) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyWriter.write(array, out);
        return out.toByteArray();
    }

    @Test
    void roundTripsFloatAndDoubleOfSeveralRanks() throws IOException {
        INDArray matrix = Nd4j.createFromArray(new float[][] {{1.5f, -2}, {3, 4e-8f}, {5, 6}});
        Path path = dir.resolve("m.npy");
        NpyWriter.write(matrix, path);
        INDArray back = NpyReader.read(path);
        assertThat(back.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(back).isEqualTo(matrix);

        double[] values = new double[24];
        Arrays.setAll(values, i -> i / 7.0);
        INDArray cube = Nd4j.create(values, new long[] {2, 3, 4}, DataType.DOUBLE);
        assertThat(read(written(cube))).isEqualTo(cube);
        INDArray vector = Nd4j.createFromArray(1.0, 2.0, 3.0);
        assertThat(read(written(vector)).shape()).containsExactly(3);
        assertThat(read(written(vector))).isEqualTo(vector);
        // A transposed view is written in C order of its logical shape.
        INDArray view = matrix.transpose();
        assertThat(read(written(view))).isEqualTo(view.dup('c'));
        assertThat(matrix.getFloat(0, 1)).isEqualTo(-2f);
    }

    @Test
    void writerHeaderIsAlignedNumpyVersionOne() throws IOException {
        byte[] bytes = written(Nd4j.create(DataType.FLOAT, 2, 3));
        assertThat(Arrays.copyOf(bytes, 6)).isEqualTo(NpyReader.MAGIC);
        assertThat(bytes[6]).isEqualTo((byte) 1);
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertThat((10 + headerLength) % 64).isZero();
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat(bytes).hasSize(10 + headerLength + 24);
        assertThatThrownBy(() -> written(Nd4j.createFromArray(1, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FLOAT or DOUBLE, got INT");
    }

    @Test
    void readsHandCraftedBigEndianAndIntegerFiles() throws IOException {
        ByteBuffer f8 = ByteBuffer.allocate(32).order(ByteOrder.BIG_ENDIAN);
        f8.putDouble(1.25).putDouble(-2).putDouble(1e300).putDouble(0.1);
        INDArray big = read(npy("{'descr': '>f8', 'fortran_order': False, 'shape': (2, 2), }", f8.array()));
        assertThat(big.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(big).isEqualTo(Nd4j.createFromArray(new double[][] {{1.25, -2}, {1e300, 0.1}}));

        ByteBuffer i4 = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN).putInt(7).putInt(-1).putInt(1 << 20);
        INDArray ints = read(npy("{'descr': '>i4', 'fortran_order': False, 'shape': (3,), }", i4.array()));
        assertThat(ints.dataType()).isEqualTo(DataType.INT32);
        assertThat(ints.toIntVector()).containsExactly(7, -1, 1 << 20);

        ByteBuffer f4 = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(0.5f).putFloat(-3f);
        assertThat(read(npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 2), }", f4.array())))
                .isEqualTo(Nd4j.createFromArray(new float[][] {{0.5f, -3f}}));

        ByteBuffer i8 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE).putLong(-5);
        INDArray longs = read(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", i8.array()));
        assertThat(longs.dataType()).isEqualTo(DataType.INT64);
        assertThat(longs.toLongVector()).containsExactly(Long.MAX_VALUE, -5);

        INDArray bytes = read(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }",
                new byte[] {0, 1, (byte) 200, (byte) 255}));
        assertThat(bytes.dataType()).isEqualTo(DataType.UINT8);
        assertThat(bytes.castTo(DataType.INT32).toIntMatrix()).isEqualTo(new int[][] {{0, 1}, {200, 255}});

        INDArray bools = read(npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
                new byte[] {1, 0, 1}));
        assertThat(bools.dataType()).isEqualTo(DataType.BOOL);
        assertThat(bools.castTo(DataType.INT32).toIntVector()).containsExactly(1, 0, 1);

        ByteBuffer scalar = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(42);
        INDArray zeroD = read(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", scalar.array()));
        assertThat(zeroD.rank()).isZero();
        assertThat(zeroD.getDouble(0)).isEqualTo(42);
    }

    @Test
    void readsVersionTwoHeaders() throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }" + " ".repeat(3) + "\n";
        ByteBuffer b = ByteBuffer.allocate(12 + header.length() + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyReader.MAGIC).put((byte) 2).put((byte) 0).putInt(header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).putFloat(2.5f);
        assertThat(read(b.array()).getFloat(0)).isEqualTo(2.5f);
    }

    @Test
    void rejectsFortranOrderUnsupportedTypesAndTruncation() {
        byte[] data = new byte[16];
        assertThatThrownBy(() -> read(npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", data)))
                .isInstanceOf(IOException.class).hasMessageContaining("fortran_order True is not supported");
        assertThatThrownBy(() -> read(npy("{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", data)))
                .isInstanceOf(IOException.class).hasMessageContaining("unsupported dtype '<c8'");
        assertThatThrownBy(() -> read(npy("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", data)))
                .isInstanceOf(IOException.class).hasMessageContaining("unsupported dtype");
        assertThatThrownBy(() -> read(npy("{'descr': '|f4', 'fortran_order': False, 'shape': (2,), }", data)))
                .isInstanceOf(IOException.class).hasMessageContaining("unsupported dtype");
        assertThatThrownBy(() -> read(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", data)))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated")
                .hasMessageContaining("expected 24 bytes of array data, got 16");
        assertThatThrownBy(() -> read(npy("{'descr': '<f8', 'shape': (1,), }", data)))
                .isInstanceOf(IOException.class).hasMessageContaining("'fortran_order'");
        assertThatThrownBy(() -> read("not an npy file".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IOException.class).hasMessageContaining("not a .npy file");
    }
}
