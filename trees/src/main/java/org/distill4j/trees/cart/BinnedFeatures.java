package org.distill4j.trees.cart;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A feature matrix quantised for fast split search: for each feature its {@link FeatureBins} and, for each
 * row, the byte code of its bin, stored column-major ({@code codes[f * rows + i]}) so that the histogram of a
 * feature over a node's rows reads one compact column. Binning reads the INDArray in column chunks (never per
 * element) and checks that every value is finite. Build once and fit several trees on it
 * ({@link CartTrainer}).
 *
 * <p>Immutable after construction and thread-safe; the caller's array is not kept or modified.
 */
public final class BinnedFeatures {

    private final int rows;
    private final FeatureBins bins;
    private final byte[] codes;

    private BinnedFeatures(int rows, FeatureBins bins, byte[] codes) {
        this.rows = rows;
        this.bins = bins;
        this.codes = codes;
    }

    /**
     * Bins the columns of {@code x}.
     *
     * @param x {@code [n >= 1, d >= 1]} finite features of any numeric type (read as float); not modified
     * @param maxBins the most bins per feature, in {@code [2, 256]}
     * @throws IllegalArgumentException if {@code x} is not a non-empty matrix, or holds NaN or infinite values
     *     (the message names the row and column), or {@code maxBins} is out of range
     */
    public static BinnedFeatures of(INDArray x, int maxBins) {
        checkNotNull(x, "x");
        checkArgument(x.rank() == 2, "x must have rank 2 and shape [n, d], got shape %s", Arrays.toString(x.shape()));
        checkArgument(x.size(0) >= 1 && x.size(1) >= 1, "x must have at least one row and one column, got shape %s",
                Arrays.toString(x.shape()));
        checkArgument(x.length() < Integer.MAX_VALUE, "x is too large to bin (%s values), got shape %s", x.length(),
                Arrays.toString(x.shape()));
        checkArgument(x.dataType().isNumerical(), "x must be numeric, got data type %s", x.dataType());
        checkArgument(maxBins >= 2 && maxBins <= TreeConfig.MAX_BINS, "maxBins must be in [2, %s], got %s",
                TreeConfig.MAX_BINS, maxBins);
        int n = (int) x.size(0);
        int d = (int) x.size(1);
        byte[] codes = new byte[n * d];
        float[][] thresholds = new float[d][];
        float[] column = new float[n];
        int[] slots = new int[n];
        for (int c0 = 0; c0 < d; c0 += FeatureBins.CHUNK) {
            int c1 = Math.min(d, c0 + FeatureBins.CHUNK);
            float[] chunk = x.get(NDArrayIndex.all(), NDArrayIndex.interval(c0, c1)).castTo(DataType.FLOAT)
                    .dup('f').data().asFloat();
            for (int f = c0; f < c1; f++) {
                System.arraycopy(chunk, (f - c0) * n, column, 0, n);
                thresholds[f] = FeatureBins.binColumn(column, n, maxBins, codes, f * n, f, slots);
            }
        }
        return new BinnedFeatures(n, new FeatureBins(thresholds), codes);
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The number of features. */
    public int columns() {
        return bins.features();
    }

    /** The bins of every feature. */
    public FeatureBins bins() {
        return bins;
    }

    /** The bin of row {@code i} of feature {@code f}. */
    public int code(int i, int f) {
        return codes[f * rows + i] & 0xFF;
    }

    /** The codes, column-major; shared, callers must not modify them. */
    byte[] codes() {
        return codes;
    }
}
