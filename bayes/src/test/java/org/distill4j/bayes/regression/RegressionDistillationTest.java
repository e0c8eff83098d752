package org.distill4j.bayes.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.distill4j.bayes.model.BayesianLogisticRegression;
import org.distill4j.bayes.sampler.MarkovChain;
import org.distill4j.bayes.sampler.Sgld;
import org.distill4j.bayes.sampler.SgldConfig;
import org.distill4j.bayes.fixture.ExactPosteriorChain;
import org.distill4j.bayes.fixture.LinearProblem;
import org.distill4j.core.DistillationException;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Batch distillation of a known Gaussian predictive, and Distilled SGLD, on conjugate linear regression. */
class RegressionDistillationTest {

    private static final long SEED = 41;
    private static final LinearProblem PROBLEM = new LinearProblem(40, 200, SEED);

    /** Mean over rows of KL(N(m1, v1) || N(m2, v2)). */
    static double meanGaussianKl(INDArray p, INDArray q) {
        double[] a = p.dup('c').data().asDouble();
        double[] b = q.dup('c').data().asDouble();
        double sum = 0;
        for (int i = 0; i < a.length; i += 2) {
            double d = a[i] - b[i];
            sum += 0.5 * (Math.log(b[i + 1] / a[i + 1]) + (a[i + 1] + d * d) / b[i + 1] - 1);
        }
        return sum / (a.length / 2);
    }

    @Test
    void batchDistillationOfAKnownGaussianPredictiveReachesASmallKl() {
        GaussianPredictive teacher = GaussianPredictiveTest.predictive(PROBLEM, 50, SEED);
        GaussianRegressionStudent student = new GaussianRegressionDistiller(GaussianRegressionConfig.builder()
                .hidden(20).learningRate(3e-3)
                .training(TrainingSettings.builder().epochs(150).batchSize(20).seed(SEED).heldOut(0, 0).build())
                .build()).distill(teacher, TransferSources.perturbed(TransferSources.fixed(PROBLEM.trainInputs), 0.2))
                .student();
        INDArray exact = PROBLEM.model.exactPredictive(PROBLEM.testInputs);
        double kl = meanGaussianKl(exact, student.moments(PROBLEM.testInputs));
        assertThat(kl).as("mean KL(exact predictive || student) on test inputs (seed %s)", SEED).isLessThan(0.05);
        assertThat(student.meanLogLikelihood(PROBLEM.testInputs, PROBLEM.testTargets))
                .isGreaterThan(PROBLEM.exactTestLogLikelihood() - 0.05);
    }

    private static DistilledSgldConfig.Builder sgld() {
        return DistilledSgldConfig.builder().iterations(6000).burnIn(100).studentBatch(16).hidden(10)
                .learningRate(3e-3).inputNoise(0.2).teacherEvery(5).reportEvery(1000).seed(SEED);
    }

    @Test
    void distilledSgldOnATinyLinearProblemComesCloseToTheExactPredictive() {
        DistilledSgldResult result = new DistilledSgld(sgld().build()).run(new ExactPosteriorChain(PROBLEM.model,
                SEED), PROBLEM.model, PROBLEM.trainInputs, PROBLEM.testInputs, PROBLEM.testTargets);
        double exact = PROBLEM.exactTestLogLikelihood();
        assertThat(result.teacherTestLogLikelihood()).as("teacher vs exact %s", exact)
                .isCloseTo(exact, org.assertj.core.api.Assertions.within(0.02));
        assertThat(result.studentTestLogLikelihood()).as("student vs exact %s", exact)
                .isCloseTo(exact, org.assertj.core.api.Assertions.within(0.08));
        assertThat(result.chainSteps()).isEqualTo(6000);
        assertThat(result.studentSteps()).isEqualTo(5900);
        assertThat(result.teacherSamples()).isEqualTo(5900 / 5);
        assertThat(result.studentCurve()).hasSameSizeAs(result.curveIterations()).hasSize(6);
        assertThat(result.storedBytes()).isLessThan(8L * 5900 * 2);
    }

    @Test
    void distilledSgldWithARealSgldTeacherComesCloseToTheExactPredictive() {
        Sgld chain = new Sgld(PROBLEM.model, new double[2], SgldConfig.builder().constantStepSize(5e-4)
                .batchSize(10).seed(SEED).build());
        DistilledSgldResult result = new DistilledSgld(sgld().iterations(4000).burnIn(500).finalLearningRate(1e-3)
                .build()).run(chain, PROBLEM.model, PROBLEM.trainInputs, PROBLEM.testInputs, PROBLEM.testTargets);
        double exact = PROBLEM.exactTestLogLikelihood();
        assertThat(result.teacherTestLogLikelihood()).as("SGLD teacher vs exact %s", exact)
                .isCloseTo(exact, org.assertj.core.api.Assertions.within(0.05));
        assertThat(result.studentTestLogLikelihood()).as("student vs exact %s", exact)
                .isCloseTo(exact, org.assertj.core.api.Assertions.within(0.1));
    }

