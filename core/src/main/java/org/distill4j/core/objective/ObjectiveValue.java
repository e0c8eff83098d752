package org.distill4j.core.objective;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The value of an {@link Objective} on a batch: the weighted total, each term's own (unweighted) loss, and the
 * weighted gradients.
 *
 * @param total {@code Σ_t w_t · loss_t}
 * @param termLosses each term's unweighted loss by {@link ObjectiveTerm#name()}, in the objective's order;
 *     unmodifiable
 * @param logitGradient {@code [n, K]} {@code Σ_t w_t · ∂loss_t/∂z}, caller-owned
 * @param jacobianGradient {@code [n, K, d]} {@code Σ_t w_t · ∂loss_t/∂J}, caller-owned, or {@code null} when
 *     no term depends on the student's Jacobian
 */
public record ObjectiveValue(double total, Map<String, Double> termLosses, INDArray logitGradient,
        INDArray jacobianGradient) {

    /** Copies the map into an unmodifiable one that keeps its order. */
    public ObjectiveValue {
        checkNotNull(termLosses, "termLosses");
        checkNotNull(logitGradient, "logitGradient");
        termLosses = Collections.unmodifiableMap(new LinkedHashMap<>(termLosses));
    }

    /** One term's unweighted loss, or {@code NaN} if there is no term of that name. */
    public double termLoss(String name) {
        Double v = termLosses.get(name);
        return v == null ? Double.NaN : v;
    }
}
