package org.distill4j.trees.extraction;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The region of input space that reaches one node of a tree being grown — a box, the intersection of the tests on
 * the node's path, {@code lower(f) < x[f] <= upper(f)} for every feature (infinite bounds where a feature is not
 * tested) — together with the transfer points that reach it. A {@link RegionSampler} draws new inputs inside it.
 *
 * <p>Immutable: bounds are copied, and {@link #members()} returns a new array each call.
 */
public final class NodeRegion {

    private final float[] lower;
    private final float[] upper;
    private final INDArray members;

    /**
     * @param lower exclusive lower bound per feature ({@code -Infinity} when none); copied
     * @param upper inclusive upper bound per feature ({@code +Infinity} when none); copied
     * @param members {@code [m, d]} transfer points inside the region (m may be 0); kept, never modified
     */
    NodeRegion(float[] lower, float[] upper, INDArray members) {
        checkNotNull(lower, "lower");
        checkNotNull(upper, "upper");
        checkNotNull(members, "members");
        checkArgument(lower.length == upper.length && members.columns() == lower.length,
                "bounds and members must have one entry per feature: %s, %s, %s", lower.length, upper.length,
                members.columns());
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.members = members;
    }

    /** The number of features d. */
    public int inputSize() {
        return lower.length;
    }

    /** The exclusive lower bound of feature {@code f}, {@code -Infinity} when it is not bounded below. */
    public float lower(int f) {
        return lower[f];
    }

    /** The inclusive upper bound of feature {@code f}, {@code +Infinity} when it is not bounded above. */
    public float upper(int f) {
        return upper[f];
    }

    /** The number of transfer points that reach the node. */
    public int memberCount() {
        return members.rows();
    }

    /** The transfer points that reach the node, {@code [memberCount(), d]}: a new caller-owned array. */
    public INDArray members() {
        return members.dup();
    }

    /** Whether {@code row[offset .. offset + d)} lies in the region. */
    public boolean contains(float[] row, int offset) {
        return firstViolation(row, offset) < 0;
    }

    /** The first feature whose value lies outside its bounds, or -1. */
    int firstViolation(float[] row, int offset) {
        for (int f = 0; f < lower.length; f++) {
            float v = row[offset + f];
            if (!(v > lower[f] && v <= upper[f])) {
                return f;
            }
        }
        return -1;
    }
}
