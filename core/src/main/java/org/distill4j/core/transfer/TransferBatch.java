package org.distill4j.core.transfer;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch of transfer inputs.
 *
 * @param inputs {@code [n, d]} transfer inputs, owned by the receiver
 * @param labels the data's hard labels for these rows when the source has them (for the hard-label
 *     objective term), else {@code null}
 * @param origin where the rows come from when they are exactly rows of a {@link FixedRows} source (so teacher
 *     outputs can be cached), else {@code null}
 */
public record TransferBatch(INDArray inputs, int[] labels, RowOrigin origin) {

    /** Checks shapes: rank-2 inputs, one label and one row index per row. */
    public TransferBatch {
        checkNotNull(inputs, "inputs");
        checkArgument(inputs.rank() == 2, "inputs must be [n, d], got shape %s",
                java.util.Arrays.toString(inputs.shape()));
        checkArgument(labels == null || labels.length == inputs.rows(),
                "labels must have one entry per row (%s), got %s", inputs.rows(),
                labels == null ? 0 : labels.length);
        checkArgument(origin == null || origin.rows().length == inputs.rows(),
                "origin must name one row per input (%s), got %s", inputs.rows(),
                origin == null ? 0 : origin.rows().length);
    }

    /** A batch of fresh inputs with no labels and no cacheable origin. */
    public static TransferBatch of(INDArray inputs) {
        return new TransferBatch(inputs, null, null);
    }

    /** The hard labels, when the source has them. */
    public Optional<int[]> hardLabels() {
        return Optional.ofNullable(labels);
    }

    /** The cacheable origin of these rows, when they are unmodified rows of fixed data. */
    public Optional<RowOrigin> rowOrigin() {
        return Optional.ofNullable(origin);
    }

    /** A copy with other inputs and no cacheable origin (the rows are no longer the fixed data's). */
    public TransferBatch withInputs(INDArray newInputs) {
        return new TransferBatch(newInputs, labels, null);
    }

    /**
     * Identifies rows of a fixed data set, so that a distiller can cache the teacher's answers for them.
     *
     * @param data the fixed source the rows come from (compared by identity)
     * @param rows indices into its rows, one per batch row
     */
    public record RowOrigin(FixedRows data, int[] rows) {

        /** Checks presence. */
        public RowOrigin {
            checkNotNull(data, "data");
            checkNotNull(rows, "rows");
        }
    }
}
