package org.distill4j.bayes.sampler;

/**
 * Receives progress events of {@link ChainRunner}, one stream per chain. With parallel chains the methods are
 * called from several threads at once, so implementations must be thread-safe. Every method has an empty default.
 * {@link #logging(int)} logs through SLF4J.
 */
public interface SamplingListener {

    /** Chain {@code chain} starts {@code iterations} transitions (warm-up included). */
    default void onStart(int chain, long iterations) {
    }

    /**
     * Chain {@code chain} has done {@code iteration} of {@code iterations} transitions.
     *
     * @param stats the chain's statistics, or null if it is not a {@link ReportingChain}
     */
    default void onProgress(int chain, long iteration, long iterations, ChainStats stats) {
    }

    /** Chain {@code chain} has finished; {@code stats} as in {@link #onProgress}. */
    default void onEnd(int chain, ChainStats stats) {
    }

    /** A listener that does nothing. */
    static SamplingListener none() {
        return new SamplingListener() {
        };
    }

    /**
     * A listener logging (SLF4J, logger {@code org.distill4j.bayes.sampler.ChainRunner}) each chain's start and end
     * at INFO and its progress at INFO every {@code every} iterations (DEBUG otherwise is not emitted).
     *
     * @param every iterations between progress lines, at least 1
     */
    static SamplingListener logging(int every) {
        return new LoggingSamplingListener(every);
    }
}
