package org.distill4j.core.objective;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a neural student produced on a batch: its logits and, when a term needs it, the Jacobian of its
 * log-probabilities with respect to the inputs.
 *
 * @param logits {@code [n, K]} pre-softmax outputs
 * @param logProbabilityJacobian {@code [n, K, d]} with entry {@code [r, i, j] = ∂ log q(y=i|x_r) / ∂x_rj}, or
 *     {@code null} when no term asked for it
 */
public record StudentOutputs(INDArray logits, INDArray logProbabilityJacobian) {

    /** Checks ranks and that the Jacobian agrees with the logits. */
    public StudentOutputs {
        checkNotNull(logits, "logits");
        // messages are built only on failure: these checks run at every training step
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("logits must be [n, K], got shape " + Arrays.toString(logits.shape()));
        }
        if (logProbabilityJacobian != null && (logProbabilityJacobian.rank() != 3
                || logProbabilityJacobian.size(0) != logits.size(0)
                || logProbabilityJacobian.size(1) != logits.size(1))) {
            throw new IllegalArgumentException(String.format(
                    "logProbabilityJacobian must be [n, K, d] with [n, K] = %s, got shape %s",
                    Arrays.toString(logits.shape()), Arrays.toString(logProbabilityJacobian.shape())));
        }
    }

    /** The Jacobian, when computed. */
    public Optional<INDArray> jacobian() {
        return Optional.ofNullable(logProbabilityJacobian);
    }
}
