package org.distill4j.core.objective;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Derivative matching on log-probabilities (Papamakarios 2015, ch. 2, section 2.3): the student matches the
 * teacher's input-derivatives as well as its values,
 * <pre>
 *   loss = ½ · (1/n) Σ_r (1/K) Σ_i ‖∂ log q(y=i|x_r)/∂x − ∂ log p(y=i|x_r)/∂x‖²   (norm over the d inputs),
 *   ∂loss/∂J_s = (J_s − J_t) / (n·K),
 * </pre>
 * with {@code J_s}, {@code J_t} the {@code [n, K, d]} Jacobians in {@link StudentOutputs} and
 * {@link TeacherTargets}. It does not depend on the logits directly (its logit gradient is zero); the student
 * back-propagates the Jacobian gradient through its own Jacobian computation. The thesis combines it as
 * {@code L_value + λ · L_deriv} with {@code λ = 1}, divided by the input dimension when the value loss is the
 * cross-entropy.
 *
 * <p>Immutable and thread-safe.
 */
public final class DerivativeMatching implements ObjectiveTerm {

    private static final DerivativeMatching INSTANCE = new DerivativeMatching();

    private DerivativeMatching() {
    }

    /** The term on the Jacobians of log-probabilities (stateless, so always the same instance). */
    public static DerivativeMatching onLogProbabilities() {
        return INSTANCE;
    }

    /** {@code derivative_matching}. */
    @Override
    public String name() {
        return "derivative_matching";
    }

    /** {@code true}. */
    @Override
    public boolean needsJacobian() {
        return true;
    }

    /**
     * @throws IllegalArgumentException if either Jacobian is missing or their shapes differ
     */
    @Override
    public TermValue evaluate(StudentOutputs student, TeacherTargets teacher) {
        INDArray z = TermMath.logits(student, teacher);
        INDArray js = student.logProbabilityJacobian();
        INDArray jt = teacher.logProbabilityJacobian();
        checkArgument(js != null, "derivative matching needs the student's log-probability Jacobian, which is absent");
        checkArgument(jt != null, "derivative matching needs the teacher's log-probability Jacobian, which is absent");
        checkArgument(Arrays.equals(js.shape(), jt.shape()),
                "student Jacobian %s and teacher Jacobian %s must have the same shape [n, K, d]",
                Arrays.toString(js.shape()), Arrays.toString(jt.shape()));
        long n = js.size(0);
        long k = js.size(1);
        INDArray diff = js.sub(jt.dataType() == js.dataType() ? jt : jt.castTo(js.dataType()));
        double loss = 0.5 * TermMath.dot(diff, diff) / (n * k);
        // Checked only when the loss is not finite, so the common case costs no extra pass.
        checkArgument(Double.isFinite(loss) || TermMath.isFinite(jt),
                "teacher Jacobian must be finite, got NaN or infinite values");
        return new TermValue(loss, Nd4j.zeros(z.dataType(), z.shape()), diff.divi(n * k));
    }

    @Override
    public String toString() {
        return "DerivativeMatching";
    }
}
