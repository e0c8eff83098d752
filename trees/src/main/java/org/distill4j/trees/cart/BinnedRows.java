package org.distill4j.trees.cart;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

/**
 * A growable set of binned rows with a fixed capacity, for tree learners that add points while they grow (model
 * extraction draws new inputs inside a node's region): codes are stored column-major with the capacity as
 * stride, and new rows are binned with the existing {@link FeatureBins} (values outside the observed range fall
 * into the end bins). Mutable and not thread-safe.
 */
public final class BinnedRows {

    private final FeatureBins bins;
    private final int capacity;
    private final byte[] codes;
    private int size;

    private BinnedRows(FeatureBins bins, int capacity) {
        this.bins = bins;
        this.capacity = capacity;
        this.codes = new byte[Math.multiplyExact(capacity, bins.features())];
    }

    /**
     * The rows of {@code data}, with room for {@code extra} more.
     *
     * @throws IllegalArgumentException if {@code extra < 0} or the codes would not fit in one array
     */
    public static BinnedRows of(BinnedFeatures data, int extra) {
        checkNotNull(data, "data");
        checkArgument(extra >= 0, "extra must be >= 0, got %s", extra);
        long capacity = (long) data.rows() + extra;
        checkArgument(capacity * data.columns() < Integer.MAX_VALUE - 8,
                "%s rows of %s features do not fit in memory as one array", capacity, data.columns());
        BinnedRows rows = new BinnedRows(data.bins(), (int) capacity);
        int n = data.rows();
        for (int f = 0; f < data.columns(); f++) {
            System.arraycopy(data.codes(), f * n, rows.codes, f * rows.capacity, n);
        }
        rows.size = n;
        return rows;
    }

    /**
     * Bins and appends one row.
     *
     * @param row holds the features at {@code row[offset .. offset + d)}, finite
     * @return the new row's index
     * @throws IllegalStateException if the capacity is reached
     */
    public int add(float[] row, int offset) {
        checkState(size < capacity, "no room for more rows: capacity %s reached", capacity);
        for (int f = 0; f < bins.features(); f++) {
            codes[f * capacity + size] = (byte) bins.code(f, row[offset + f]);
        }
        return size++;
    }

    /** The number of rows. */
    public int size() {
        return size;
    }

    /** The most rows this set can hold. */
    public int capacity() {
        return capacity;
    }

    /** The bins the rows are coded with. */
    public FeatureBins bins() {
        return bins;
    }

    /** The bin of row {@code row} of feature {@code f}. */
    public int code(int row, int f) {
        return codes[f * capacity + row] & 0xFF;
    }

    byte[] codes() {
        return codes;
    }
}
