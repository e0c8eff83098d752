package org.distill4j.generative.ais;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * How {@link AnnealedImportanceSampling} runs: the number of independent runs (chains, vectorised together), the
 * schedule of inverse temperatures, the seed, and the arithmetic type. Defaults are Salakhutdinov and Murray
 * (2008)'s: 100 runs, their 14,503-temperature schedule, DOUBLE (as {@code rbm_ais.py}; FLOAT is faster but the
 * log-weights, sums of 14,500 increments, then carry errors of order 0.01–0.1 nats).
 *
 * <p>Immutable; made by {@link #builder()}, which validates in {@link Builder#build()}.
 *
 * @param runs independent AIS runs, at least 2 (for the standard error)
 * @param schedule the inverse temperatures
 * @param seed the seed of every draw
 * @param dataType DOUBLE (default) or FLOAT, the type of the Gibbs sweeps; log-weights are always double
 */
public record AisConfig(int runs, AisSchedule schedule, long seed, DataType dataType) {

    /** Salakhutdinov and Murray's number of runs. */
    public static final int DEFAULT_RUNS = 100;

    /** Validates every field. */
    public AisConfig {
        checkArgument(runs >= 2, "runs must be >= 2, got %s", runs);
        checkNotNull(schedule, "schedule");
        checkArgument(dataType == DataType.DOUBLE || dataType == DataType.FLOAT,
                "dataType must be DOUBLE or FLOAT, got %s", dataType);
    }

    /** A builder with the defaults: 100 runs, Salakhutdinov and Murray's schedule, seed 0, DOUBLE. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        return new Builder().runs(runs).schedule(schedule).seed(seed).dataType(dataType);
    }

    /** Builds {@link AisConfig}. */
    public static final class Builder {
        private int runs = DEFAULT_RUNS;
        private AisSchedule schedule = AisSchedule.salakhutdinovMurray();
        private long seed;
        private DataType dataType = DataType.DOUBLE;

        private Builder() {
        }

        /** Independent runs. */
        public Builder runs(int value) {
            this.runs = value;
            return this;
        }

        /** The inverse temperatures. */
        public Builder schedule(AisSchedule value) {
            this.schedule = value;
            return this;
        }

        /** The seed. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The arithmetic type of the sweeps. */
        public Builder dataType(DataType value) {
            this.dataType = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field
         */
        public AisConfig build() {
            return new AisConfig(runs, schedule, seed, dataType);
        }
    }
}
