package org.distill4j.bayes.regression;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.model.PredictiveModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Monte-Carlo posterior predictive of a bag of samples of a Gaussian-response {@link PredictiveModel}:
 * {@code p(y|x,D) ≈ (1/S) Σ_s N(y; μ_s(x), σ_s²(x))}, a mixture of {@code S} Gaussians per input (Korattikara et
 * al., <i>Bayesian Dark Knowledge</i>, NIPS 2015; Papamakarios 2015, arXiv:1510.02437, ch. 3).
 *
 * <p>{@link #moments} answers the mixture's mean {@code m = mean_s μ_s} and variance
 * {@code v = mean_s(σ_s² + μ_s²) − m²} (what a Gaussian student matches); {@link #logPredictiveDensity} answers
 * {@code log mean_s N(y; μ_s, σ_s²)} of held-out targets, the test log-likelihood of the papers.
 *
 * <p>Immutable and thread-safe (the bag is immutable). Each call evaluates the model once per sample.
 */
public final class GaussianPredictive implements GaussianTeacher {

    private final PosteriorBag bag;

    private GaussianPredictive(PosteriorBag bag) {
        this.bag = bag;
    }

    /**
     * The predictive of {@code bag}.
     *
     * @throws IllegalArgumentException if the bag's model does not have a {@link PredictiveModel.Response#GAUSSIAN}
     *     response
     */
    public static GaussianPredictive of(PosteriorBag bag) {
        checkNotNull(bag, "bag");
        checkArgument(bag.model().response() == PredictiveModel.Response.GAUSSIAN,
                "the bag's model must have a GAUSSIAN response, got %s", bag.model().response());
        return new GaussianPredictive(bag);
    }

    /** The bag. */
    public PosteriorBag bag() {
        return bag;
    }

    @Override
    public int inputSize() {
        return bag.inputSize();
    }

    @Override
    public INDArray moments(INDArray inputs) {
        double[][] perSample = perSample(inputs);
        int n = perSample[0].length / 2;
        int s = perSample.length;
        double[] out = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            double second = 0;
            for (double[] p : perSample) {
                double mu = p[2 * i];
                mean += mu / s;
                second += (p[2 * i + 1] + mu * mu) / s;
            }
            out[2 * i] = mean;
            out[2 * i + 1] = Math.max(second - mean * mean, Double.MIN_NORMAL);
        }
        return Nd4j.create(out, new long[] {n, 2}, DataType.DOUBLE);
    }

    /**
     * {@code log p(y_i | x_i, D) = log mean_s N(y_i; μ_s(x_i), σ_s²(x_i))} per row.
     *
     * @param inputs {@code [n, inputSize()]}, finite
     * @param targets {@code [n]}, finite
     * @return a new {@code [n]} array
     */
    public double[] logPredictiveDensity(INDArray inputs, double[] targets) {
        double[][] perSample = perSample(inputs);
        double[] y = RegressionInputs.targets(targets, inputs.rows(), "targets");
        OnlinePredictiveAverage average = new OnlinePredictiveAverage(y);
        for (double[] p : perSample) {
            average.add(p);
        }
        return average.logPredictiveDensities();
    }

    /** The mean of {@link #logPredictiveDensity} over the rows: the average test log-likelihood. */
    public double meanLogLikelihood(INDArray inputs, double[] targets) {
        double sum = 0;
        double[] lp = logPredictiveDensity(inputs, targets);
        for (double v : lp) {
            sum += v;
        }
        return sum / lp.length;
    }

    /** Each sample's {@code [n, 2]} predictive, row-major, checked finite with positive variances. */
    private double[][] perSample(INDArray inputs) {
        RegressionInputs.rows(inputs, inputSize(), "inputs");
        double[][] out = new double[bag.size()][];
        for (int s = 0; s < bag.size(); s++) {
            out[s] = bag.model().predictive(bag.sample(s), inputs).castTo(DataType.DOUBLE).dup('c').data()
                    .asDouble();
            OnlinePredictiveAverage.checkPredictive(out[s], inputs.rows());
        }
        return out;
    }
}
