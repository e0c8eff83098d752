package org.distill4j.core.objective;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Squared error between the student's logits and the teacher's log-probabilities, each centred over the
 * classes (Papamakarios 2015, ch. 2; Ba and Caruana, <i>Do Deep Nets Really Need to be Deep?</i>, 2014):
 * <pre>
 *   loss = ½ · (1/n) Σ_r Σ_k (z̃[r,k] − ℓ̃[r,k])²,     ∂loss/∂z = (z̃ − ℓ̃) / n,
 * </pre>
 * where {@code z̃ = z − mean_k z} and {@code ℓ̃ = ℓ − mean_k ℓ} with {@code ℓ = log max(p, }{@value
 * TermMath#PROBABILITY_FLOOR}{@code )}. Logits are defined only up to an additive constant per row (softmax
 * ignores it), and an ensemble that averages probabilities has no logits of its own, so the teacher's
 * log-probabilities serve as its logits and both sides are centred; the gradient is already centred because
 * centring is an orthogonal projection. A class the teacher rules out exactly gives a target near {@code -69}
 * before centring: this term suits teachers whose probabilities are bounded away from 0.
 *
 * <p>Immutable and thread-safe.
 */
public final class LogitSquaredError implements ObjectiveTerm {

    private static final LogitSquaredError INSTANCE = new LogitSquaredError();

    private LogitSquaredError() {
    }

    /** The term (stateless, so always the same instance). */
    public static LogitSquaredError create() {
        return INSTANCE;
    }

    /** {@code logit_se}. */
    @Override
    public String name() {
        return "logit_se";
    }

    @Override
    public TermValue evaluate(StudentOutputs student, TeacherTargets teacher) {
        INDArray z = TermMath.logits(student, teacher);
        INDArray p = TermMath.teacherProbabilities(teacher, z.dataType());
        long n = z.size(0);
        INDArray diff = z.sub(TermMath.flooredLog(p));
        diff.subiColumnVector(diff.mean(true, 1));
        double loss = 0.5 * TermMath.dot(diff, diff) / n;
        return new TermValue(loss, diff.divi(n), null);
    }

    @Override
    public String toString() {
        return "LogitSquaredError";
    }
}
