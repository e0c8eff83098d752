package org.distill4j.generative.nade;

import static com.google.common.base.Preconditions.checkArgument;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input ordering of a NADE: a permutation of the visible variables (Larochelle and Murray 2011 model any
 * ordering), checked once, with {@code null} standing for the natural order.
 */
final class NadeOrdering {

    private NadeOrdering() {
    }

    /** A copy of a valid permutation, or {@code null} for {@code null} or the identity. */
    static int[] check(int[] ordering, int visible) {
        if (ordering == null) {
            return null;
        }
        checkArgument(ordering.length == visible, "ordering must have %s entries, got %s", visible, ordering.length);
        boolean[] seen = new boolean[visible];
        boolean identity = true;
        for (int d = 0; d < visible; d++) {
            int i = ordering[d];
            checkArgument(i >= 0 && i < visible && !seen[i], "ordering must be a permutation of 0..%s, got %s at "
                    + "position %s", visible - 1, i, d);
            seen[i] = true;
            identity &= i == d;
        }
        return identity ? null : ordering.clone();
    }

    /** Model-order rows {@code [D, ·]} back in natural order (a new array). */
    static INDArray toNatural(int[] ordering, INDArray modelRows) {
        if (ordering == null) {
            return modelRows.dup('c');
        }
        int[] inverse = new int[ordering.length];
        for (int d = 0; d < ordering.length; d++) {
            inverse[ordering[d]] = d;
        }
        return Nd4j.pullRows(modelRows, 1, inverse);
    }
}
