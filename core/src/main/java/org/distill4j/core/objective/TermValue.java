package org.distill4j.core.objective;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The value of one objective term on a batch and its gradients.
 *
 * @param loss the term's value, a mean over the batch
 * @param logitGradient {@code [n, K]} gradient of {@code loss} with respect to the student's logits
 * @param jacobianGradient {@code [n, K, d]} gradient with respect to the student's log-probability Jacobian,
 *     or {@code null} when the term does not depend on it
 */
public record TermValue(double loss, INDArray logitGradient, INDArray jacobianGradient) {

    /** Checks presence. */
    public TermValue {
        checkNotNull(logitGradient, "logitGradient");
    }

    /** The Jacobian gradient, when the term depends on the Jacobian. */
    public Optional<INDArray> jacobianGradientIfAny() {
        return Optional.ofNullable(jacobianGradient);
    }
}
