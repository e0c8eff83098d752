package org.distill4j.trees.cart;

/**
 * Histogram split search over binned features for one node (CART, Breiman et al. 1984): for each feature, one
 * pass over the node's rows accumulates, per bin, the row count and the target sums; one pass over the bins then
 * scores every boundary from running left sums. Rows are a range of an index array, with their targets in the
 * same order (hard labels, or {@code stats} floats per row), so that every read is sequential but the code
 * gather from one column.
 *
 * <p>A histogram entry is {@code 1 + stats} doubles: the count, then the sums. The search either uses a
 * one-feature scratch histogram (cleared as it is scanned) or fills a whole-node histogram, which the caller may
 * keep: a sibling's histogram is then the parent's minus this one, and needs no pass over rows
 * ({@link #scanHistogram}). All buffers are allocated at construction; a search allocates nothing. Not
 * thread-safe: one finder per thread (finders may fill disjoint features of one node histogram concurrently).
 */
final class SplitFinder {

    private final Criterion criterion;
    private final boolean hard;
    private final int stats;
    private final int width;
    private final int minLeaf;
    private final FeatureBins bins;
    private final int[] offsets;
    private final double[] scratch;
    private final double[] leftSums;
    private final double[] xlogx;

    /**
     * @param hard whether targets are class indices (then {@code stats} is the number of classes)
     * @param offsets per feature, the first bin of the feature in a whole-node histogram (shared, read-only)
     * @param xlogx for hard entropy, {@code x ln x} for integer x up to the row count (shared, read-only)
     */
    SplitFinder(Criterion criterion, boolean hard, int stats, FeatureBins bins, int[] offsets, int minLeaf,
            double[] xlogx) {
        this.criterion = criterion;
        this.hard = hard;
        this.stats = stats;
        this.width = stats + 1;
        this.minLeaf = minLeaf;
        this.bins = bins;
        this.offsets = offsets;
        this.scratch = new double[bins.maxBins() * width];
        this.leftSums = new double[stats];
        this.xlogx = xlogx;
    }

    /** Per feature, its first bin in a whole-node histogram; the last entry is the total bin count. */
    static int[] offsets(FeatureBins bins) {
        int[] offsets = new int[bins.features() + 1];
        for (int f = 0; f < bins.features(); f++) {
            offsets[f + 1] = offsets[f] + bins.bins(f);
        }
        return offsets;
    }

    /**
     * Searches features {@code [f0, f1)} for the best split of rows {@code idx[from .. to)}, updating {@code best}
     * whenever a boundary scores strictly higher than it.
     *
     * @param codes column-major bin codes with {@code stride} rows per column
     * @param labels hard labels in node order ({@code labels[j]} belongs to {@code idx[j]}), or null
     * @param targets soft targets in node order, {@code stats} per row, or null
     * @param parentSums the target sums of the node's rows
     * @param nodeHistogram a zeroed whole-node histogram to fill (left filled), or null to use scratch space
     */
    void search(byte[] codes, int stride, int f0, int f1, int[] idx, int from, int to, int[] labels,
            float[] targets, double[] parentSums, double[] nodeHistogram, SplitCandidate best) {
        accumulate(codes, stride, f0, f1, idx, from, to, labels, targets, parentSums, nodeHistogram, best);
    }

    /** Fills features {@code [f0, f1)} of a zeroed whole-node histogram, without scoring. */
    void fill(byte[] codes, int stride, int f0, int f1, int[] idx, int from, int to, int[] labels,
            float[] targets, double[] nodeHistogram) {
        accumulate(codes, stride, f0, f1, idx, from, to, labels, targets, null, nodeHistogram, null);
    }

