package org.distill4j.core.teacher;

import org.distill4j.core.ConditionalTeacher;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A conditional teacher that can differentiate its log-probabilities with respect to its inputs, as
 * derivative matching needs (Papamakarios 2015, ch. 2, section 2.3: the student matches
 * {@code ∂ log p(y_i|x) / ∂x} as well as {@code p(y|x)}).
 */
public interface HasInputJacobian extends ConditionalTeacher {

    /**
     * The Jacobian of the log-probabilities with respect to the inputs.
     *
     * @param inputs {@code [n, d]}, not modified
     * @return a new array {@code [n, K, d]} with entry {@code [r, i, j] = ∂ log p(y=i | x_r) / ∂x_rj}
     */
    INDArray logProbabilityJacobian(INDArray inputs);

    /**
     * Jacobian-vector products: the directional derivative of the log-probabilities of each row along its
     * direction. The default checks its arguments, then contracts the full Jacobian; implementations may do
     * better.
     *
     * @param inputs {@code [n, d]}, not modified
     * @param directions {@code [n, d]} finite values, one direction per row, not modified
     * @return a new array {@code [n, K]}
     * @throws IllegalArgumentException if {@code inputs} is not a valid batch or {@code directions} does not have
     *     its shape (naming both shapes)
     */
    default INDArray logProbabilityJvp(INDArray inputs, INDArray directions) {
        TeacherInputs.checkBatch(inputs, inputSize(), "inputs");
        TeacherInputs.checkDirections(directions, inputs);
        INDArray jacobian = logProbabilityJacobian(inputs);
        long n = jacobian.size(0);
        long k = jacobian.size(1);
        INDArray v = directions.castTo(jacobian.dataType());
        INDArray out = Nd4j.create(jacobian.dataType(), n, k);
        for (long r = 0; r < n; r++) {
            out.putRow(r, jacobian.slice(r).mmul(v.getRow(r).reshape(v.size(1), 1)).reshape(k));
        }
        return out;
    }

    /**
     * Whether {@link #logProbabilityJacobian} is exact. Black boxes answer with finite differences and return
     * {@code false}; distillation reports flag such runs.
     */
    default boolean hasExactDerivatives() {
        return true;
    }
}
