package org.distill4j.trees.lrh;

import static com.google.common.base.Preconditions.checkArgument;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Closed-form ridge linear probes on a fixed representation, batched over any number of targets: with φ fixed, the
 * ridge solution {@code w(y) = (ΦᵀΦ + λI)⁻¹ Φᵀ y} is linear in the targets, so the probes' predictions on the
 * scoring inputs are {@code P y} for one precomputed operator {@code P = Φ_s (ΦᵀΦ + λI)⁻¹ Φᵀ} (computed in its
 * dual form {@code Φ_s Φᵀ (ΦΦᵀ + λI)⁻¹} when the representation is wider than the sample). A whole level of the
 * beam search is then one matrix product (Boix-Adsera 2024: "a closed-form ridge solve beats iterative probe
 * training"). Immutable and thread-safe.
 */
final class LinearProbes {

    private final INDArray operator;

    private LinearProbes(INDArray operator) {
        this.operator = operator;
    }

    /**
     * @param train φ of the probes' training inputs {@code [m, D]} (DOUBLE)
     * @param score φ of the scoring inputs {@code [n, D]} (DOUBLE)
     */
    static LinearProbes fit(INDArray train, INDArray score, double ridge) {
        checkArgument(train.columns() == score.columns(), "representations of %s and %s columns", train.columns(),
                score.columns());
        long m = train.rows();
        long width = train.columns();
        INDArray p;
        if (width <= m) {
            INDArray a = train.transpose().mmul(train).addi(Nd4j.eye(width).castTo(DataType.DOUBLE).muli(ridge));
            p = score.mmul(Cholesky.inverse(a)).mmul(train.transpose());
        } else {
            INDArray k = train.mmul(train.transpose()).addi(Nd4j.eye(m).castTo(DataType.DOUBLE).muli(ridge));
            p = score.mmul(train.transpose()).mmul(Cholesky.inverse(k));
        }
        return new LinearProbes(p.castTo(DataType.FLOAT));
    }

    /** The number of probe training inputs m. */
    long trainRows() {
        return operator.columns();
    }

    /** The number of scoring inputs n. */
    long scoreRows() {
        return operator.rows();
    }

    /**
     * The probes' predictions on the scoring inputs.
     *
     * @param targets one target per column over the training inputs, {@code [m, c]} FLOAT
     * @return {@code [n, c]}
     */
    INDArray predict(INDArray targets) {
        return operator.mmul(targets);
    }
}
