package org.distill4j.core.objective;

import static com.google.common.base.Preconditions.checkArgument;

import org.distill4j.core.linalg.HostView;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Cross-entropy from the teacher's softened distribution to the student's, at temperature {@code T}: with
 * {@code p_T = softmax(log p / T)} (teacher probabilities floored at {@value TermMath#PROBABILITY_FLOOR} before
 * the logarithm; at {@code T = 1} the probabilities are used as given) and {@code q_T = softmax(z / T)} for
 * student logits {@code z},
 * <pre>
 *   loss = T² · (1/n) Σ_r −Σ_k p_T[r,k] log q_T[r,k],     ∂loss/∂z = T · (q_T − p_T) / n.
 * </pre>
 * The factor {@code T²} keeps the gradient's magnitude independent of the temperature, so that the term can be
 * mixed with a hard-label term without retuning its weight (Hinton, Vinyals and Dean, <i>Distilling the
 * Knowledge in a Neural Network</i>, 2015, section 2). At {@code T = 1} this is the thesis's loss
 * (Papamakarios 2015, ch. 2: cross-entropy to the ensemble's averaged probabilities). Its minimum over the
 * student is the teacher's (tempered) entropy, not 0; {@link SoftTargetKl} has the same gradient and minimum 0.
 *
 * <p>Immutable and thread-safe.
 */
public final class SoftTargetCrossEntropy implements ObjectiveTerm {

    private final double temperature;

    private SoftTargetCrossEntropy(double temperature) {
        this.temperature = TermMath.checkTemperature(temperature);
    }

    /**
     * The term at temperature {@code T}.
     *
     * @param temperature finite and {@code > 0}
     * @throws IllegalArgumentException otherwise
     */
    public static SoftTargetCrossEntropy atTemperature(double temperature) {
        return new SoftTargetCrossEntropy(temperature);
    }

    /** The temperature {@code T}. */
    public double temperature() {
        return temperature;
    }

    /** {@code soft_ce} at {@code T = 1}, else {@code soft_ce_T<T>} (e.g. {@code soft_ce_T2}). */
    @Override
    public String name() {
        return TermMath.nameAt("soft_ce", temperature);
    }

    @Override
    public TermValue evaluate(StudentOutputs student, TeacherTargets teacher) {
        INDArray z = TermMath.logits(student, teacher);
        if (temperature == 1.0 && TermMath.fusible(z, teacher.probabilities())) {
            return fusedAtOne(z, teacher.probabilities());
        }
        INDArray p = TermMath.teacherProbabilities(teacher, z.dataType());
        long n = z.size(0);
        INDArray pT = TermMath.temperedTeacher(p, temperature, false)[0];
        INDArray logQ = TermMath.temperedStudentLog(z, temperature);
        double loss = -temperature * temperature * TermMath.dot(pT, logQ) / n;
        INDArray gradient = Transforms.exp(logQ, false).subi(pT).muli(temperature / n);
        return new TermValue(loss, gradient, null);
    }

    /** At T = 1, loss and gradient in one pass over the rows (small dense arrays; same values as above). */
    private static TermValue fusedAtOne(INDArray z, INDArray p) {
        int k = (int) z.size(1);
        long n = z.size(0);
        INDArray gradient = Nd4j.createUninitialized(z.dataType(), n, k);
        HostView zs = HostView.of(z);
        HostView ps = HostView.of(p);
        HostView gs = HostView.of(gradient);
        double dot = 0;
        double[] logQ = new double[k];
        for (int start = 0; start < zs.length(); start += k) {
            LogSoftmax.row(zs, start, logQ);
            for (int j = 0; j < k; j++) {
                double pj = ps.get(start + j);
                checkArgument(Double.isFinite(pj), "teacher probabilities must be finite, got NaN or infinite values");
                dot += pj * logQ[j];
                gs.set(start + j, (Math.exp(logQ[j]) - pj) / n);
            }
        }
        return new TermValue(-dot / n, gradient, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SoftTargetCrossEntropy && ((SoftTargetCrossEntropy) o).temperature == temperature;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(temperature) * 31 + 1;
    }

    @Override
    public String toString() {
        return "SoftTargetCrossEntropy[T=" + temperature + "]";
    }
}
