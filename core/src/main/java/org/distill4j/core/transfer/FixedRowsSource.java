package org.distill4j.core.transfer;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.distill4j.core.linalg.Rows;
import org.distill4j.core.transfer.TransferBatch.RowOrigin;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fixed rows, permuted afresh each epoch; batches name their rows so that teacher outputs can be cached.
 * Immutable; its epoch iterators are not thread-safe.
 */
final class FixedRowsSource implements FixedRows, Sources.Sized {

    private final INDArray rows;
    private final int[] labels;

    /** Takes ownership of {@code rows} and {@code labels} (callers pass private copies). */
    FixedRowsSource(INDArray rows, int[] labels) {
        this.rows = rows;
        this.labels = labels;
    }

    @Override
    public INDArray rows() {
        return rows;
    }

    @Override
    public int inputSize() {
        return rows.columns();
    }

    @Override
    public long epochRows() {
        return rows.rows();
    }

    @Override
    public Iterator<TransferBatch> epoch(int batchSize, SplittableRandom rng) {
        Sources.checkEpoch(batchSize, rng);
        int[] order = Sources.permutation(rows.rows(), rng);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public TransferBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(order.length, next + batchSize);
                int[] indices = Arrays.copyOfRange(order, next, end);
                next = end;
                return batchOf(indices);
            }
        };
    }

    private TransferBatch batchOf(int[] indices) {
        return new TransferBatch(pull(indices), labelsOf(indices), new RowOrigin(this, indices));
    }

    /** A new {@code [indices.length, d]} array of the given rows. */
    INDArray pull(int[] indices) {
        return Rows.gather(rows, indices); // a new array the distiller frees after its step
    }

    int[] labelsOf(int[] indices) {
        if (labels == null) {
            return null;
        }
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = labels[indices[i]];
        }
        return out;
    }

    @Override
    public HoldOut holdOut(int count, SplittableRandom rng) {
        Sources.checkHoldOut(count, rng);
        int n = rows.rows();
        checkArgument(count < n, "holdOut count must be < rows (%s), got %s", n, count);
        if (count == 0) {
            return new HoldOut(this, null, null);
        }
        int[] order = Sources.permutation(n, rng);
        int[] held = Arrays.copyOfRange(order, 0, count);
        int[] kept = Arrays.copyOfRange(order, count, n);
        Arrays.sort(held);
        Arrays.sort(kept);
        FixedRowsSource train = new FixedRowsSource(pull(kept), labelsOf(kept));
        return new HoldOut(train, pull(held), labelsOf(held));
    }

    @Override
    public String toString() {
        return String.format("fixed[%d x %d%s]", rows.rows(), rows.columns(), labels == null ? "" : ", labelled");
    }
}
