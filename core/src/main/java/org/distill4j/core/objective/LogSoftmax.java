package org.distill4j.core.objective;

import static com.google.common.base.Preconditions.checkArgument;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A log-softmax that stays finite. ND4J's {@code LogSoftMax} op computes {@code log(softmax(z))}, which is −∞
 * as soon as a class's probability underflows (a logit gap above about 88 in float32): a confident student then
 * turns {@code 0 · log q} into NaN in every cross-entropy. Here {@code log q = (z − max z) − log Σ exp(z − max z)},
 * whose every entry is finite for finite logits.
 */
public final class LogSoftmax {

    private LogSoftmax() {
    }

    /**
     * Row-wise log-softmax.
     *
     * @param logits {@code [n, K]}, not modified
     * @return a new {@code [n, K]} array of finite log-probabilities (for finite logits)
     */
    public static INDArray of(INDArray logits) {
        checkArgument(logits.rank() == 2, "logits must be [n, K], got rank %s", logits.rank());
        INDArray shifted = logits.subColumnVector(logits.max(1).reshape(logits.size(0), 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(1), false);
        return shifted.subiColumnVector(logSum.reshape(logits.size(0), 1));
    }
}
