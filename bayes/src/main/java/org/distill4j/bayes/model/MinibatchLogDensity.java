package org.distill4j.bayes.model;

/**
 * A log-posterior over {@link #dataSize()} independent observations whose likelihood can be estimated from a
 * minibatch: the unbiased estimate {@code log p(θ) + (N/n) Σ_{i∈batch} log p(x_i|θ)} used by stochastic-gradient
 * Langevin dynamics (Welling &amp; Teh 2011; Korattikara et al., <i>Bayesian Dark Knowledge</i>, NIPS 2015).
 *
 * <p>Thread-safety and ownership as {@link LogDensity}.
 */
public interface MinibatchLogDensity extends LogDensity {

    /** The number of observations {@code N} in the full data set. */
    int dataSize();

    /**
     * The minibatch estimate of the log-posterior and of its gradient.
     *
     * @param theta    {@code [d]}, not modified
     * @param rows     indices in {@code [0, dataSize())} of the minibatch, not modified
     * @param gradient {@code [d]} receiving the estimated gradient, or {@code null}
     * @return the estimated log-density
     */
    double logDensity(double[] theta, int[] rows, double[] gradient);
}
