package org.distill4j.bayes.model;

/**
 * An unnormalised log-density over a flat parameter vector {@code θ ∈ R^d} with its gradient: the log-posterior
 * {@code log p(D|θ) + log p(θ) + const} that a sampler explores (Papamakarios 2015, arXiv:1510.02437, ch. 3).
 *
 * <p>Implementations work on plain {@code double[]}: the models of this module are small, and a JIT-compiled
 * loop over a few thousand numbers beats a chain of native calls. They never modify {@code theta}, and are
 * thread-safe when they hold no per-call state (every implementation in distill4j is).
 */
public interface LogDensity {

    /** The number of parameters {@code d}. */
    int dimension();

    /**
     * The log-density at {@code theta}, up to an additive constant.
     *
     * @param theta    {@code [d]}, not modified
     * @param gradient {@code [d]} receiving {@code ∇ log p(θ)}, or {@code null} when only the value is needed
     * @return the log-density; {@code -∞} outside the support, NaN only if the model itself broke down
     */
    double logDensity(double[] theta, double[] gradient);
}
