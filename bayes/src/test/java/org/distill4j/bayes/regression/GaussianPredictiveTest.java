package org.distill4j.bayes.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.model.BayesianLogisticRegression;
import org.distill4j.bayes.fixture.ExactPosteriorChain;
import org.distill4j.bayes.fixture.LinearProblem;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class GaussianPredictiveTest {

    private static final long SEED = 23;

    static GaussianPredictive predictive(LinearProblem problem, int samples, long seed) {
        return GaussianPredictive.of(PosteriorBag.fromChain(problem.model, new ExactPosteriorChain(problem.model,
                seed), samples, 1));
    }

    @Test
    void momentsAreTheMixtureMomentsAndConvergeToTheExactPredictive() {
        LinearProblem problem = new LinearProblem(30, 10, SEED);
        GaussianPredictive p = predictive(problem, 4000, SEED);
        double[] mv = p.moments(problem.testInputs).dup('c').data().asDouble();
        double[] exact = problem.model.exactPredictive(problem.testInputs).dup('c').data().asDouble();
        for (int i = 0; i < 10; i++) {
            assertThat(mv[2 * i]).as("mean of row %s", i).isCloseTo(exact[2 * i], within(0.02));
            assertThat(mv[2 * i + 1]).as("variance of row %s", i).isCloseTo(exact[2 * i + 1], within(0.02));
        }
        assertThat(p.meanLogLikelihood(problem.testInputs, problem.testTargets))
                .isCloseTo(problem.exactTestLogLikelihood(), within(0.01));
    }

    @Test
    void logPredictiveDensityIsTheLogOfTheMeanDensity() {
        LinearProblem problem = new LinearProblem(30, 3, SEED);
        GaussianPredictive p = predictive(problem, 3, SEED);
        INDArray x = problem.testInputs;
        double[] lp = p.logPredictiveDensity(x, problem.testTargets);
        for (int i = 0; i < 3; i++) {
            double mean = 0;
            for (int s = 0; s < 3; s++) {
                double[] pred = problem.model.predictive(p.bag().sample(s), x).dup('c').data().asDouble();
                double d = problem.testTargets[i] - pred[2 * i];
                mean += Math.exp(-0.5 * Math.log(2 * Math.PI * pred[2 * i + 1]) - d * d / (2 * pred[2 * i + 1])) / 3;
            }
            assertThat(lp[i]).isCloseTo(Math.log(mean), within(1e-10));
        }
    }

    @Test
    void rejectsBadInputs() {
        LinearProblem problem = new LinearProblem(30, 3, SEED);
        GaussianPredictive p = predictive(problem, 5, SEED);
        BayesianLogisticRegression logistic = BayesianLogisticRegression.of(new double[][] {{1, 0}, {0, 1}},
                new int[] {0, 1}, 1.0, false);
        assertThatThrownBy(() -> GaussianPredictive.of(PosteriorBag.of(logistic, new double[][] {{0, 0}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GAUSSIAN")
                .hasMessageContaining("CATEGORICAL");
        assertThatThrownBy(() -> GaussianPredictive.of(PosteriorBag.of(problem.model, new double[0][])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.moments(org.nd4j.linalg.factory.Nd4j.zeros(2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3").hasMessageContaining("2");
        assertThatThrownBy(() -> p.logPredictiveDensity(problem.testInputs, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values");
        assertThatThrownBy(() -> new OnlinePredictiveAverage(new double[] {1}).add(new double[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variance");
        assertThatThrownBy(() -> new OnlinePredictiveAverage(new double[] {1}).add(new double[] {0, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 0");
        assertThatThrownBy(() -> new OnlinePredictiveAverage(new double[] {1}).meanLogLikelihood())
                .isInstanceOf(IllegalStateException.class);
    }
}
