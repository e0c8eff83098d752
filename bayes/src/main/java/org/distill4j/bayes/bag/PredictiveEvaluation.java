package org.distill4j.bayes.bag;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.core.ConditionalTeacher;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How well a student imitates a bag's Monte-Carlo predictive on held-out inputs, and what each costs to keep: the
 * figures the thesis reports for distilled predictive distributions (Papamakarios 2015, arXiv:1510.02437, ch. 3).
 *
 * @param testInputs the number of held-out inputs compared, at least 1
 * @param klTeacherStudent mean {@code KL(p(y|x,D) ‖ q(y|x))} over the held-out inputs, in nats
 * @param teacherLogLikelihood mean {@code log p(y_n|x_n,D)} of the held-out labels under the bag's predictive (NaN
 *     without labels)
 * @param studentLogLikelihood mean {@code log q(y_n|x_n)} under the student (NaN without labels)
 * @param bagBytes the memory of the bag's samples ({@link PosteriorBag#memoryBytes()})
 * @param studentBytes the memory of the student's parameters
 * @param samplesConsumed the posterior samples the distillation used (bag size for batch distillation; states
 *     paired with inputs for online distillation)
 * @param peakBytes the most memory the distillation itself held at once (0 when not measured)
 */
public record PredictiveEvaluation(long testInputs, double klTeacherStudent, double teacherLogLikelihood,
        double studentLogLikelihood, long bagBytes, long studentBytes, long samplesConsumed, long peakBytes) {

    /** Checks ranges. */
    public PredictiveEvaluation {
        checkArgument(testInputs >= 1, "testInputs must be >= 1, got %s", testInputs);
        checkArgument(klTeacherStudent >= -1e-9, "klTeacherStudent must be >= 0, got %s", klTeacherStudent);
        checkArgument(bagBytes >= 0 && studentBytes >= 0 && samplesConsumed >= 0 && peakBytes >= 0,
                "sizes must be >= 0, got %s %s %s %s", bagBytes, studentBytes, samplesConsumed, peakBytes);
    }

    /**
     * Compares a student with the bag's predictive on held-out inputs.
     *
     * @param teacher the bag's predictive
     * @param student the distilled student (any conditional teacher)
     * @param inputs {@code [n, d]} held-out inputs, not modified
     * @param labels their labels in {@code [0, K)}, or {@code null} (the log-likelihoods are then NaN)
     * @param studentBytes the student's memory
     * @param samplesConsumed see the record's documentation
     * @param peakBytes see the record's documentation
     */
    public static PredictiveEvaluation of(CategoricalPredictive teacher, ConditionalTeacher student,
            INDArray inputs, int[] labels, long studentBytes, long samplesConsumed, long peakBytes) {
        checkNotNull(teacher, "teacher");
        checkNotNull(student, "student");
        checkArgument(student.outputSize() == teacher.outputSize(),
                "the student has %s classes but the teacher %s", student.outputSize(), teacher.outputSize());
        INDArray p = teacher.predictDouble(inputs);
        INDArray q = student.predict(inputs);
        double kl = Math.max(0, PredictiveMeasures.meanKl(p, q));
        double teacherLl = Double.NaN;
        double studentLl = Double.NaN;
        if (labels != null) {
            teacherLl = PredictiveMeasures.logLikelihood(p, labels) / inputs.rows();
            studentLl = PredictiveMeasures.logLikelihood(q, labels) / inputs.rows();
        }
        return new PredictiveEvaluation(inputs.rows(), kl, teacherLl, studentLl, teacher.bag().memoryBytes(),
                studentBytes, samplesConsumed, peakBytes);
    }
}
