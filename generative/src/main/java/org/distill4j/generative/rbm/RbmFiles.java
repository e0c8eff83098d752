package org.distill4j.generative.rbm;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.distill4j.core.data.NpyReader;
import org.distill4j.core.data.NpyWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Saves and loads an {@link Rbm} as a folder that NumPy reads and writes directly, so that Python users can hand
 * in their own RBMs:
 * <pre>
 *   rbm.json   {"format": "distill4j-rbm", "formatVersion": 1, "visible": V, "hidden": H, "dataType": "FLOAT",
 *               "crc32": {"W.npy": .., "b.npy": .., "c.npy": ..}}
 *   W.npy      weights, shape (V, H)          E(v, h) = −v·b − h·c − vᵀ W h
 *   b.npy      visible biases, shape (V,)
 *   c.npy      hidden biases, shape (H,)
 * </pre>
 * In Python: {@code np.save("W.npy", W.astype(np.float32))} and so on; {@code rbm.json} is optional when
 * loading (sizes and type then come from {@code W.npy}), and checked against the arrays when present. Arrays may
 * be {@code <f4} or {@code <f8}; biases of another floating type than {@code W} are converted to {@code W}'s, and
 * biases of shape {@code (1, V)} or {@code (V, 1)} are accepted.
 *
 * <p>Checksums: the {@code .npy} format has none of its own, so {@link #save} records in {@code rbm.json} the
 * CRC32 of each array file's bytes (as written, unsigned), and {@link #load} checks the arrays against them before
 * parsing — a corrupted array, or a folder whose arrays were replaced without its header (a save interrupted
 * between files), is refused. The entry is optional, so that NumPy folders stay easy to write by hand: a folder
 * without {@code rbm.json}, or whose {@code rbm.json} has no {@code crc32} entry (or no entry for one file), loads
 * without that check. Whoever edits the arrays in Python must delete the {@code crc32} entry (the error says so).
 *
 * <p>Every failure is an {@link IOException} naming the file and what is wrong: a missing array, inconsistent
 * shapes (both shown), NaN or infinite values, a checksum mismatch, a header that disagrees with the arrays.
 * Stateless and thread-safe; concurrent saves to one folder race, as for any file.
 */
public final class RbmFiles {

    /** The header file's name. */
    public static final String HEADER = "rbm.json";
    /** The weights file's name. */
    public static final String WEIGHTS = "W.npy";
    /** The visible biases file's name. */
    public static final String VISIBLE_BIAS = "b.npy";
    /** The hidden biases file's name. */
    public static final String HIDDEN_BIAS = "c.npy";
    /** The {@code format} value of the header. */
    public static final String FORMAT = "distill4j-rbm";
    /** The header format version written and read. */
    public static final int FORMAT_VERSION = 1;

    /** The header key of the array files' CRC32 checksums. */
    public static final String CRC32_KEY = "crc32";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RbmFiles() {
    }

    /**
     * Writes {@code rbm} into {@code folder} (created if needed), replacing the four files; each file is written to
     * a temporary name first and then moved into place.
     *
     * @throws IOException if a file cannot be written
     */
    public static void save(Rbm rbm, Path folder) throws IOException {
        checkNotNull(rbm, "rbm");
        checkNotNull(folder, "folder");
        Files.createDirectories(folder);
        Map<String, Object> crc = new LinkedHashMap<>();
        crc.put(WEIGHTS, writeAtomically(folder.resolve(WEIGHTS), rbm.w()));
        crc.put(VISIBLE_BIAS, writeAtomically(folder.resolve(VISIBLE_BIAS), rbm.b().reshape(rbm.visibleSize())));
        crc.put(HIDDEN_BIAS, writeAtomically(folder.resolve(HIDDEN_BIAS), rbm.c().reshape(rbm.hiddenSize())));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format", FORMAT);
        header.put("formatVersion", FORMAT_VERSION);
        header.put("visible", rbm.visibleSize());
        header.put("hidden", rbm.hiddenSize());
        header.put("dataType", rbm.dataType().name());
        header.put("energy", "E(v,h) = -v.b - h.c - v W h; W is (visible, hidden)");
        header.put(CRC32_KEY, crc);
        Path tmp = temporary(folder.resolve(HEADER));
        try {
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(header));
            move(tmp, folder.resolve(HEADER));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads an RBM folder written by {@link #save} or by NumPy.
     *
     * @throws IOException if the folder or an array is missing or unreadable, or the contents do not make a valid
     *     RBM (the message names the file and the problem)
     */
    public static Rbm load(Path folder) throws IOException {
        checkNotNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "an RBM is a folder holding " + WEIGHTS + ", "
                    + VISIBLE_BIAS + " and " + HIDDEN_BIAS + "; this is not a folder");
        }
        Path headerFile = folder.resolve(HEADER);
        Map<?, ?> header = Files.exists(headerFile) ? readHeader(headerFile) : null;
        if (header != null) {
            checkChecksums(folder, headerFile, header.get(CRC32_KEY));
        }
        INDArray w = read(folder, WEIGHTS);
        INDArray b = read(folder, VISIBLE_BIAS);
        INDArray c = read(folder, HIDDEN_BIAS);
        if (w.rank() != 2 || w.rows() < 1 || w.columns() < 1) {
            throw new IOException(folder.resolve(WEIGHTS) + ": W must have shape (visible, hidden), got "
                    + Arrays.toString(w.shape()));
        }
        long v = w.rows();
        long h = w.columns();
        checkBias(folder.resolve(VISIBLE_BIAS), b, v, "visible", w);
        checkBias(folder.resolve(HIDDEN_BIAS), c, h, "hidden", w);
        DataType type = header == null ? w.dataType() : checkHeader(headerFile, header, v, h, w.dataType());
        try {
            return Rbm.of(w.castTo(type), b.castTo(type), c.castTo(type));
        } catch (IllegalArgumentException e) {
            throw new IOException(folder + ": not a valid RBM: " + e.getMessage(), e);
        }
    }

    private static INDArray read(Path folder, String name) throws IOException {
        Path file = folder.resolve(name);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "an RBM folder must hold " + WEIGHTS
                    + " (visible x hidden), " + VISIBLE_BIAS + " (visible) and " + HIDDEN_BIAS + " (hidden)");
        }
        INDArray a = NpyReader.read(file);
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) {
            throw new IOException(file + ": RBM arrays must be float32 or float64, got " + a.dataType());
        }
        return a;
    }

    private static void checkBias(Path file, INDArray bias, long expected, String layer, INDArray w)
            throws IOException {
        boolean vector = bias.rank() == 1 || (bias.rank() == 2 && (bias.rows() == 1 || bias.columns() == 1));
        if (!vector || bias.length() != expected) {
            throw new IOException(file + ": the " + layer + " biases must have " + expected
                    + " values (W.npy has shape " + Arrays.toString(w.shape()) + " = (visible, hidden)), got shape "
                    + Arrays.toString(bias.shape()));
        }
    }

    private static Map<?, ?> readHeader(Path file) throws IOException {
        Map<?, ?> header;
        try {
            header = JSON.readValue(file.toFile(), Map.class);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (header == null) {
            throw new IOException(file + ": not a JSON object");
        }
        if (!FORMAT.equals(header.get("format"))) {
            throw new IOException(file + ": 'format' must be \"" + FORMAT + "\", got " + header.get("format"));
        }
        Object version = header.get("formatVersion");
        if (!(version instanceof Integer) || (Integer) version < 1 || (Integer) version > FORMAT_VERSION) {
            throw new IOException(file + ": 'formatVersion' must be an integer in [1, " + FORMAT_VERSION + "], got "
                    + version);
        }
        return header;
    }

    private static void checkChecksums(Path folder, Path headerFile, Object crc) throws IOException {
        if (crc == null) {
            return;
        }
        if (!(crc instanceof Map<?, ?> sums)) {
            throw new IOException(headerFile + ": '" + CRC32_KEY + "' must be an object {file: CRC32}, got " + crc);
        }
        for (String name : new String[] {WEIGHTS, VISIBLE_BIAS, HIDDEN_BIAS}) {
            Object expected = sums.get(name);
            if (expected == null) {
                continue;
            }
            if (!(expected instanceof Integer || expected instanceof Long)) {
                throw new IOException(headerFile + ": '" + CRC32_KEY + "." + name + "' must be an integer, got "
                        + expected);
            }
            Path file = folder.resolve(name);
            if (!Files.exists(file)) {
                continue;
            }
            long actual = crc32(file);
            if (actual != ((Number) expected).longValue()) {
                throw new IOException(file + ": checksum mismatch (CRC32 " + actual + ", " + HEADER + " records "
                        + expected + "): the file is corrupted or was replaced without its header; if you edited"
                        + " it on purpose, delete the '" + CRC32_KEY + "' entry of " + HEADER);
            }
        }
    }

    private static long crc32(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }

    private static DataType checkHeader(Path file, Map<?, ?> header, long v, long h, DataType arrays)
            throws IOException {
        checkSize(file, header, "visible", v);
        checkSize(file, header, "hidden", h);
        Object type = header.get("dataType");
        if (type == null) {
            return arrays;
        }
        if ("FLOAT".equals(type)) {
            return DataType.FLOAT;
        }
        if ("DOUBLE".equals(type)) {
            return DataType.DOUBLE;
        }
        throw new IOException(file + ": 'dataType' must be FLOAT or DOUBLE, got " + type);
    }

    private static void checkSize(Path file, Map<?, ?> header, String key, long actual) throws IOException {
        Object value = header.get(key);
        if (value == null) {
            return;
        }
        if (!(value instanceof Number) || ((Number) value).longValue() != actual) {
            throw new IOException(file + ": '" + key + "' is " + value + " but W.npy has " + actual + " " + key
                    + " units");
        }
    }

    /** Writes {@code array} to {@code target} through a temporary file; returns the file's CRC32. */
    private static long writeAtomically(Path target, INDArray array) throws IOException {
        Path tmp = temporary(target);
        try {
            NpyWriter.write(array, tmp);
            long crc = crc32(tmp);
            move(tmp, target);
            return crc;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path temporary(Path target) {
        return target.toAbsolutePath().getParent().resolve("." + target.getFileName() + "." + UUID.randomUUID()
                + ".tmp");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
