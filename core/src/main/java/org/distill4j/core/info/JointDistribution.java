package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A discrete joint distribution {@code P(y, t, s)} of a target Y and two sources T (the teacher) and S (the
 * student), each over a finite list of symbol labels. Entries are indexed {@code [y][t][s]} by the position of
 * the symbol in its label list.
 *
 * <p>Validation: every entry is finite and {@code >= 0} and the entries sum to 1 within {@value #SUM_TOLERANCE};
 * the table is then divided by its sum, so that marginals and information quantities are exact. Symbols of
 * probability 0 are allowed (they carry no information). <b>Degenerate marginals</b> are allowed and are not
 * errors: a constant target (one symbol, or all mass on one symbol) has entropy 0, so every information
 * quantity and every PID atom is 0; a constant source carries no information, so its redundancy and unique
 * information are 0 and the other source's information is all unique.
 *
 * <p>Immutable and thread-safe; accessors return copies.
 */
public final class JointDistribution {

    /** How far from 1 the entries may sum. */
    public static final double SUM_TOLERANCE = 1e-9;

    private final List<String> yLabels;
    private final List<String> tLabels;
    private final List<String> sLabels;
    private final double[] p;

    private JointDistribution(List<String> yLabels, List<String> tLabels, List<String> sLabels, double[] p) {
        this.yLabels = yLabels;
        this.tLabels = tLabels;
        this.sLabels = sLabels;
        this.p = p;
    }

    /**
     * A distribution with symbols labelled by their indices {@code "0", "1", ...}.
     *
     * @param p the table {@code [ny][nt][ns]}, rectangular, each dimension at least 1; not kept
     * @throws IllegalArgumentException if the table is ragged or empty, an entry is negative or not finite, or
     *     the entries do not sum to 1 within {@value #SUM_TOLERANCE}
     */
    public static JointDistribution of(double[][][] p) {
        checkNotNull(p, "p");
        checkArgument(p.length > 0 && p[0] != null && p[0].length > 0 && p[0][0] != null && p[0][0].length > 0,
                "p must have at least one entry in each dimension");
        return of(indexLabels(p.length), indexLabels(p[0].length), indexLabels(p[0][0].length), p);
    }

    /**
     * A distribution with named symbols.
     *
     * @param yLabels the target's symbols, distinct, non-null
     * @param tLabels the teacher's symbols, distinct, non-null
     * @param sLabels the student's symbols, distinct, non-null
     * @param p the table {@code [yLabels.size()][tLabels.size()][sLabels.size()]}; not kept
     * @throws IllegalArgumentException if the shapes disagree, a label repeats, an entry is negative or not
     *     finite, or the entries do not sum to 1 within {@value #SUM_TOLERANCE}
     */
    public static JointDistribution of(List<String> yLabels, List<String> tLabels, List<String> sLabels,
            double[][][] p) {
        List<String> y = checkLabels(yLabels, "yLabels");
        List<String> t = checkLabels(tLabels, "tLabels");
        List<String> s = checkLabels(sLabels, "sLabels");
        checkNotNull(p, "p");
        int ny = y.size();
        int nt = t.size();
        int ns = s.size();
        checkArgument(p.length == ny, "p must have %s rows (one per y label), got %s", ny, p.length);
        double[] flat = new double[ny * nt * ns];
        for (int i = 0; i < ny; i++) {
            checkArgument(p[i] != null && p[i].length == nt, "p[%s] must have %s entries (one per t label), got %s",
                    i, nt, p[i] == null ? "null" : p[i].length);
            for (int j = 0; j < nt; j++) {
                checkArgument(p[i][j] != null && p[i][j].length == ns,
                        "p[%s][%s] must have %s entries (one per s label), got %s", i, j, ns,
                        p[i][j] == null ? "null" : p[i][j].length);
                System.arraycopy(p[i][j], 0, flat, (i * nt + j) * ns, ns);
            }
        }
        return validated(y, t, s, flat);
    }

    /**
     * The empirical distribution of n samples {@code (y[i], t[i], s[i])}. The symbols are the distinct values
     * that occur, in increasing order, labelled by their decimal strings.
     *
     * @param y target symbols, length n ≥ 1
     * @param t teacher symbols, length n
     * @param s student symbols, length n
     * @throws IllegalArgumentException if the lengths differ or are 0
     */
    public static JointDistribution fromSamples(int[] y, int[] t, int[] s) {
        checkNotNull(y, "y");
        checkNotNull(t, "t");
        checkNotNull(s, "s");
        checkArgument(y.length > 0, "samples must not be empty");
        checkArgument(t.length == y.length && s.length == y.length,
                "y, t and s must have the same length, got %s, %s and %s", y.length, t.length, s.length);
        int[] ys = distinct(y);
        int[] ts = distinct(t);
        int[] ss = distinct(s);
        double[] counts = new double[ys.length * ts.length * ss.length];
        for (int i = 0; i < y.length; i++) {
            int a = Arrays.binarySearch(ys, y[i]);
            int b = Arrays.binarySearch(ts, t[i]);
            int c = Arrays.binarySearch(ss, s[i]);
            counts[(a * ts.length + b) * ss.length + c]++;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] /= y.length;
        }
        return validated(labels(ys), labels(ts), labels(ss), counts);
    }

    /** Builds from a flat table {@code [(y * nt + t) * ns + s]} that this class may keep; validates. */
    static JointDistribution validated(List<String> y, List<String> t, List<String> s, double[] flat) {
        int nt = t.size();
        int ns = s.size();
        double sum = 0;
        for (int i = 0; i < flat.length; i++) {
            double v = flat[i];
            if (!(v >= 0) || Double.isInfinite(v)) {
                int yi = i / (nt * ns);
                int ti = (i / ns) % nt;
                int si = i % ns;
                throw new IllegalArgumentException(String.format(
                        "p[y=%s, t=%s, s=%s] must be finite and >= 0, got %s", y.get(yi), t.get(ti),
                        s.get(si), v));
            }
            sum += v;
        }
        checkArgument(Math.abs(sum - 1) <= SUM_TOLERANCE,
                "probabilities must sum to 1 within %s, got %s", SUM_TOLERANCE, sum);
        for (int i = 0; i < flat.length; i++) {
            flat[i] /= sum;
        }
        return new JointDistribution(y, t, s, flat);
    }

    /** The number of target symbols. */
    public int ySize() {
        return yLabels.size();
    }

    /** The number of teacher symbols. */
    public int tSize() {
        return tLabels.size();
    }

    /** The number of student symbols. */
    public int sSize() {
        return sLabels.size();
    }

    /** The target's symbol labels (unmodifiable). */
    public List<String> yLabels() {
        return yLabels;
    }

    /** The teacher's symbol labels (unmodifiable). */
    public List<String> tLabels() {
        return tLabels;
    }

    /** The student's symbol labels (unmodifiable). */
    public List<String> sLabels() {
        return sLabels;
    }

    /** {@code P(y, t, s)} by symbol index. */
    public double probability(int y, int t, int s) {
        checkArgument(y >= 0 && y < ySize() && t >= 0 && t < tSize() && s >= 0 && s < sSize(),
                "index (%s, %s, %s) out of range [%s, %s, %s]", y, t, s, ySize(), tSize(), sSize());
        return p[(y * tSize() + t) * sSize() + s];
    }

    /** The number of cells {@code ny * nt * ns}. */
    public int cellCount() {
        return p.length;
    }

    /** A new {@code [ny][nt][ns]} copy of the table. */
    public double[][][] toArray() {
        int nt = tSize();
        int ns = sSize();
        double[][][] out = new double[ySize()][nt][ns];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < nt; j++) {
                System.arraycopy(p, (i * nt + j) * ns, out[i][j], 0, ns);
            }
        }
        return out;
    }

    /** The marginal {@code P(y)}. */
    public double[] marginalY() {
        double[] out = new double[ySize()];
        forEach((y, t, s, v) -> out[y] += v);
        return out;
    }

    /** The marginal {@code P(t)}. */
    public double[] marginalT() {
        double[] out = new double[tSize()];
        forEach((y, t, s, v) -> out[t] += v);
        return out;
    }

    /** The marginal {@code P(s)}. */
    public double[] marginalS() {
        double[] out = new double[sSize()];
        forEach((y, t, s, v) -> out[s] += v);
        return out;
    }

    /** The marginal {@code P(y, t)}, {@code [ny][nt]}. */
    public double[][] marginalYT() {
        double[][] out = new double[ySize()][tSize()];
        forEach((y, t, s, v) -> out[y][t] += v);
        return out;
    }

    /** The marginal {@code P(y, s)}, {@code [ny][ns]}. */
    public double[][] marginalYS() {
        double[][] out = new double[ySize()][sSize()];
        forEach((y, t, s, v) -> out[y][s] += v);
        return out;
    }

    /** The marginal {@code P(t, s)}, {@code [nt][ns]}. */
    public double[][] marginalTS() {
        double[][] out = new double[tSize()][sSize()];
        forEach((y, t, s, v) -> out[t][s] += v);
        return out;
    }

    /** The distribution with the roles of T and S exchanged. */
    public JointDistribution swapSources() {
        int nt = tSize();
        int ns = sSize();
        double[] out = new double[p.length];
        forEach((y, t, s, v) -> out[(y * ns + s) * nt + t] = v);
        return new JointDistribution(yLabels, sLabels, tLabels, out);
    }

    /** Calls {@code visitor} on every cell, in index order. */
    void forEach(CellVisitor visitor) {
        int nt = tSize();
        int ns = sSize();
        int i = 0;
        for (int y = 0; y < ySize(); y++) {
            for (int t = 0; t < nt; t++) {
                for (int s = 0; s < ns; s++) {
                    visitor.visit(y, t, s, p[i++]);
                }
            }
        }
    }

    /** A callback over the cells of the table. */
    @FunctionalInterface
    interface CellVisitor {
        void visit(int y, int t, int s, double probability);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JointDistribution other && yLabels.equals(other.yLabels)
                && tLabels.equals(other.tLabels) && sLabels.equals(other.sLabels) && Arrays.equals(p, other.p);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * yLabels.hashCode() + tLabels.hashCode()) + sLabels.hashCode())
                + Arrays.hashCode(p);
    }

    @Override
    public String toString() {
        return "JointDistribution[" + ySize() + " x " + tSize() + " x " + sSize() + " symbols (y, t, s)]";
    }

    private static List<String> checkLabels(List<String> labels, String name) {
        checkNotNull(labels, name);
        checkArgument(!labels.isEmpty(), "%s must not be empty", name);
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            checkArgument(label != null, "%s must not contain null", name);
            checkArgument(seen.add(label), "%s must be distinct, \"%s\" repeats", name, label);
        }
        return List.copyOf(labels);
    }

    private static List<String> indexLabels(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return List.copyOf(out);
    }

    private static int[] distinct(int[] values) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int v : values) {
            set.add(v);
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<String> labels(int[] symbols) {
        List<String> out = new ArrayList<>(symbols.length);
        for (int v : symbols) {
            out.add(Integer.toString(v));
        }
        return List.copyOf(out);
    }
}
