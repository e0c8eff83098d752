package org.distill4j.bayes.regression;

import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.fixture.ExactPosteriorChain;
import org.distill4j.bayes.fixture.GaussianTeacherChecks;
import org.distill4j.bayes.fixture.LinearProblem;
import org.junit.jupiter.api.Nested;

/**
 * Issue 8's battery for the two Gaussian (regression) teachers, which core's ConditionalTeacherContract does not
 * fit: the analogous checks of {@link GaussianTeacherChecks} (bad, empty, one-row, huge and column-major inputs;
 * determinism; caller-owned answers; 8 threads). The student's save → load, seeds and parameter checks (core's
 * StudentContract, by analogy) are in GaussianRegressionStudentTest; the Monte-Carlo predictive has no file.
 */
class GaussianTeacherContractTest {

    @Nested
    class Student extends GaussianTeacherChecks<GaussianRegressionStudent> {
        @Override
        protected GaussianRegressionStudent newTeacher() {
            return GaussianRegressionStudent.initialize(4, new int[] {6, 5}, SEED);
        }
    }

    @Nested
    class Predictive extends GaussianTeacherChecks<GaussianPredictive> {
        @Override
        protected GaussianPredictive newTeacher() {
            LinearProblem problem = new LinearProblem(20, 2, SEED);
            return GaussianPredictive.of(PosteriorBag.fromChain(problem.model,
                    new ExactPosteriorChain(problem.model, SEED), 6, 1));
        }
    }
}
