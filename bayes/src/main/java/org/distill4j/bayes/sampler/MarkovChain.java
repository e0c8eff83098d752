package org.distill4j.bayes.sampler;

/**
 * A Markov chain over parameter vectors whose stationary distribution is a posterior: HMC, slice sampling,
 * SGLD. Online distillation (Papamakarios 2015, arXiv:1510.02437, ch. 3) advances a chain while the student
 * trains and keeps nothing but its current state.
 *
 * <p>Not thread-safe: a chain is a sequence of states; run several chains for parallelism.
 */
public interface MarkovChain {

    /** The dimension {@code d} of the states. */
    int dimension();

    /** A copy of the current state {@code [d]}. */
    double[] state();

    /**
     * Performs one transition of the chain.
     *
     * @return a copy of the new state {@code [d]}
     */
    double[] next();
}
