package org.distill4j.core.data;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0, as documented in
 * {@code numpy.lib.format}) into a new {@link INDArray} of the file's shape, in C order.
 *
 * <p>Supported element types, either byte order: {@code f4} → FLOAT, {@code f8} → DOUBLE, {@code i4} → INT32,
 * {@code i8} → INT64, {@code u1} → UINT8, {@code b1} → BOOL. Fortran-ordered arrays, other types and pickled
 * objects are rejected with an {@link IOException} that says why; so are truncated files. A 0-d file gives a
 * scalar. Stateless and thread-safe.
 */
public final class NpyReader {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @throws IOException if the file cannot be read, is malformed or truncated, or holds an unsupported array
     */
    public static INDArray read(Path path) throws IOException {
        checkNotNull(path, "path");
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        }
    }

    /**
     * Reads a {@code .npy} stream (gzipped or not); the caller closes it.
     *
     * @param source a description of the stream for error messages
     * @throws IOException if the stream is malformed or truncated, or holds an unsupported array
     */
    public static INDArray read(InputStream raw, String source) throws IOException {
        checkNotNull(raw, "in");
        checkNotNull(source, "source");
        InputStream in = Streams.decompressIfGzipped(raw);
        byte[] preamble = Streams.readExactly(in, 8, source, "npy magic and version");
        for (int i = 0; i < MAGIC.length; i++) {
            if (preamble[i] != MAGIC[i]) {
                throw new IOException(source + " is not a .npy file: it does not start with \\x93NUMPY");
            }
        }
        int major = preamble[6];
        int headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(ByteBuffer.wrap(Streams.readExactly(in, 2, source, "header length"))
                    .order(ByteOrder.LITTLE_ENDIAN).getShort());
        } else if (major == 2 || major == 3) {
            headerLength = ByteBuffer.wrap(Streams.readExactly(in, 4, source, "header length"))
                    .order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (headerLength < 0 || headerLength > (1 << 24)) {
                throw new IOException(source + ": implausible header length "
                        + Integer.toUnsignedString(headerLength));
            }
        } else {
            throw new IOException(String.format("%s: unsupported .npy format version %d.%d", source, major,
                    preamble[7]));
        }
        String header = new String(Streams.readExactly(in, headerLength, source, "header"),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = field(DESCR, header, source, "descr");
        if ("True".equals(field(FORTRAN, header, source, "fortran_order"))) {
            throw new IOException(source + ": fortran_order True is not supported; save the array in C order "
                    + "(numpy.ascontiguousarray) first");
        }
        long[] shape = parseShape(field(SHAPE, header, source, "shape"), source);
        ByteOrder[] order = new ByteOrder[1];
        ElementType type = ElementType.of(descr, source, order);
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        if (count * type.size > Integer.MAX_VALUE - 8) {
            throw new IOException(String.format("%s: %d elements are too many to load", source, count));
        }
        ByteBuffer data = ByteBuffer.wrap(Streams.readExactly(in, (int) (count * type.size), source, "array data"))
                .order(order[0]);
        return type.toArray(data, (int) count, shape);
    }

    private static String field(Pattern pattern, String header, String source, String key) throws IOException {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new IOException(String.format("%s: the header has no valid '%s' entry: %s", source, key,
                    header.trim()));
        }
        return matcher.group(1);
    }

    private static long[] parseShape(String text, String source) throws IOException {
        String[] parts = text.split(",");
        long[] dims = new long[parts.length];
        int rank = 0;
        for (String part : parts) {
            String trimmed = part.trim().replaceAll("L$", "");
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                dims[rank] = Long.parseLong(trimmed);
            } catch (NumberFormatException e) {
                throw new IOException(String.format("%s: bad shape (%s)", source, text));
            }
            if (dims[rank] < 0) {
                throw new IOException(String.format("%s: negative dimension in shape (%s)", source, text));
            }
            rank++;
        }
        return java.util.Arrays.copyOf(dims, rank);
    }

    /** The supported element types and how to decode them. */
    private enum ElementType {
        F4(4, DataType.FLOAT), F8(8, DataType.DOUBLE), I4(4, DataType.INT32), I8(8, DataType.INT64),
        U1(1, DataType.UINT8), B1(1, DataType.BOOL);

        final int size;
        final DataType dataType;

        ElementType(int size, DataType dataType) {
            this.size = size;
            this.dataType = dataType;
        }

        /** Parses a dtype string such as {@code <f4}; stores its byte order in {@code order[0]}. */
        static ElementType of(String descr, String source, ByteOrder[] order) throws IOException {
            if (descr.length() != 3) {
                throw unsupported(descr, source);
            }
            char orderChar = descr.charAt(0);
            ElementType type;
            try {
                type = valueOf(descr.substring(1).toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw unsupported(descr, source);
            }
            boolean singleByte = type.size == 1;
            if (orderChar != '<' && orderChar != '>' && !(orderChar == '|' && singleByte)) {
                throw unsupported(descr, source);
            }
            order[0] = orderChar == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            return type;
        }

        private static IOException unsupported(String descr, String source) {
            return new IOException(String.format("%s: unsupported dtype '%s'; supported: <f4 <f8 <i4 <i8 |u1 |b1 "
                    + "and their big-endian forms", source, descr));
        }

        INDArray toArray(ByteBuffer data, int count, long[] shape) {
            if (count == 0) {
                return Nd4j.create(dataType, shape);
            }
            return switch (this) {
                case F4 -> {
                    float[] v = new float[count];
                    data.asFloatBuffer().get(v);
                    yield Nd4j.create(v, shape, dataType);
                }
                case F8 -> {
                    double[] v = new double[count];
                    data.asDoubleBuffer().get(v);
                    yield Nd4j.create(v, shape, dataType);
                }
                case I4 -> {
                    int[] v = new int[count];
                    data.asIntBuffer().get(v);
                    yield Nd4j.create(v, shape, dataType);
                }
                case I8 -> {
                    long[] v = new long[count];
                    data.asLongBuffer().get(v);
                    yield Nd4j.create(v, shape, dataType);
                }
                case U1 -> Nd4j.create(data.array(), shape, DataType.INT8).castTo(DataType.UINT8);
                case B1 -> {
                    boolean[] v = new boolean[count];
                    for (int i = 0; i < count; i++) {
                        v[i] = data.get(i) != 0;
                    }
                    yield Nd4j.create(v, shape, dataType);
                }
            };
        }
    }
}
