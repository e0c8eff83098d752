package org.distill4j.core.rid;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The value of a representation-matching term on a batch and its gradients: with respect to the student
 * representation (to back-propagate into the student) and with respect to the term's own parameters (filters,
 * regressors, variances). Both arrays are new and owned by the caller.
 *
 * @param loss the term's value, a mean over the batch (and channels)
 * @param studentGradient {@code [n, dS]}, ∂loss/∂S
 * @param parameterGradient {@code [1, P]}, ∂loss/∂parameters in the term's flat layout
 */
public record RepresentationTermValue(double loss, org.nd4j.linalg.api.ndarray.INDArray studentGradient,
        org.nd4j.linalg.api.ndarray.INDArray parameterGradient) {

    /** Checks the fields. */
    public RepresentationTermValue {
        checkNotNull(studentGradient, "studentGradient");
        checkNotNull(parameterGradient, "parameterGradient");
        checkArgument(!Double.isNaN(loss), "loss must not be NaN");
    }
}
