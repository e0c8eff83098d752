package org.distill4j.core.fidelity;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Agreement between a conditional teacher and a student on a set of inputs. All averages are over the
 * {@code sampleCount} inputs; divergences are in nats and accumulated in {@code double}.
 *
 * @param sampleCount the number of inputs compared, at least 1
 * @param top1Agreement the fraction of inputs where the student's most probable class is the teacher's
 * @param klTeacherStudent mean {@code KL(p_teacher ‖ q_student)}
 * @param totalVariation mean {@code ½ Σ |p − q|}
 * @param meanLogProbOfTeacherLabels mean {@code log q(argmax p | x)}
 */
public record Fidelity(long sampleCount, double top1Agreement, double klTeacherStudent, double totalVariation,
        double meanLogProbOfTeacherLabels) {

    /**
     * Compares teacher and student probabilities row by row.
     *
     * @param teacherProbabilities {@code [n, K]}, rows sum to 1
     * @param studentProbabilities {@code [n, K]}, rows sum to 1
     */
    public static Fidelity between(INDArray teacherProbabilities, INDArray studentProbabilities) {
        throw new UnsupportedOperationException("TODO");
    }
}