    private void accumulate(byte[] codes, int stride, int f0, int f1, int[] idx, int from, int to, int[] labels,
            float[] targets, double[] parentSums, double[] nodeHistogram, SplitCandidate best) {
        int n = to - from;
        int m = stats;
        int w = width;
        for (int f = f0; f < f1; f++) {
            int nb = bins.bins(f);
            if (nb < 2) {
                continue;
            }
            double[] h = nodeHistogram == null ? scratch : nodeHistogram;
            int h0 = nodeHistogram == null ? 0 : offsets[f] * w;
            int base = f * stride;
            if (hard) {
                for (int j = from; j < to; j++) {
                    int o = h0 + (codes[base + idx[j]] & 0xFF) * w;
                    h[o] += 1;
                    h[o + 1 + labels[j]] += 1;
                }
            } else {
                for (int j = from; j < to; j++) {
                    int o = h0 + (codes[base + idx[j]] & 0xFF) * w;
                    h[o] += 1;
                    int t = j * m;
                    for (int k = 0; k < m; k++) {
                        h[o + 1 + k] += targets[t + k];
                    }
                }
            }
            if (best != null) {
                scan(f, h, h0, nb, n, parentSums, nodeHistogram == null, best);
            }
        }
    }

    /** Scores features {@code [f0, f1)} from a filled whole-node histogram of {@code n} rows. */
    void scanHistogram(double[] nodeHistogram, int f0, int f1, int n, double[] parentSums, SplitCandidate best) {
        for (int f = f0; f < f1; f++) {
            int nb = bins.bins(f);
            if (nb >= 2) {
                scan(f, nodeHistogram, offsets[f] * width, nb, n, parentSums, false, best);
            }
        }
    }

    private void scan(int f, double[] h, int h0, int nb, int n, double[] parentSums, boolean clear,
            SplitCandidate best) {
        int m = stats;
        int w = width;
        java.util.Arrays.fill(leftSums, 0);
        long nLeft = 0;
        for (int b = 0; b < nb; b++) {
            int o = h0 + b * w;
            long c = Math.round(h[o]);
            if (c == 0) {
                continue;
            }
            for (int k = 0; k < m; k++) {
                leftSums[k] += h[o + 1 + k];
            }
            if (clear) {
                for (int k = 0; k <= m; k++) {
                    h[o + k] = 0;
                }
            }
            nLeft += c;
            if (nLeft >= n) {
                break; // every row counted: the remaining bins are empty
            }
            long nRight = n - nLeft;
            if (nLeft < minLeaf || nRight < minLeaf) {
                continue;
            }
            double score = score(leftSums, parentSums, nLeft, nRight);
            if (score > best.score) {
                best.set(f, b, score, nLeft, leftSums);
            }
        }
    }

    /** The children's score: larger is better. */
    private double score(double[] left, double[] parent, long nLeft, long nRight) {
        int m = stats;
        if (criterion == Criterion.ENTROPY) {
            double s = -xlogx(nLeft) - xlogx(nRight);
            for (int k = 0; k < m; k++) {
                s += xlogx(left[k]) + xlogx(parent[k] - left[k]);
            }
            return s;
        }
        double l = 0;
        double r = 0;
        for (int k = 0; k < m; k++) {
            double a = left[k];
            double c = parent[k] - a;
            l += a * a;
            r += c * c;
        }
        return l / nLeft + r / nRight;
    }

    /** {@code x ln x}, 0 at 0; a table lookup for the integer sums of hard labels. */
    private double xlogx(double x) {
        if (hard) {
            return xlogx[(int) Math.round(x)];
        }
        return x > 0 ? x * Math.log(x) : 0;
    }

    /** The parent's score, in the units of {@link #score}: splitting gains {@code childScore − parentScore}. */
    static double parentScore(Criterion criterion, double[] sums, long n) {
        double s = 0;
        if (criterion == Criterion.ENTROPY) {
            for (double v : sums) {
                s += v > 0 ? v * Math.log(v) : 0;
            }
            return s - n * Math.log(n);
        }
        for (double v : sums) {
            s += v * v;
        }
        return s / n;
    }
}
