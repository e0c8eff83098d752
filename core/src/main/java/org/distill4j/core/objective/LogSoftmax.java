package org.distill4j.core.objective;

import static com.google.common.base.Preconditions.checkArgument;

import org.distill4j.core.linalg.HostView;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A log-softmax that stays finite. ND4J's {@code LogSoftMax} op computes {@code log(softmax(z))}, which is −∞
 * as soon as a class's probability underflows (a logit gap above about 88 in float32): a confident student then
 * turns {@code 0 · log q} into NaN in every cross-entropy. Here {@code log q = (z − max z) − log Σ exp(z − max z)},
 * whose every entry is finite for finite logits.
 */
public final class LogSoftmax {

    /** Up to this many logits, one Java pass beats ND4J's five operations (each 10–40 µs of bookkeeping). */
    private static final int SMALL = 1 << 16;

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
        if (logits.length() <= SMALL && HostView.supports(logits)) {
            return small(logits);
        }
        INDArray shifted = logits.subColumnVector(logits.max(1).reshape(logits.size(0), 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(1), false);
        return shifted.subiColumnVector(logSum.reshape(logits.size(0), 1));
    }

    /** The same, in one pass over the rows of a dense C-ordered array. */
    private static INDArray small(INDArray logits) {
        int k = (int) logits.size(1);
        INDArray out = Nd4j.createUninitialized(logits.dataType(), logits.size(0), k);
        HostView in = HostView.of(logits);
        HostView o = HostView.of(out);
        double[] row = new double[k];
        for (int start = 0; start < in.length(); start += k) {
            row(in, start, row);
            for (int j = 0; j < k; j++) {
                o.set(start + j, row[j]);
            }
        }
        return out;
    }

    /** The log-softmax of the {@code out.length} logits of {@code z} from {@code start}, into {@code out}. */
    static void row(HostView z, int start, double[] out) {
        int k = out.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, z.get(start + j));
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp(z.get(start + j) - max);
        }
        double shift = max + Math.log(sum);
        for (int j = 0; j < k; j++) {
            out[j] = z.get(start + j) - shift;
        }
    }
}
