package org.distill4j.bayes.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The likelihood side of a Bayesian model: for one parameter vector {@code θ}, the predictive distribution
 * {@code p(y|x,θ)} of a batch of inputs. A bag of posterior samples averages it over {@code θ} to form the
 * Monte-Carlo posterior predictive {@code p(y|x,D) ≈ (1/S) Σ_s p(y|x,θ_s)} that students imitate
 * (Papamakarios 2015, ch. 3).
 *
 * <p>Thread-safe; never modifies its arguments; returns new caller-owned arrays.
 */
public interface PredictiveModel {

    /** The kind of response, which fixes the meaning of {@link #predictive}'s columns. */
    enum Response {
        /** Classification: {@code predictive} returns {@code [n, K]} class probabilities, rows summing to 1. */
        CATEGORICAL,
        /** Regression with Gaussian noise: {@code predictive} returns {@code [n, 2]}: mean and variance of y. */
        GAUSSIAN
    }

    /** The number of parameters {@code d} of {@code θ}. */
    int parameterDimension();

    /** The number of input features; inputs have shape {@code [n, inputSize()]}. */
    int inputSize();

    /** Which {@link Response} this model predicts. */
    Response response();

    /** The number of classes {@code K} for {@link Response#CATEGORICAL}; 1 for {@link Response#GAUSSIAN}. */
    int outputSize();

    /**
     * The predictive distribution for parameters {@code theta}.
     *
     * @param theta  {@code [parameterDimension()]}, not modified
     * @param inputs {@code [n, inputSize()]}, not modified
     * @return a new array: {@code [n, K]} probabilities, or {@code [n, 2]} mean and variance (see {@link Response})
     */
    INDArray predictive(double[] theta, INDArray inputs);
}