    @Test
    void sameSeedGivesTheSameStudent() {
        DistilledSgldConfig config = sgld().iterations(300).build();
        GaussianRegressionStudent a = new DistilledSgld(config).run(new ExactPosteriorChain(PROBLEM.model, 1),
                PROBLEM.model, PROBLEM.trainInputs, null, null).student();
        GaussianRegressionStudent b = new DistilledSgld(config).run(new ExactPosteriorChain(PROBLEM.model, 1),
                PROBLEM.model, PROBLEM.trainInputs, null, null).student();
        GaussianRegressionStudent c = new DistilledSgld(config.toBuilder().seed(SEED + 1).build()).run(
                new ExactPosteriorChain(PROBLEM.model, 1), PROBLEM.model, PROBLEM.trainInputs, null, null).student();
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void aRangeOfInputNoiseScalesAndTailAveragingStillMatchTheExactPredictive() {
        DistilledSgldConfig config = sgld().inputNoise(0.4).minInputNoise(0.05).averageLast(0.5).build();
        DistilledSgldResult result = new DistilledSgld(config).run(new ExactPosteriorChain(PROBLEM.model, SEED),
                PROBLEM.model, PROBLEM.trainInputs, PROBLEM.testInputs, PROBLEM.testTargets);
        double exact = PROBLEM.exactTestLogLikelihood();
        assertThat(result.studentTestLogLikelihood()).as("student vs exact %s", exact)
                .isCloseTo(exact, org.assertj.core.api.Assertions.within(0.08));
        GaussianRegressionStudent fixed = new DistilledSgld(config.toBuilder().minInputNoise(0.4).build()).run(
                new ExactPosteriorChain(PROBLEM.model, SEED), PROBLEM.model, PROBLEM.trainInputs, null, null)
                .student();
        assertThat(result.student()).as("a range of scales perturbs differently").isNotEqualTo(fixed);
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(sgld().build().toBuilder().inputNoise(0.05).build().minInputNoise()).isEqualTo(0.05);
        assertThatThrownBy(() -> DistilledSgldConfig.builder().inputNoise(0.1).minInputNoise(0.2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minInputNoise");
    }

    @Test
    void tailAveragingReturnsTheMeanOfTheLastIterates() {
        // with a constant rate, the first T-1 student steps of a T-iteration run are those of a (T-1)-iteration run
        DistilledSgldConfig base = sgld().iterations(301).burnIn(1).learningRate(3e-3).build();
        GaussianRegressionStudent last = new DistilledSgld(base).run(new ExactPosteriorChain(PROBLEM.model, 1),
                PROBLEM.model, PROBLEM.trainInputs, null, null).student();
        GaussianRegressionStudent previous = new DistilledSgld(base.toBuilder().iterations(300).build()).run(
                new ExactPosteriorChain(PROBLEM.model, 1), PROBLEM.model, PROBLEM.trainInputs, null, null).student();
        GaussianRegressionStudent averaged = new DistilledSgld(base.toBuilder().averageLast(2.5 / 300).build()).run(
                new ExactPosteriorChain(PROBLEM.model, 1), PROBLEM.model, PROBLEM.trainInputs, null, null).student();
        double[] a = last.parameters();
        double[] b = previous.parameters();
        double[] mean = averaged.parameters();
        assertThat(a).isNotEqualTo(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(mean[i]).isCloseTo(0.5 * (a[i] + b[i]), org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThatThrownBy(() -> DistilledSgldConfig.builder().averageLast(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("averageLast");
    }

    @Test
    void rejectsBadInputs() {
        DistilledSgld run = new DistilledSgld(sgld().iterations(200).build());
        MarkovChain chain = new ExactPosteriorChain(PROBLEM.model, 1);
        BayesianLogisticRegression logistic = BayesianLogisticRegression.of(new double[][] {{1, 0}, {0, 1}},
                new int[] {0, 1}, 1.0, false);
        assertThatThrownBy(() -> run.run(chain, logistic, PROBLEM.trainInputs, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GAUSSIAN");
        assertThatThrownBy(() -> run.run(chain, PROBLEM.model, Nd4j.zeros(5, 3), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3").hasMessageContaining("2");
        assertThatThrownBy(() -> run.run(chain, PROBLEM.model, PROBLEM.trainInputs, PROBLEM.testInputs,
                new double[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 values");
        assertThatThrownBy(() -> run.run(chain, PROBLEM.model, PROBLEM.trainInputs, PROBLEM.testInputs, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("together");
        INDArray nan = PROBLEM.trainInputs.dup();
        nan.putScalar(3, 1, Double.NaN);
        assertThatThrownBy(() -> run.run(chain, PROBLEM.model, nan, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> DistilledSgldConfig.builder().burnIn(10).iterations(10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("burnIn");
        assertThatThrownBy(() -> DistilledSgldConfig.builder().learningRate(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> DistilledSgldConfig.builder().learningRate(1e-3).finalLearningRate(2e-3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finalLearningRate");
        assertThatThrownBy(() -> DistilledSgldConfig.builder().weightDecay(-1e-3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weightDecay");
        assertThatThrownBy(() -> DistilledSgldConfig.builder().inputNoise(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputNoise");
        MarkovChain broken = new MarkovChain() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double[] state() {
                return new double[2];
            }

            @Override
            public double[] next() {
                return new double[] {0, Double.NaN};
            }
        };
        assertThatThrownBy(() -> run.run(broken, PROBLEM.model, PROBLEM.trainInputs, null, null))
                .isInstanceOf(DistillationException.class).hasMessageContaining("non-finite");
    }
}
