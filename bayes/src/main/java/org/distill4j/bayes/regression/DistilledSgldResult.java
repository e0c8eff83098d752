package org.distill4j.bayes.regression;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * What a {@link DistilledSgld} run produced.
 *
 * @param student the distilled student
 * @param teacherTestLogLikelihood the mean test log-likelihood of the chain's running Monte-Carlo predictive (NaN
 *     without test data)
 * @param studentTestLogLikelihood the student's mean test log-likelihood (NaN without test data)
 * @param chainSteps transitions of the chain
 * @param studentSteps Adam steps of the student
 * @param teacherSamples chain states averaged into the teacher's test predictive
 * @param storedBytes what the run kept besides the data: the chain's state, the student with its optimiser state,
 *     and two doubles per test point — no posterior samples
 * @param curveIterations the iterations at which the curves were recorded
 * @param lossCurve the mean student loss over each recorded interval
 * @param teacherCurve the teacher's test log-likelihood at each recorded iteration
 * @param studentCurve the student's test log-likelihood at each recorded iteration
 */
public record DistilledSgldResult(GaussianRegressionStudent student, double teacherTestLogLikelihood,
        double studentTestLogLikelihood, long chainSteps, long studentSteps, long teacherSamples, long storedBytes,
        List<Integer> curveIterations, List<Double> lossCurve, List<Double> teacherCurve, List<Double> studentCurve) {

    /** Checks presence and copies the curves. */
    public DistilledSgldResult {
        checkNotNull(student, "student");
        curveIterations = List.copyOf(curveIterations);
        lossCurve = List.copyOf(lossCurve);
        teacherCurve = List.copyOf(teacherCurve);
        studentCurve = List.copyOf(studentCurve);
    }
}
