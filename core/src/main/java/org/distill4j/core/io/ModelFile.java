package org.distill4j.core.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * distill4j's binary model format, used by every student's {@code save}/{@code load} (no Java serialization).
 *
 * <p>Layout, all integers little-endian:
 * <pre>
 *   "D4JM"                          4 magic bytes
 *   int32  format version           currently {@value #FORMAT_VERSION}
 *   int32  header length, bytes     then the UTF-8 JSON header: {"modelType": .., "modelVersion": .., model fields}
 *   int32  array count              then, per array:
 *     int32 name length, UTF-8 name
 *     int8  dtype                   1 FLOAT, 2 DOUBLE, 3 INT32, 4 INT64
 *     int32 rank, int64 × rank shape
 *     raw element data, C order, little-endian
 *   int32  CRC32 of every byte before it
 * </pre>
 *
 * <p>Writing goes to a temporary file in the target's folder, which is then moved over the target atomically
 * where the file system allows it, so a crash never leaves a half-written model under the target name.
 * Reading checks everything before trusting it: the magic, the format version, the model type, that every
 * declared length and shape fits in what remains of the file (nothing is allocated from a size read from the
 * file before that check), and the checksum. Every failure is an {@link IOException} whose message says what is
 * wrong and where.
 *
 * <p>Thread-safety: stateless; concurrent writes to the same path race (the last move wins), as with any file.
 */
public final class ModelFile {

    /** The current (and only) format version written and read. */
    public static final int FORMAT_VERSION = 1;

    /** Header key holding the model type. */
    public static final String MODEL_TYPE_KEY = "modelType";

    /** Header key holding the model's own format version. */
    public static final String MODEL_VERSION_KEY = "modelVersion";

    static final byte[] MAGIC = {'D', '4', 'J', 'M'};
    static final int MAX_NAME_BYTES = 1 << 16;
    static final int MAX_RANK = 32;

    /** Thread-safe once configured; never reconfigured. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    /**
     * Writes a model file, replacing {@code file} atomically where possible.
     *
     * @param file the target path; its folder must exist
     * @param modelType a non-empty model type, e.g. {@code "org.distill4j.MlpStudent"}
     * @param modelVersion the model's own format version, {@code >= 1}
     * @param header model fields serializable as JSON (strings, numbers, booleans, lists, maps); must not use
     *     the keys {@value #MODEL_TYPE_KEY} or {@value #MODEL_VERSION_KEY}
     * @param arrays named arrays of type FLOAT, DOUBLE, INT32 or INT64, written in the map's iteration order; not
     *     modified
     * @throws IOException if the file cannot be written; the target is then left as it was
     */
    public static void write(Path file, String modelType, int modelVersion, Map<String, ?> header,
            Map<String, INDArray> arrays) throws IOException {
        checkNotNull(file, "file");
        checkArgument(modelType != null && !modelType.isEmpty(), "modelType must be non-empty, got %s", modelType);
        checkArgument(modelVersion >= 1, "modelVersion must be >= 1, got %s", modelVersion);
        checkNotNull(header, "header");
        checkNotNull(arrays, "arrays");
        checkArgument(!header.containsKey(MODEL_TYPE_KEY) && !header.containsKey(MODEL_VERSION_KEY),
                "header must not use the reserved keys %s and %s, got keys %s", MODEL_TYPE_KEY, MODEL_VERSION_KEY,
                header.keySet());
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            checkArgument(e.getKey() != null && !e.getKey().isEmpty(), "array names must be non-empty");
            checkArgument(e.getKey().getBytes(StandardCharsets.UTF_8).length < MAX_NAME_BYTES,
                    "array name too long: %s", e.getKey());
            checkNotNull(e.getValue(), "array %s", e.getKey());
            checkArgument(dtypeCode(e.getValue().dataType()) > 0,
                    "array %s must be FLOAT, DOUBLE, INT32 or INT64, got %s", e.getKey(), e.getValue().dataType());
        }
        Map<String, Object> fullHeader = new LinkedHashMap<>();
        fullHeader.put(MODEL_TYPE_KEY, modelType);
        fullHeader.put(MODEL_VERSION_KEY, modelVersion);
        fullHeader.putAll(header);
        byte[] headerBytes = JSON.writeValueAsBytes(fullHeader);

        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        // Not Files.createTempFile: its owner-only permissions would stick to the model file after the move.
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW)) {
                CrcWriter out = new CrcWriter(Channels.newOutputStream(channel));
                out.bytes(MAGIC);
                out.int32(FORMAT_VERSION);
                out.int32(headerBytes.length);
                out.bytes(headerBytes);
                out.int32(arrays.size());
                for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                    writeArray(out, e.getKey(), e.getValue());
                }
                out.finish();
                channel.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads and checks a model file.
     *
     * @param file the file to read
     * @param expectedModelType the model type the caller can load; a file of another type is rejected
     * @return the header and the arrays, in file order
     * @throws IOException if the file cannot be read, or is not a valid model file of the expected type (wrong
     *     magic, unsupported format version, other model type, truncated, malformed, checksum mismatch)
     */
    public static Contents read(Path file, String expectedModelType) throws IOException {
        checkNotNull(file, "file");
        checkArgument(expectedModelType != null && !expectedModelType.isEmpty(),
                "expectedModelType must be non-empty, got %s", expectedModelType);
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException(file + ": file of " + size + " bytes is larger than a model file can be");
        }
        byte[] bytes = Files.readAllBytes(file);
        return new ModelFileReader(file, bytes).read(expectedModelType);
    }

    /**
     * What a model file holds.
     *
     * @param file where it was read from, for messages
     * @param modelType the model type (also in {@code header})
     * @param modelVersion the model's own format version (also in {@code header})
     * @param header the whole JSON header, as parsed maps, lists, strings, numbers and booleans; unmodifiable
     * @param arrays the arrays in file order; unmodifiable, and the arrays are the caller's
     */
    public record Contents(Path file, String modelType, int modelVersion, Map<String, Object> header,
            Map<String, INDArray> arrays) {

        /** Copies the maps into unmodifiable ones that keep their order. */
        public Contents {
            checkNotNull(file, "file");
            checkNotNull(modelType, "modelType");
            header = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(header));
            arrays = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        }

        /**
         * The named array.
         *
         * @throws IOException naming the file if there is no such array
         */
        public INDArray array(String name) throws IOException {
            INDArray a = arrays.get(name);
            if (a == null) {
                throw new IOException(file + ": " + modelType + " model file has no array '" + name
                        + "' (arrays: " + arrays.keySet() + ")");
            }
            return a;
        }

        /**
         * A header field that must be present and not null.
         *
         * @throws IOException naming the file if the field is missing
         */
        public Object field(String key) throws IOException {
            Object v = header.get(key);
            if (v == null) {
                throw new IOException(file + ": " + modelType + " model file header has no field '" + key + "'");
            }
            return v;
        }

        /**
         * A header field that must be an integer.
         *
         * @throws IOException naming the file if the field is missing or not an integer
         */
        public long longField(String key) throws IOException {
            Object v = field(key);
            if (!(v instanceof Integer || v instanceof Long)) {
                throw new IOException(file + ": header field '" + key + "' must be an integer, got " + v);
            }
            return ((Number) v).longValue();
        }

        /**
         * A header field that must be a string.
         *
         * @throws IOException naming the file if the field is missing or not a string
         */
        public String stringField(String key) throws IOException {
            Object v = field(key);
            if (!(v instanceof String)) {
                throw new IOException(file + ": header field '" + key + "' must be a string, got " + v);
            }
            return (String) v;
        }
    }

    static int dtypeCode(DataType type) {
        if (type == DataType.FLOAT) {
            return 1;
        } else if (type == DataType.DOUBLE) {
            return 2;
        } else if (type == DataType.INT32) {
            return 3;
        } else if (type == DataType.INT64) {
            return 4;
        }
        return -1;
    }

    static DataType dtypeOf(int code) {
        DataType[] types = {null, DataType.FLOAT, DataType.DOUBLE, DataType.INT32, DataType.INT64};
        return code >= 1 && code < types.length ? types[code] : null;
    }

    static int width(DataType type) {
        return type == DataType.FLOAT || type == DataType.INT32 ? 4 : 8;
    }

    static ObjectMapper json() {
        return JSON;
    }

    private static void writeArray(CrcWriter out, String name, INDArray array) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        out.int32(nameBytes.length);
        out.bytes(nameBytes);
        DataType type = array.dataType();
        out.int8(dtypeCode(type));
        long[] shape = array.shape();
        out.int32(shape.length);
        for (long s : shape) {
            out.int64(s);
        }
        long length = array.length();
        if (length == 0) {
            return;
        }
        int w = width(type);
        if (length * w > Integer.MAX_VALUE - 16) {
            throw new IOException("array " + name + " of " + length + " elements is too large for a model file");
        }
        INDArray c = array.dup('c');
        ByteBuffer buf = ByteBuffer.allocate((int) (length * w)).order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.FLOAT) {
            buf.asFloatBuffer().put(c.data().asFloat(), 0, (int) length);
        } else if (type == DataType.DOUBLE) {
            buf.asDoubleBuffer().put(c.data().asDouble(), 0, (int) length);
        } else if (type == DataType.INT32) {
            buf.asIntBuffer().put(c.data().asInt(), 0, (int) length);
        } else {
            buf.asLongBuffer().put(c.data().asLong(), 0, (int) length);
        }
        out.bytes(buf.array());
    }

    /** An output stream wrapper that keeps the running CRC32 and writes little-endian primitives. */
    private static final class CrcWriter {
        private final OutputStream out;
        private final CRC32 crc = new CRC32();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        CrcWriter(OutputStream out) {
            this.out = new java.io.BufferedOutputStream(out, 1 << 16);
        }

        void bytes(byte[] b) throws IOException {
            bytes(b, b.length);
        }

        void bytes(byte[] b, int len) throws IOException {
            crc.update(b, 0, len);
            out.write(b, 0, len);
        }

        void int8(int v) throws IOException {
            bytes(new byte[] {(byte) v});
        }

        void int32(int v) throws IOException {
            scratch.clear();
            scratch.putInt(v);
            bytes(Arrays.copyOf(scratch.array(), 4));
        }

        void int64(long v) throws IOException {
            scratch.clear();
            scratch.putLong(v);
            bytes(Arrays.copyOf(scratch.array(), 8));
        }

        void finish() throws IOException {
            int value = (int) crc.getValue();
            scratch.clear();
            scratch.putInt(value);
            out.write(scratch.array(), 0, 4);
            out.flush();
        }
    }
}
