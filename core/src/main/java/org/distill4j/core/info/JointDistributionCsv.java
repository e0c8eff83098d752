package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link JointDistribution} from a comma-separated table with the header {@code y,t,s,p}: one line per
 * cell, the three symbols (any text without commas: integers or names, trimmed) and the probability.
 * Symbols are numbered in order of first appearance; cells that are not listed have probability 0. Blank lines
 * and lines starting with {@code #} are skipped.
 *
 * <pre>
 * y,t,s,p
 * 0,0,0,0.25
 * 1,0,1,0.25
 * 1,1,0,0.25
 * 0,1,1,0.25
 * </pre>
 *
 * Errors name the source and the 1-based line: a wrong header, a line without four fields, an empty symbol, a
 * probability that is not a number, negative or not finite, a cell listed twice (both lines), and a total that
 * is not 1 within {@link JointDistribution#SUM_TOLERANCE}. Stateless and thread-safe.
 */
public final class JointDistributionCsv {

    private JointDistributionCsv() {
    }

    /**
     * Reads a UTF-8 file.
     *
     * @throws IOException if the file cannot be read or is malformed (the message names the line)
     */
    public static JointDistribution read(Path path) throws IOException {
        checkNotNull(path, "path");
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(in, path.toString());
        }
    }

    /**
     * Reads a table from {@code in}; the caller closes it.
     *
     * @param in the text
     * @param source a description of the text for error messages
     * @throws IOException if the text cannot be read or is malformed (the message names the line)
     */
    public static JointDistribution read(Reader in, String source) throws IOException {
        checkNotNull(in, "in");
        checkNotNull(source, "source");
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        Map<String, Integer> ys = new LinkedHashMap<>();
        Map<String, Integer> ts = new LinkedHashMap<>();
        Map<String, Integer> ss = new LinkedHashMap<>();
        List<int[]> cells = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Map<List<Integer>, Integer> firstLine = new HashMap<>();
        boolean header = false;
        String line;
        int number = 0;
        double sum = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split(",", -1);
            if (!header) {
                if (fields.length != 4 || !"y".equalsIgnoreCase(fields[0].trim())
                        || !"t".equalsIgnoreCase(fields[1].trim()) || !"s".equalsIgnoreCase(fields[2].trim())
                        || !"p".equalsIgnoreCase(fields[3].trim())) {
                    throw error(source, number, "the header must be y,t,s,p, got \"" + trimmed + "\"");
                }
                header = true;
                continue;
            }
            if (fields.length != 4) {
                throw error(source, number, "expected 4 fields y,t,s,p, got " + fields.length);
            }
            String y = symbol(fields[0], "y", source, number);
            String t = symbol(fields[1], "t", source, number);
            String s = symbol(fields[2], "s", source, number);
            double p;
            try {
                p = Double.parseDouble(fields[3].trim());
            } catch (NumberFormatException e) {
                throw error(source, number, "p must be a number, got \"" + fields[3].trim() + "\"");
            }
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw error(source, number, "p must be finite and >= 0, got " + fields[3].trim());
            }
            int[] cell = {index(ys, y), index(ts, t), index(ss, s)};
            Integer earlier = firstLine.putIfAbsent(List.of(cell[0], cell[1], cell[2]), number);
            if (earlier != null) {
                throw error(source, number, "cell (y=" + y + ", t=" + t + ", s=" + s + ") is already given on line "
                        + earlier);
            }
            cells.add(cell);
            values.add(p);
            sum += p;
        }
        if (!header) {
            throw new IOException(source + ": empty, expected the header y,t,s,p");
        }
        if (cells.isEmpty()) {
            throw new IOException(source + ": no rows after the header");
        }
        if (Math.abs(sum - 1) > JointDistribution.SUM_TOLERANCE) {
            throw new IOException(source + ": probabilities must sum to 1 within " + JointDistribution.SUM_TOLERANCE
                    + ", got " + sum + " over " + cells.size() + " rows");
        }
        int nt = ts.size();
        int ns = ss.size();
        double[] flat = new double[ys.size() * nt * ns];
        for (int i = 0; i < cells.size(); i++) {
            int[] c = cells.get(i);
            flat[(c[0] * nt + c[1]) * ns + c[2]] = values.get(i);
        }
        return JointDistribution.validated(List.copyOf(ys.keySet()), List.copyOf(ts.keySet()),
                List.copyOf(ss.keySet()), flat);
    }

    private static String symbol(String field, String name, String source, int line) throws IOException {
        String s = field.trim();
        if (s.isEmpty()) {
            throw error(source, line, name + " must not be empty");
        }
        return s;
    }

    private static int index(Map<String, Integer> symbols, String symbol) {
        return symbols.computeIfAbsent(symbol, k -> symbols.size());
    }

    private static IOException error(String source, int line, String message) {
        return new IOException(source + ", line " + line + ": " + message);
    }
}
