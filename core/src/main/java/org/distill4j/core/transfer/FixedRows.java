package org.distill4j.core.transfer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A transfer source backed by a fixed set of rows, whose teacher outputs a distiller may compute once and
 * cache (Papamakarios 2015, ch. 2: the transfer set of training images).
 */
public interface FixedRows extends TransferSource {

    /**
     * The rows, as a read-only view: callers must not modify it.
     *
     * @return {@code [n, d]}
     */
    INDArray rows();
}
