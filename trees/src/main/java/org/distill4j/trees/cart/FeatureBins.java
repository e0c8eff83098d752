package org.distill4j.trees.cart;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * The bins of each feature: {@code bins(f) − 1} increasing thresholds {@code t_0 < t_1 < ...}; a value {@code v}
 * falls in bin {@code b}, the first with {@code v <= t_b} (the last bin when none), so that "code {@code <= b}"
 * and "{@code v <= t_b}" select the same rows. Thresholds lie strictly between consecutive observed values (at
 * their midpoint, like CART), so a feature with at most {@code maxBins} distinct values keeps every CART split;
 * a feature with more is cut at quantiles. Immutable and thread-safe.
 */
public final class FeatureBins {

    /** Columns read from an INDArray at a time while binning. */
    static final int CHUNK = 64;
    private static final int EMPTY = 0xFFFFFFFF; // a NaN bit pattern: never the bits of a finite float
    private static final int TABLE_BITS = 10;

    private final float[][] thresholds;

    FeatureBins(float[][] thresholds) {
        this.thresholds = thresholds;
    }

    /** The number of features. */
    public int features() {
        return thresholds.length;
    }

    /** The number of bins of feature {@code f} (1 for a constant feature). */
    public int bins(int f) {
        return thresholds[f].length + 1;
    }

    /** The largest bin count over all features. */
    public int maxBins() {
        int max = 1;
        for (float[] t : thresholds) {
            max = Math.max(max, t.length + 1);
        }
        return max;
    }

    /** The threshold between bins {@code bin} and {@code bin + 1} of feature {@code f}. */
    public float threshold(int f, int bin) {
        return thresholds[f][bin];
    }

    /** The bin of value {@code v} of feature {@code f}: the first bin whose threshold is {@code >= v}. */
    public int code(int f, float v) {
        float[] t = thresholds[f];
        int lo = 0;
        int hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v <= t[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * Bins one column: fills {@code codes[offset .. offset + n)} and returns the thresholds.
     *
     * @param column the values, finite; -0.0 is read as 0.0; may be reordered by this method
     * @param feature the column index, for messages
     * @param slots scratch space of at least n ints
     */
    static float[] binColumn(float[] column, int n, int maxBins, byte[] codes, int offset, int feature,
            int[] slots) {
        int[] keys = new int[1 << TABLE_BITS];
        int[] ranks = new int[1 << TABLE_BITS];
        Arrays.fill(keys, EMPTY);
        float[] distinct = new float[maxBins];
        int count = 0;
        int prevBits = EMPTY;
        int prevSlot = 0;
        boolean exact = true;
        for (int i = 0; i < n; i++) {
            float v = column[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(String.format(
                        "features must be finite, got %s at row %s, column %s", v, i, feature));
            }
            if (v == 0) {
                column[i] = 0f; // -0.0 and 0.0 are one value
                v = 0f;
            }
            if (!exact) {
                continue;
            }
            int bits = Float.floatToRawIntBits(v);
            if (bits != prevBits) {
                prevBits = bits;
                prevSlot = slot(keys, bits);
                if (keys[prevSlot] == EMPTY) {
                    if (count == maxBins) {
                        exact = false;
                        continue;
                    }
                    keys[prevSlot] = bits;
                    distinct[count++] = v;
                }
            }
            slots[i] = prevSlot;
        }
        if (!exact) {
            return quantileBins(column, n, maxBins, codes, offset);
        }
        float[] sorted = Arrays.copyOf(distinct, count);
        Arrays.sort(sorted);
        for (int r = 0; r < count; r++) {
            ranks[slot(keys, Float.floatToRawIntBits(sorted[r]))] = r;
        }
        for (int i = 0; i < n; i++) {
            codes[offset + i] = (byte) ranks[slots[i]];
        }
        float[] thresholds = new float[count - 1];
        for (int r = 0; r + 1 < count; r++) {
            thresholds[r] = between(sorted[r], sorted[r + 1]);
        }
        return thresholds;
    }

    /** Quantile bins over the sorted values, cut only between distinct values. */
    private static float[] quantileBins(float[] column, int n, int maxBins, byte[] codes, int offset) {
        float[] sorted = Arrays.copyOf(column, n);
        Arrays.sort(sorted);
        float[] cuts = new float[maxBins - 1];
        int made = 0;
        double perBin = (double) n / maxBins;
        double nextCut = perBin;
        int i = 0;
        while (i < n && made < cuts.length) {
            int j = i;
            while (j + 1 < n && sorted[j + 1] == sorted[i]) {
                j++;
            }
            // sorted[i..j] is one distinct value; j + 1 rows are at or below it
            if (j + 1 < n && j + 1 >= nextCut) {
                cuts[made++] = between(sorted[j], sorted[j + 1]);
                while (nextCut <= j + 1) {
                    nextCut += perBin;
                }
            }
            i = j + 1;
        }
        float[] thresholds = Arrays.copyOf(cuts, made);
        FeatureBins one = new FeatureBins(new float[][] {thresholds});
        for (int r = 0; r < n; r++) {
            codes[offset + r] = (byte) one.code(0, column[r]);
        }
        return thresholds;
    }

    /** A threshold t with {@code a <= t < b}: the midpoint, or {@code a} when the midpoint rounds to {@code b}. */
    static float between(float a, float b) {
        checkArgument(a < b, "values must increase: %s, %s", a, b);
        float mid = (float) (((double) a + (double) b) / 2);
        return mid < b ? mid : a;
    }

    private static int slot(int[] keys, int bits) {
        int mask = keys.length - 1;
        int s = (bits * 0x9E3779B9) >>> (32 - TABLE_BITS);
        while (keys[s] != EMPTY && keys[s] != bits) {
            s = (s + 1) & mask;
        }
        return s;
    }
}
