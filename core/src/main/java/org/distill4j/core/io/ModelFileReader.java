package org.distill4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parses the bytes of a model file (see {@link ModelFile} for the layout), checking every declared size against
 * what remains before allocating anything from it. One instance per read; not thread-safe.
 */
final class ModelFileReader {

    private static final int CRC_BYTES = 4;

    private final Path file;
    private final ByteBuffer in;
    private final int limit;
    private final boolean checksumMatches;

    ModelFileReader(Path file, byte[] bytes) {
        this.file = file;
        this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.limit = Math.max(0, bytes.length - CRC_BYTES);
        if (bytes.length >= CRC_BYTES) {
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, limit);
            this.checksumMatches = (int) crc.getValue() == in.getInt(limit);
        } else {
            this.checksumMatches = false;
        }
    }

    ModelFile.Contents read(String expectedModelType) throws IOException {
        byte[] magic = new byte[ModelFile.MAGIC.length];
        int available = Math.min(magic.length, in.capacity());
        in.get(magic, 0, available);
        if (available < magic.length || !Arrays.equals(magic, ModelFile.MAGIC)) {
            if (available == magic.length || !startsLikeMagic(magic, available)) {
                throw new IOException(file + ": not a distill4j model file (magic bytes "
                        + Arrays.toString(Arrays.copyOf(magic, available)) + ", expected \"D4JM\")");
            }
            throw truncated(0, magic.length, "the magic bytes");
        }
        int version = int32("the format version");
        if (version != ModelFile.FORMAT_VERSION) {
            throw new IOException(file + ": unsupported model file format version " + version
                    + " (this reader supports version " + ModelFile.FORMAT_VERSION + ")");
        }
        int headerLength = int32("the header length");
        if (headerLength < 0) {
            throw corrupt(in.position() - 4, "negative header length " + headerLength);
        }
        need(headerLength, "the JSON header");
        Map<String, Object> header = parseHeader(headerLength);
        Object type = header.get(ModelFile.MODEL_TYPE_KEY);
        if (!(type instanceof String)) {
            throw corrupt(8, "header has no string '" + ModelFile.MODEL_TYPE_KEY + "' field");
        }
        if (!type.equals(expectedModelType)) {
            throw new IOException(file + ": model type is '" + type + "', expected '" + expectedModelType + "'");
        }
        Object modelVersion = header.get(ModelFile.MODEL_VERSION_KEY);
        if (!(modelVersion instanceof Integer)) {
            throw corrupt(8, "header has no integer '" + ModelFile.MODEL_VERSION_KEY + "' field");
        }
        int count = int32("the array count");
        if (count < 0) {
            throw corrupt(in.position() - 4, "negative array count " + count);
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int at = in.position();
            String name = readName(i);
            if (arrays.containsKey(name)) {
                throw corrupt(at, "duplicate array name '" + name + "'");
            }
            arrays.put(name, readArrayOutsideWorkspaces(name));
        }
        if (in.position() != limit) {
            throw corrupt(in.position(), (limit - in.position()) + " unexpected bytes after the last array");
        }
        if (!checksumMatches) {
            throw new IOException(file + ": checksum mismatch (CRC32 of the first " + limit
                    + " bytes differs from the stored one): the file is corrupt");
        }
        return new ModelFile.Contents(file, (String) type, (Integer) modelVersion, header, arrays);
    }

    private static boolean startsLikeMagic(byte[] magic, int available) {
        for (int i = 0; i < available; i++) {
            if (magic[i] != ModelFile.MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parseHeader(int length) throws IOException {
        int at = in.position();
        try {
            Object parsed = ModelFile.json().readValue(in.array(), at, length, Object.class);
            in.position(at + length);
            if (!(parsed instanceof Map)) {
                throw corrupt(at, "header is not a JSON object");
            }
            return (Map<String, Object>) parsed;
        } catch (org.nd4j.shade.jackson.core.JsonProcessingException e) {
            throw corrupt(at, "malformed JSON header (" + e.getOriginalMessage() + ")");
        }
    }

    private String readName(int index) throws IOException {
        int at = in.position();
        int length = int32("the name length of array #" + index);
        if (length <= 0 || length >= ModelFile.MAX_NAME_BYTES) {
            throw corrupt(at, "array #" + index + " has name length " + length);
        }
        need(length, "the name of array #" + index);
        ByteBuffer slice = in.slice();
        slice.limit(length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw corrupt(at, "array #" + index + " name is not UTF-8");
        }
    }

    @SuppressWarnings("try")
    private INDArray readArrayOutsideWorkspaces(String name) throws IOException {
        try (org.nd4j.linalg.api.memory.MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return readArray(name);
        }
    }

    private INDArray readArray(String name) throws IOException {
        need(1, "the dtype of array '" + name + "'");
        int dtypeAt = in.position();
        int code = in.get();
        DataType type = ModelFile.dtypeOf(code);
        if (type == null) {
            throw corrupt(dtypeAt, "array '" + name + "' has unknown dtype code " + code);
        }
        int rankAt = in.position();
        int rank = int32("the rank of array '" + name + "'");
        if (rank < 0 || rank > ModelFile.MAX_RANK) {
            throw corrupt(rankAt, "array '" + name + "' has rank " + rank);
        }
        need(8L * rank, "the shape of array '" + name + "'");
        long[] shape = new long[rank];
        long elements = 1;
        int width = ModelFile.width(type);
        long remainingElements = (limit - in.position() - 8L * rank) / width;
        for (int i = 0; i < rank; i++) {
            shape[i] = in.getLong();
            if (shape[i] < 0) {
                throw corrupt(rankAt, "array '" + name + "' has negative dimension in shape " + Arrays.toString(shape));
            }
        }
        if (Arrays.stream(shape).anyMatch(s -> s == 0)) {
            // an empty array: nothing to read, but its other dimensions must still be sane
            if (Arrays.stream(shape).anyMatch(s -> s > Integer.MAX_VALUE)) {
                throw corrupt(rankAt, "array '" + name + "' has an impossible empty shape " + Arrays.toString(shape));
            }
            return Nd4j.create(type, shape);
        }
        for (long s : shape) {
            if (elements > remainingElements / s) {
                elements = Long.MAX_VALUE;
                break;
            }
            elements *= s;
        }
        if (elements > remainingElements) {
            throw truncatedOrCorrupt(in.position(), "array '" + name + "' declares shape " + Arrays.toString(shape)
                    + " of " + type + " (" + (elements == Long.MAX_VALUE ? "overflowing" : elements)
                    + " elements) but only " + (limit - in.position()) + " bytes remain");
        }
        int n = (int) elements;
        ByteBuffer data = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        data.limit(n * width);
        in.position(in.position() + n * width);
        DataBuffer buffer;
        if (type == DataType.FLOAT) {
            float[] v = new float[n];
            data.asFloatBuffer().get(v);
            buffer = Nd4j.createTypedBuffer(v, type);
        } else if (type == DataType.DOUBLE) {
            double[] v = new double[n];
            data.asDoubleBuffer().get(v);
            buffer = Nd4j.createTypedBuffer(v, type);
        } else if (type == DataType.INT32) {
            int[] v = new int[n];
            data.asIntBuffer().get(v);
            buffer = Nd4j.createTypedBuffer(v, type);
        } else {
            long[] v = new long[n];
            data.asLongBuffer().get(v);
            buffer = Nd4j.createTypedBuffer(v, type);
        }
        return Nd4j.create(buffer, shape, Nd4j.getStrides(shape, 'c'), 0, 'c', type);

    }

    private int int32(String what) throws IOException {
        need(4, what);
        return in.getInt();
    }

    private void need(long bytes, String what) throws IOException {
        if (bytes > limit - in.position()) {
            throw truncated(in.position(), bytes, what);
        }
    }

    private IOException truncated(int offset, long bytes, String what) {
        return truncatedOrCorrupt(offset, "needs " + bytes + " bytes for " + what + " but only "
                + Math.max(0, limit - offset) + " remain before the checksum");
    }

    private IOException truncatedOrCorrupt(int offset, String detail) {
        return new IOException(file + ": truncated or corrupt model file at offset " + offset + ": " + detail
                + (checksumMatches ? "" : " (the checksum does not match either)"));
    }

    private IOException corrupt(int offset, String detail) {
        return new IOException(file + ": corrupt model file at offset " + offset + ": " + detail
                + (checksumMatches ? "" : " (the checksum does not match either)"));
    }
}
