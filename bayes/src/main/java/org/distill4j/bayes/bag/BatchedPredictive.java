package org.distill4j.bayes.bag;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optional capability of a {@link org.distill4j.bayes.model.PredictiveModel}: averaging its predictive over a
 * whole bag at once, faster than one {@code predictive} call per sample (e.g. one matrix product for linear
 * models). {@link CategoricalPredictive} uses it when the bag's model implements it.
 *
 * <p>Implementations are thread-safe and never modify their arguments.
 */
public interface BatchedPredictive {

    /**
     * {@code (1/S) Σ_s p(y|x,θ_s)} over the bag's samples.
     *
     * @param bag a bag of this model's samples
     * @param inputs {@code [n, inputSize()]}, checked by the caller, finite, contiguous row-major
     * @return a new {@code [n, K]} DOUBLE array
     */
    INDArray averagePredictive(PosteriorBag bag, INDArray inputs);
}
