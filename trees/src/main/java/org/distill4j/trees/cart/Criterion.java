package org.distill4j.trees.cart;

/**
 * The impurity a split must decrease (Breiman et al. 1984, <i>Classification and Regression Trees</i>). Every
 * criterion works on soft labels: a row's target is a probability vector, a hard label its one-hot vector.
 */
public enum Criterion {

    /**
     * Gini impurity {@code 1 − Σ_k p̄_k²} of the mean class probabilities {@code p̄}; on soft labels its decrease
     * equals the decrease of the summed squared error of the probability vectors.
     */
    GINI,

    /** Entropy {@code −Σ_k p̄_k ln p̄_k} of the mean class probabilities, in nats (information gain). */
    ENTROPY,

    /** The summed per-output variance of vector targets (multi-output squared error), for regression. */
    VARIANCE;

    /** Whether the criterion applies to classification trees. */
    public boolean forClassification() {
        return this != VARIANCE;
    }
}
