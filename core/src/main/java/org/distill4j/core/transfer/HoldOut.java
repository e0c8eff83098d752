package org.distill4j.core.transfer;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A transfer source split into what training may use and inputs it never sees.
 *
 * @param train the source to train on
 * @param heldOut {@code [m, d]} held-out inputs (m may be 0, then the array is {@code null}-free but empty is
 *     not representable in ND4J, so {@code heldOut} is {@code null} exactly when m = 0)
 * @param heldOutLabels the hard labels of the held-out rows when the source has them, else {@code null}
 */
public record HoldOut(TransferSource train, INDArray heldOut, int[] heldOutLabels) {

    /** Checks presence and shapes. */
    public HoldOut {
        checkNotNull(train, "train");
        checkArgument(heldOut == null || heldOut.rank() == 2, "heldOut must be [m, d]");
        checkArgument(heldOutLabels == null || (heldOut != null && heldOutLabels.length == heldOut.rows()),
                "heldOutLabels must have one entry per held-out row");
    }

    /** The number of held-out inputs. */
    public int size() {
        return heldOut == null ? 0 : (int) heldOut.rows();
    }
}
