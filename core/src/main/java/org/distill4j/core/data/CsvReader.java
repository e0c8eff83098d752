package org.distill4j.core.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads numeric comma-separated tables into a {@link Dataset}, gzipped or not (detected by the gzip magic
 * number). Two layouts:
 * <ul>
 *   <li><b>scikit-learn</b> ({@link #readSklearn}): a first line {@code n,d,name_0,...,name_{K-1}}, then n rows
 *       of d feature values followed by an integer label in {@code [0, K)} — the layout of scikit-learn's bundled
 *       {@code iris.csv}, {@code wine_data.csv} and {@code breast_cancer.csv};</li>
 *   <li><b>plain</b> ({@link #readPlain}): an optional header line, then rows of numbers, one column of which is
 *       a non-negative integer label; the classes are numbered {@code "0".."K-1"} with K the largest label plus
 *       one.</li>
 * </ul>
 * Blank lines are skipped. Malformed input (ragged rows, non-numeric fields, bad labels, a wrong row count)
 * raises an {@link IOException} naming the source and the 1-based line number. Stateless and thread-safe.
 */
public final class CsvReader {

    private CsvReader() {
    }

    /**
     * Reads a file in the scikit-learn layout.
     *
     * @param path the file, optionally gzipped
     * @param name the data set's name
     * @throws IOException if the file cannot be read or is malformed
     */
    public static Dataset readSklearn(Path path, String name) throws IOException {
        checkNotNull(path, "path");
        try (InputStream in = Files.newInputStream(path)) {
            return readSklearn(in, path.toString(), name);
        }
    }

    /**
     * Reads a stream in the scikit-learn layout; the caller closes the stream.
     *
     * @param in the stream, optionally gzipped
     * @param source a description of the stream for error messages
     * @param name the data set's name
     * @throws IOException if the stream cannot be read or is malformed
     */
    public static Dataset readSklearn(InputStream in, String source, String name) throws IOException {
        checkNotNull(in, "in");
        checkNotNull(source, "source");
        checkNotNull(name, "name");
        List<Line> lines = readLines(in);
        if (lines.isEmpty()) {
            throw new IOException(source + " is empty");
        }
        Line header = lines.get(0);
        String[] head = header.fields();
        if (head.length < 3) {
            throw error(source, header.number(), "the header must be n,d,class names..., got " + head.length
                    + " field(s)");
        }
        int n = parseCount(head[0], source, header.number(), "n");
        int d = parseCount(head[1], source, header.number(), "d");
        List<String> classNames = new ArrayList<>();
        for (int i = 2; i < head.length; i++) {
            classNames.add(head[i].trim());
        }
        List<Line> rows = lines.subList(1, lines.size());
        if (rows.size() != n) {
            throw error(source, header.number(), String.format("the header announces %d rows, the file has %d", n,
                    rows.size()));
        }
        return parseRows(rows, source, name, d + 1, d, classNames.size(), classNames);
    }

    /**
     * Reads a plain numeric file.
     *
     * @param path the file, optionally gzipped
     * @param name the data set's name
     * @param header whether the first non-blank line is a header to skip
     * @param labelColumn the zero-based column of the label; negative values count from the end (−1: last)
     * @throws IOException if the file cannot be read or is malformed
     */
    public static Dataset readPlain(Path path, String name, boolean header, int labelColumn) throws IOException {
        checkNotNull(path, "path");
        try (InputStream in = Files.newInputStream(path)) {
            return readPlain(in, path.toString(), name, header, labelColumn);
        }
    }

    /**
     * Reads a plain numeric stream; the caller closes the stream.
     *
     * @param in the stream, optionally gzipped
     * @param source a description of the stream for error messages
     * @param name the data set's name
     * @param header whether the first non-blank line is a header to skip
     * @param labelColumn the zero-based column of the label; negative values count from the end (−1: last)
     * @throws IOException if the stream cannot be read or is malformed
     */
    public static Dataset readPlain(InputStream in, String source, String name, boolean header, int labelColumn)
            throws IOException {
        checkNotNull(in, "in");
        checkNotNull(source, "source");
        checkNotNull(name, "name");
        List<Line> lines = readLines(in);
        List<Line> rows = header && !lines.isEmpty() ? lines.subList(1, lines.size()) : lines;
        if (rows.isEmpty()) {
            throw new IOException(source + " has no data rows");
        }
        int columns = rows.get(0).fields().length;
        int label = labelColumn < 0 ? columns + labelColumn : labelColumn;
        checkArgument(label >= 0 && label < columns, "labelColumn must be in [-%s, %s), got %s", columns, columns,
                labelColumn);
        if (columns < 2) {
            throw error(source, rows.get(0).number(), "need at least one feature column and a label column");
        }
        return parseRows(rows, source, name, columns, label, -1, null);
    }

    /**
     * Parses rows of {@code columns} numbers, the label in column {@code labelColumn}.
     *
     * @param numClasses the number of classes, or −1 to infer it from the largest label
     */
    private static Dataset parseRows(List<Line> rows, String source, String name, int columns, int labelColumn,
            int numClasses, List<String> classNames) throws IOException {
        int n = rows.size();
        int d = columns - 1;
        float[] features = new float[Math.multiplyExact(n, d)];
        int[] labels = new int[n];
        int maxLabel = 0;
        for (int i = 0; i < n; i++) {
            Line line = rows.get(i);
            String[] fields = line.fields();
            if (fields.length != columns) {
                throw error(source, line.number(), String.format("expected %d columns, got %d", columns,
                        fields.length));
            }
            int out = i * d;
            for (int j = 0; j < columns; j++) {
                double value = parseNumber(fields[j], source, line.number(), j);
                if (j == labelColumn) {
                    labels[i] = parseLabel(value, fields[j], source, line.number(), numClasses);
                    maxLabel = Math.max(maxLabel, labels[i]);
                } else {
                    features[out++] = (float) value;
                }
            }
        }
        int classes = numClasses < 0 ? maxLabel + 1 : numClasses;
        List<String> names = classNames == null ? Dataset.numberedClassNames(classes) : classNames;
        return new Dataset(Nd4j.create(features, new long[] {n, d}, DataType.FLOAT), labels, classes, names, name);
    }

    private static double parseNumber(String field, String source, int lineNumber, int column) throws IOException {
        String trimmed = field.trim();
        try {
            double value = Double.parseDouble(trimmed);
            if (!Double.isFinite(value)) {
                throw error(source, lineNumber, String.format("column %d is not finite: '%s'", column, trimmed));
            }
            return value;
        } catch (NumberFormatException e) {
            throw error(source, lineNumber, String.format("column %d is not a number: '%s'", column, trimmed));
        }
    }

    private static int parseLabel(double value, String field, String source, int lineNumber, int numClasses)
            throws IOException {
        if (value != Math.rint(value) || value < 0 || value > Integer.MAX_VALUE - 1
                || (numClasses >= 0 && value >= numClasses)) {
            String range = numClasses >= 0 ? "an integer in [0, " + numClasses + ")" : "a non-negative integer";
            throw error(source, lineNumber, String.format("the label must be %s, got '%s'", range, field.trim()));
        }
        return (int) value;
    }

    private static int parseCount(String field, String source, int lineNumber, String what) throws IOException {
        try {
            int value = Integer.parseInt(field.trim());
            if (value < 1) {
                throw error(source, lineNumber, String.format("%s must be >= 1, got %d", what, value));
            }
            return value;
        } catch (NumberFormatException e) {
            throw error(source, lineNumber, String.format("%s must be an integer, got '%s'", what, field.trim()));
        }
    }

    private static List<Line> readLines(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(Streams.decompressIfGzipped(in), StandardCharsets.UTF_8));
        List<Line> lines = new ArrayList<>();
        String text;
        int number = 0;
        while ((text = reader.readLine()) != null) {
            number++;
            if (!text.isBlank()) {
                lines.add(new Line(number, text.split(",", -1)));
            }
        }
        return lines;
    }

    private static IOException error(String source, int lineNumber, String message) {
        return new IOException(String.format("%s line %d: %s", source, lineNumber, message));
    }

    /** A non-blank line and its 1-based number. */
    private record Line(int number, String[] fields) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Line other && number == other.number && Arrays.equals(fields, other.fields);
        }

        @Override
        public int hashCode() {
            return 31 * number + Arrays.hashCode(fields);
        }

        @Override
        public String toString() {
            return number + ": " + String.join(",", fields);
        }
    }
}
