package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * How {@link ChainRunner} runs chains: {@code warmup} transitions discarded, then {@code draws · thin} transitions
 * of which every {@code thin}-th is kept, chains on up to {@code threads} threads, progress to a listener every
 * {@code progressEvery} iterations. Immutable; made by {@link #builder()}. For {@link Hmc} the runner's warm-up
 * should be at least the chain's own adaptation warm-up ({@link HmcConfig#warmup()}), so that no draw made
 * while adapting is kept.
 *
 * @param warmup        discarded transitions, ≥ 0 (default 1000)
 * @param draws         kept draws per chain, ≥ 1 (default 1000)
 * @param thin          keep every thin-th transition, ≥ 1 (default 1)
 * @param threads       threads running chains in parallel, ≥ 1 (default 1); the draws do not depend on it
 * @param progressEvery iterations between {@link SamplingListener#onProgress} calls, ≥ 1 (default 100)
 * @param listener      progress receiver (default {@link SamplingListener#none()})
 */
public record RunConfig(int warmup, int draws, int thin, int threads, int progressEvery, SamplingListener listener) {

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link RunConfig}; not thread-safe. */
    public static final class Builder {
        private int warmup = 1000;
        private int draws = 1000;
        private int thin = 1;
        private int threads = 1;
        private int progressEvery = 100;
        private SamplingListener listener = SamplingListener.none();

        private Builder() {
        }

        /** Discarded transitions. */
        public Builder warmup(int n) {
            this.warmup = n;
            return this;
        }

        /** Kept draws per chain. */
        public Builder draws(int n) {
            this.draws = n;
            return this;
        }

        /** Thinning: keep every n-th transition. */
        public Builder thin(int n) {
            this.thin = n;
            return this;
        }

        /** Threads for parallel chains. */
        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        /** Progress period and receiver. */
        public Builder listener(SamplingListener l, int every) {
            this.listener = l;
            this.progressEvery = every;
            return this;
        }

        /** Validates and builds. */
        public RunConfig build() {
            checkArgument(warmup >= 0, "warmup must be >= 0, got %s", warmup);
            checkArgument(draws >= 1, "draws must be >= 1, got %s", draws);
            checkArgument(thin >= 1, "thin must be >= 1, got %s", thin);
            checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
            checkArgument(progressEvery >= 1, "progressEvery must be >= 1, got %s", progressEvery);
            checkNotNull(listener, "listener");
            return new RunConfig(warmup, draws, thin, threads, progressEvery, listener);
        }
    }
}
