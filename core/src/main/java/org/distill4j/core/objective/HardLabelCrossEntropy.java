package org.distill4j.core.objective;

import static com.google.common.base.Preconditions.checkArgument;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Cross-entropy of the student's softmax to the data's hard labels ({@link TeacherTargets#labels()}), the
 * ordinary supervised loss that Hinton, Vinyals and Dean (2015) mix with the soft-target term:
 * <pre>
 *   loss = −(1/n) Σ_r log q[r, y_r],     ∂loss/∂z = (q − onehot(y)) / n.
 * </pre>
 * It ignores the teacher's probabilities (their shape is still checked against the logits).
 *
 * <p>Immutable and thread-safe.
 */
public final class HardLabelCrossEntropy implements ObjectiveTerm {

    private static final HardLabelCrossEntropy INSTANCE = new HardLabelCrossEntropy();

    private HardLabelCrossEntropy() {
    }

    /** The term (stateless, so always the same instance). */
    public static HardLabelCrossEntropy create() {
        return INSTANCE;
    }

    /** {@code hard_ce}. */
    @Override
    public String name() {
        return "hard_ce";
    }

    /**
     * @throws IllegalArgumentException if the targets have no labels, or a label is outside {@code [0, K)}
     */
    @Override
    public TermValue evaluate(StudentOutputs student, TeacherTargets teacher) {
        INDArray z = TermMath.logits(student, teacher);
        int[] labels = teacher.labels();
        checkArgument(labels != null, "hard_ce needs the teacher targets' labels, which are absent");
        int n = (int) z.size(0);
        int k = (int) z.size(1);
        double[] oneHot = new double[n * k];
        for (int r = 0; r < n; r++) {
            int y = labels[r];
            checkArgument(y >= 0 && y < k, "labels must be in [0, %s), got %s at row %s", k, y, r);
            oneHot[r * k + y] = 1.0;
        }
        INDArray target = Nd4j.create(oneHot, new long[] {n, k}, z.dataType());
        INDArray logQ = TermMath.logSoftmax(z);
        double loss = -TermMath.dot(target, logQ) / n;
        INDArray gradient = Transforms.exp(logQ, false).subi(target).divi(n);
        return new TermValue(loss, gradient, null);
    }

    @Override
    public String toString() {
        return "HardLabelCrossEntropy";
    }

}
