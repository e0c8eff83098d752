package org.distill4j.bayes.sampler;

/**
 * A {@link MarkovChain} that reports its acceptance, divergences and cost ({@link ChainStats}); every sampler of
 * this package is one. Not thread-safe, as {@link MarkovChain}.
 */
public interface ReportingChain extends MarkovChain {

    /** A snapshot of the chain's statistics so far. */
    ChainStats stats();
}
