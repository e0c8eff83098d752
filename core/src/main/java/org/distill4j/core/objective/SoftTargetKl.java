package org.distill4j.core.objective;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Kullback–Leibler divergence from the teacher's softened distribution to the student's, at temperature
 * {@code T}: with {@code p_T} and {@code q_T} as in {@link SoftTargetCrossEntropy},
 * <pre>
 *   loss = T² · (1/n) Σ_r KL(p_T[r] ‖ q_T[r]),     ∂loss/∂z = T · (q_T − p_T) / n,
 * </pre>
 * scaled by {@code T²} as Hinton, Vinyals and Dean (2015) do, so that gradients keep their size across
 * temperatures. It differs from the cross-entropy by the teacher's entropy, a constant for the student: same
 * gradient, but the value is {@code >= 0} and {@code 0} exactly when the distributions agree, which makes it
 * readable as a fidelity measure. Rounding can make the computed sum a tiny negative number; it is reported as
 * {@code 0}. Entries with {@code p_T = 0} contribute {@code 0} ({@code 0 · log 0 = 0}).
 *
 * <p>Immutable and thread-safe.
 */
public final class SoftTargetKl implements ObjectiveTerm {

    private final double temperature;

    private SoftTargetKl(double temperature) {
        this.temperature = TermMath.checkTemperature(temperature);
    }

    /**
     * The term at temperature {@code T}.
     *
     * @param temperature finite and {@code > 0}
     * @throws IllegalArgumentException otherwise
     */
    public static SoftTargetKl atTemperature(double temperature) {
        return new SoftTargetKl(temperature);
    }

    /** The temperature {@code T}. */
    public double temperature() {
        return temperature;
    }

    /** {@code soft_kl} at {@code T = 1}, else {@code soft_kl_T<T>}. */
    @Override
    public String name() {
        return TermMath.nameAt("soft_kl", temperature);
    }

    @Override
    public TermValue evaluate(StudentOutputs student, TeacherTargets teacher) {
        INDArray z = TermMath.logits(student, teacher);
        INDArray p = TermMath.teacherProbabilities(teacher, z.dataType());
        long n = z.size(0);
        INDArray[] tempered = TermMath.temperedTeacher(p, temperature, true);
        INDArray pT = tempered[0];
        INDArray logQ = TermMath.temperedStudentLog(z, temperature);
        double kl = TermMath.dot(pT, tempered[1].subi(logQ));
        double loss = Math.max(0.0, temperature * temperature * kl / n);
        INDArray gradient = Transforms.exp(logQ, false).subi(pT).muli(temperature / n);
        return new TermValue(loss, gradient, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftTargetKl && ((SoftTargetKl) o).temperature == temperature;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(temperature) * 31 + 2;
    }

    @Override
    public String toString() {
        return "SoftTargetKl[T=" + temperature + "]";
    }
}
