package org.distill4j.bayes.regression;

import org.distill4j.core.Teacher;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A teacher whose answer to an input is a distribution over a real response summarised by its mean and variance:
 * the Monte-Carlo predictive of a bag ({@link GaussianPredictive}, a Gaussian mixture) or a Gaussian student
 * ({@link GaussianRegressionStudent}). Those two moments are all that the Gaussian student's loss
 * {@code E_{y~p}[−log N(y; μ, e^α)] = ½ log 2π + ½α + ((m − μ)² + v)/(2e^α)} needs (Korattikara et al., NIPS 2015).
 *
 * <p>Implementations are thread-safe and never modify their inputs.
 */
public interface GaussianTeacher extends Teacher {

    /**
     * The mean and variance of the response for each row.
     *
     * @param inputs {@code [n, inputSize()]}, finite, not modified
     * @return a new DOUBLE array {@code [n, 2]}: column 0 the mean, column 1 the variance (> 0)
     */
    INDArray moments(INDArray inputs);
}
