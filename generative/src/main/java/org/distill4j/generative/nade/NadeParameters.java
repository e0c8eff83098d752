package org.distill4j.generative.nade;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Views of a NADE's flat parameter vector {@code [1, P]}, {@code P = 2DH + D + H}, laid out in the model's
 * ordering (position {@code d} is variable {@code ordering[d]}): {@code Wt} ({@code [D, H]}, row {@code d} is the
 * input weight column {@code W[:, ordering[d]]}), {@code V} ({@code [D, H]}, row {@code d} is the output weights of
 * position {@code d}), {@code b} ({@code [1, D]}), {@code c} ({@code [1, H]}). The same layout holds gradients.
 */
final class NadeParameters {

    final int visible;
    final int hidden;
    final INDArray flat;
    final INDArray wt;
    final INDArray v;
    final INDArray b;
    final INDArray c;

    NadeParameters(int visible, int hidden, INDArray flat) {
        this.visible = visible;
        this.hidden = hidden;
        this.flat = flat;
        long dh = (long) visible * hidden;
        this.wt = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, dh)).reshape('c', visible, hidden);
        this.v = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(dh, 2 * dh)).reshape('c', visible, hidden);
        this.b = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(2 * dh, 2 * dh + visible))
                .reshape('c', 1, visible);
        this.c = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(2 * dh + visible, 2 * dh + visible + hidden))
                .reshape('c', 1, hidden);
    }

    /** A zero vector of the right length, wrapped. */
    static NadeParameters zeros(int visible, int hidden, DataType type) {
        return new NadeParameters(visible, hidden, Nd4j.zeros(type, 1, count(visible, hidden)));
    }

    static long count(int visible, int hidden) {
        return 2L * visible * hidden + visible + hidden;
    }

    /** Rows {@code [from, from + k)} of a {@code [D, ·]} array, as a contiguous view. */
    static INDArray rows(INDArray a, int from, int k) {
        return a.get(NDArrayIndex.interval(from, from + k), NDArrayIndex.all());
    }

    /** Columns {@code [from, from + k)} of a {@code [1, ·]} row vector, as a contiguous {@code [k, 1]} view. */
    static INDArray column(INDArray row, int from, int k) {
        return row.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, from + k)).reshape('c', k, 1);
    }

    /** A copy in another type. */
    NadeParameters castTo(DataType type) {
        return new NadeParameters(visible, hidden, flat.castTo(type).dup('c'));
    }

    NadeParameters dup() {
        return new NadeParameters(visible, hidden, flat.dup('c'));
    }
}
