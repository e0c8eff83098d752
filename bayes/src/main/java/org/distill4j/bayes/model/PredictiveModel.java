package org.distill4j.bayes.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

    /**
     * {@link #predictive(double[], INDArray)} on plain arrays, for callers that evaluate many small batches (Distilled
     * SGLD asks for the targets of a few rows at every step). The default copies through an {@link INDArray}; models
     * whose predictive is a Java loop override it to skip the copies.
     *
     * @param theta  {@code [parameterDimension()]}, not modified
     * @param inputs {@code rows · inputSize()} values, row-major, not modified
     * @param rows   the number of rows, ≥ 1
     * @param out    receives {@code rows · K} probabilities or {@code rows · 2} means and variances, row-major
     * @throws IllegalArgumentException if a length does not match
     */
    default void predictive(double[] theta, double[] inputs, int rows, double[] out) {
        checkNotNull(inputs, "inputs");
        checkNotNull(out, "out");
        checkArgument(rows >= 1 && inputs.length == (long) rows * inputSize(),
                "inputs must hold rows=%s times inputSize=%s values, got %s", rows, inputSize(), inputs.length);
        int cols = response() == Response.GAUSSIAN ? 2 : outputSize();
        checkArgument(out.length >= rows * cols,
                "out must hold at least %s values, got %s", rows * cols, out.length);
        INDArray result = predictive(theta, Nd4j.create(inputs, new long[] {rows, inputSize()},
                DataType.DOUBLE));
        double[] values = result.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        if (values.length != rows * cols) {
            throw new IllegalStateException("the model answered " + values.length + " values for " + rows
                    + " rows, expected " + rows * cols);
        }
        System.arraycopy(values, 0, out, 0, rows * cols);
    }
}
