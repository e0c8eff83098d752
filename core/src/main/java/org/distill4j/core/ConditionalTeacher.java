package org.distill4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A teacher that answers the predictive distribution {@code p(y|x)} over {@link #outputSize()} classes for a
 * batch of inputs: a DL4J network, an ensemble averaging its members' probabilities, a bag of posterior samples,
 * a trained student, or any black box.
 *
 * <p>Contract (checked by the {@code ConditionalTeacherContract} of the core test kit): {@link #predict} returns a new
 * array of shape {@code [n, outputSize()]} whose rows are probability vectors (non-negative, summing to 1);
 * it does not modify {@code inputs}; the same inputs give the same outputs; rows are answered independently,
 * so batch order does not matter. Implementations document whether they are thread-safe; every
 * implementation in distill4j is.
 */
public interface ConditionalTeacher extends Teacher {

    /** The number of classes {@code K}. */
    int outputSize();

    /**
     * The predictive probabilities for each row of {@code inputs}.
     *
     * @param inputs {@code [n, inputSize()]}, not modified
     * @return a new caller-owned array {@code [n, outputSize()]} whose rows sum to 1
     */
    INDArray predict(INDArray inputs);
}
