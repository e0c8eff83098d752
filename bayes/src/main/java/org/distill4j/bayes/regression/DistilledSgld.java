package org.distill4j.bayes.regression;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.distill4j.bayes.model.PredictiveModel;
import org.distill4j.bayes.sampler.MarkovChain;
import org.distill4j.core.DistillationException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distilled SGLD (Korattikara, Rathod, Murphy &amp; Welling, <i>Bayesian Dark Knowledge</i>, NIPS 2015,
 * Algorithm 1) for Gaussian regression: every iteration advances the teacher chain by one transition (an SGLD step
 * on a minibatch, or any {@link MarkovChain}); after burn-in, every {@code H} iterations the student takes one
 * Adam step on {@code M} training inputs perturbed by Gaussian noise, {@code x' = x + ε} (one scale, or a scale
 * drawn per row from a range), with the single-sample target {@code N(μ_θ(x'), σ_θ²(x'))} of the chain's current
 * state {@code θ} — an unbiased estimate of the gradient of {@code KL(p(y|x',D) ‖ S(y|x'))} up to the teacher's
 * entropy. Nothing but the chain's state is kept: the
 * teacher's test log-likelihood is a running average of predictive densities on the test points
 * ({@link OnlinePredictiveAverage}), as in the paper.
 *
 * <p>A chain that moves slowly (SGLD with a small step) stays in one region of the posterior for thousands of
 * iterations, and a student fitted to its current state follows that region: its predictive variance misses the
 * spread between regions. With {@link DistilledSgldConfig#reservoirSize()} {@code R > 0} a uniform reservoir of
 * {@code R} past states is kept ({@link StateReservoir}) and each input's target comes from a state drawn from the
 * reservoir and the current state — still a single-sample target, now of the whole post-burn-in chain rather than
 * of its recent stretch; the memory grows by {@code R} states. Optionally the returned student is the average of its
 * parameters over the last steps ({@link DistilledSgldConfig#averageLast()}; Polyak &amp; Juditsky 1992), which
 * smooths the noise of single-sample targets.
 *
 * <p>Thread-safe: holds only its configuration; {@link #run} advances the given chain, which must not be shared.
 */
public final class DistilledSgld {

    private static final Logger LOG = LoggerFactory.getLogger(DistilledSgld.class);

    /** Mixed into the seed for the reservoir's own stream, so the student's stream is the same with or without. */
    private static final long RESERVOIR_STREAM = 0x5DEECE66DL;

    private final DistilledSgldConfig config;

    /** @param config iterations, burn-in, thinning, student batch, input noise, student, seed */
    public DistilledSgld(DistilledSgldConfig config) {
        this.config = checkNotNull(config, "config");
    }

    /** The configuration. */
    public DistilledSgldConfig config() {
        return config;
    }

    /**
     * Runs Algorithm 1.
     *
     * @param chain the teacher chain over {@code model}'s parameters; advanced {@code iterations} times
     * @param model a {@link PredictiveModel.Response#GAUSSIAN} model, whose {@code predictive(θ, x)} is the target
     * @param trainInputs {@code [N, p]} the inputs perturbed for the student; not modified
     * @param testInputs {@code [n, p]} held-out inputs, or {@code null} for no evaluation
     * @param testTargets {@code [n]} held-out targets, or {@code null} with {@code testInputs}
     * @throws IllegalArgumentException for a non-Gaussian model, mismatched dimensions or non-finite data
     * @throws DistillationException if the chain throws or returns a non-finite state, or the loss is not finite
     */
    public DistilledSgldResult run(MarkovChain chain, PredictiveModel model, INDArray trainInputs,
            INDArray testInputs, double[] testTargets) {
        checkNotNull(chain, "chain");
        checkNotNull(model, "model");
        checkArgument(model.response() == PredictiveModel.Response.GAUSSIAN,
                "the model must have a GAUSSIAN response, got %s", model.response());
        int d = model.parameterDimension();
        checkArgument(chain.dimension() == d, "the chain has dimension %s but the model has parameterDimension %s",
                chain.dimension(), d);
        int p = model.inputSize();
        double[] x = RegressionInputs.rows(trainInputs, p, "trainInputs");
        int n = x.length / p;
        checkArgument((testInputs == null) == (testTargets == null),
                "testInputs and testTargets must be given together or both be null");
        OnlinePredictiveAverage teacherAverage = null;
        if (testInputs != null) {
            RegressionInputs.rows(testInputs, p, "testInputs");
            teacherAverage = new OnlinePredictiveAverage(RegressionInputs.targets(testTargets, testInputs.rows(),
                    "testTargets"));
        }
        SplittableRandom rng = new SplittableRandom(config.seed());
        GaussianRegressionStudent start = GaussianRegressionStudent.initialize(p, config.hidden(), rng.nextLong());
        GaussianRegressionTraining training = new GaussianRegressionTraining(start, config.learningRate());
        int m = config.studentBatch();
        double[] batch = new double[m * p];
        double[] mean = new double[m];
        double[] variance = new double[m];
        List<Integer> iterations = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Double> teacherCurve = new ArrayList<>();
        List<Double> studentCurve = new ArrayList<>();
        long studentSteps = 0;
        double lossSum = 0;
        int lossCount = 0;
        double lastFinite = Double.NaN;
        long plannedSteps = Math.max(1, (config.iterations() - config.burnIn()) / config.thinning());
        double decay = Math.log(config.finalLearningRate() / config.learningRate()) / Math.max(1, plannedSteps - 1);
        long averageFrom = plannedSteps - (long) Math.floor(config.averageLast() * plannedSteps);
        double[] average = config.averageLast() > 0 ? new double[(int) start.parameterCount()] : null;
        long averaged = 0;
        StateReservoir reservoir = config.reservoirSize() == 0 ? null
                : new StateReservoir(config.reservoirSize(), d, config.seed() ^ RESERVOIR_STREAM);
        for (int t = 1; t <= config.iterations(); t++) {
            double[] theta = advance(chain, d, t);
            if (t <= config.burnIn()) {
                continue;
            }
            int after = t - config.burnIn();
            if (reservoir != null && after % config.reservoirEvery() == 0) {
                reservoir.offer(theta);
            }
            if (teacherAverage != null && after % config.teacherEvery() == 0) {
                teacherAverage.add(predictive(model, theta, testInputs));
            }
            if (after % config.thinning() == 0) {
                for (int j = 0; j < m; j++) {
                    int row = rng.nextInt(n);
                    double scale = config.inputNoise();
                    if (config.minInputNoise() < scale) {
                        scale = config.minInputNoise() + (scale - config.minInputNoise()) * rng.nextDouble();
                    }
                    for (int k = 0; k < p; k++) {
                        batch[j * p + k] = x[row * p + k] + scale * GaussianMlp.gaussian(rng);
                    }
                }
                if (reservoir == null) {
                    targets(model, theta, batch, 0, m, p, mean, variance);
                } else {
                    int draws = config.reservoirDraws();
                    for (int g = 0; g < draws; g++) {
                        int from = g * m / draws;
                        targets(model, reservoir.draw(theta), batch, from, (g + 1) * m / draws, p, mean, variance);
                    }
                }
                double rate = config.learningRate() * Math.exp(decay * studentSteps);
                double loss = training.step(batch, m, mean, variance, rate, config.weightDecay());
                if (!Double.isFinite(loss)) {
                    throw new DistillationException("the student's loss became " + loss + "; last finite loss was "
                            + lastFinite, -1, t, null);
                }
                lastFinite = loss;
                lossSum += loss;
                lossCount++;
                studentSteps++;
                if (average != null && studentSteps > averageFrom) {
                    training.addParametersTo(average);
                    averaged++;
                }
            }
            if (after % config.reportEvery() == 0 || t == config.iterations()) {
                iterations.add(t);
                losses.add(lossCount == 0 ? Double.NaN : lossSum / lossCount);
                lossSum = 0;
                lossCount = 0;
                if (teacherAverage != null) {
                    teacherCurve.add(teacherAverage.count() == 0 ? Double.NaN : teacherAverage.meanLogLikelihood());
                    studentCurve.add(training.snapshot().meanLogLikelihood(testInputs, testTargets));
                }
                LOG.debug("distilled SGLD: iteration {}, student loss {}", t, losses.get(losses.size() - 1));
            }
        }
        GaussianRegressionStudent student = training.snapshot();
        if (averaged > 0) {
            for (int i = 0; i < average.length; i++) {
                average[i] /= averaged;
            }
            student = GaussianRegressionStudent.of(training.layerSizes(), average);
        }
        double teacherLl = teacherAverage == null || teacherAverage.count() == 0 ? Double.NaN
                : teacherAverage.meanLogLikelihood();
        double studentLl = testInputs == null ? Double.NaN : student.meanLogLikelihood(testInputs, testTargets);
        long stored = 8L * d * (1 + (reservoir == null ? 0 : config.reservoirSize()))
                + (average == null ? 3 : 4) * student.memoryBytes()
                + (testInputs == null ? 0 : 16L * testInputs.rows());
        LOG.info("distilled SGLD: {} chain steps, {} student steps, test log-likelihood teacher {} student {}",
                config.iterations(), studentSteps, teacherLl, studentLl);
        return new DistilledSgldResult(student, teacherLl, studentLl, config.iterations(), studentSteps,
                teacherAverage == null ? 0 : teacherAverage.count(), stored, iterations, losses, teacherCurve,
                studentCurve);
    }

    /** Fills {@code mean} and {@code variance} for rows {@code [from, to)} of {@code batch} from state θ. */
    private static void targets(PredictiveModel model, double[] theta, double[] batch, int from, int to, int p,
            double[] mean, double[] variance) {
        int rows = to - from;
        double[] target = new double[2 * rows];
        model.predictive(theta, from == 0 && to * p == batch.length ? batch
                : Arrays.copyOfRange(batch, from * p, to * p), rows, target);
        OnlinePredictiveAverage.checkPredictive(target, rows);
        for (int j = 0; j < rows; j++) {
            mean[from + j] = target[2 * j];
            variance[from + j] = target[2 * j + 1];
        }
    }

    private static double[] advance(MarkovChain chain, int d, int t) {
        double[] theta;
        try {
            theta = chain.next();
        } catch (RuntimeException e) {
            throw new DistillationException("advancing the teacher chain failed: " + e, -1, t, e);
        }
        if (theta == null || theta.length != d) {
            throw new DistillationException("the chain returned a state of length "
                    + (theta == null ? "null" : theta.length) + ", expected " + d, -1, t, null);
        }
        for (double v : theta) {
            if (!Double.isFinite(v)) {
                throw new DistillationException("the chain returned a non-finite state", -1, t, null);
            }
        }
        return theta;
    }

    private static double[] predictive(PredictiveModel model, double[] theta, INDArray inputs) {
        double[] out = model.predictive(theta, inputs).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        OnlinePredictiveAverage.checkPredictive(out, inputs.rows());
        return out;
    }
}
