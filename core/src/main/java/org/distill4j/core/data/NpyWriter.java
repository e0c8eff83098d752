package org.distill4j.core.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes FLOAT and DOUBLE arrays as NumPy {@code .npy} files (format 1.0, or 2.0 if the header needs it):
 * little-endian {@code <f4} or {@code <f8}, C order, header padded to a multiple of 64 bytes as NumPy does.
 * {@code numpy.load} reads the result, and so does {@link NpyReader}. The array is not modified. Stateless
 * and thread-safe.
 */
public final class NpyWriter {

    private static final int ALIGNMENT = 64;

    private NpyWriter() {
    }

    /**
     * Writes {@code array} to {@code path}, replacing any existing file.
     *
     * @param array a FLOAT or DOUBLE array of any rank
     * @throws IllegalArgumentException if the array is of another type
     * @throws IOException if the file cannot be written
     */
    public static void write(INDArray array, Path path) throws IOException {
        checkNotNull(path, "path");
        checkArray(array);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            write(array, out);
        }
    }

    /**
     * Writes {@code array} to a stream, which the caller closes.
     *
     * @param array a FLOAT or DOUBLE array of any rank
     * @throws IllegalArgumentException if the array is of another type
     * @throws IOException if the stream fails
     */
    public static void write(INDArray array, OutputStream out) throws IOException {
        checkNotNull(out, "out");
        checkArray(array);
        boolean isFloat = array.dataType() == DataType.FLOAT;
        long[] shape = array.shape();
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        String shapeText = shape.length == 1 ? "(" + dims + ",)" : "(" + dims + ")";
        String dict = "{'descr': '" + (isFloat ? "<f4" : "<f8") + "', 'fortran_order': False, 'shape': "
                + shapeText + ", }";
        int major = dict.length() + 1 + 10 > 65535 ? 2 : 1;
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padding = (ALIGNMENT - total % ALIGNMENT) % ALIGNMENT;
        byte[] header = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer preamble = ByteBuffer.allocate(prefix).order(ByteOrder.LITTLE_ENDIAN);
        preamble.put(NpyReader.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            preamble.putShort((short) header.length);
        } else {
            preamble.putInt(header.length);
        }
        out.write(preamble.array());
        out.write(header);
        long count = array.length();
        if (count == 0) {
            return;
        }
        INDArray contiguous = array.dup('c');
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(count * (isFloat ? 4 : 8)))
                .order(ByteOrder.LITTLE_ENDIAN);
        if (isFloat) {
            data.asFloatBuffer().put(contiguous.data().asFloat(), 0, (int) count);
        } else {
            data.asDoubleBuffer().put(contiguous.data().asDouble(), 0, (int) count);
        }
        out.write(data.array());
    }

    private static void checkArray(INDArray array) {
        checkNotNull(array, "array");
        checkArgument(array.dataType() == DataType.FLOAT || array.dataType() == DataType.DOUBLE,
                "array must be FLOAT or DOUBLE, got %s (cast it first)", array.dataType());
    }
}
