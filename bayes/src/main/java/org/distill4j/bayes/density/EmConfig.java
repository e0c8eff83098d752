package org.distill4j.bayes.density;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Settings of the EM distillers of a {@link GmmStudent}: batch EM ({@link BatchEmDistiller}) and stepwise, online
 * EM (Cappé &amp; Moulines 2009, <i>On-line expectation–maximization algorithm for latent data models</i>, JRSS B
 * 71(3), with step sizes {@code γ_t = (t + 2)^{−α}}, {@link StepwiseEmDistiller}). Immutable; made by
 * {@link #builder()}, whose {@link Builder#build()} validates every field.
 *
 * @param components the student's number of components {@code K} (the thesis's 3)
 * @param samples batch EM: the number of predictive samples EM fits; stepwise EM: the number of samples consumed
 * @param maxIterations batch EM: the most EM iterations
 * @param tolerance batch EM: stop when the mean log-likelihood improves by less than this
 * @param varianceFloor the smallest variance a component may take, > 0
 * @param stepExponent stepwise EM: {@code α ∈ (0.5, 1]}
 * @param warmup stepwise EM: samples used (then dropped) to initialise the mixture, and before which no M-step runs
 * @param reportEvery stepwise EM: samples per reported "epoch" of the loss curve
 * @param seed the seed every random choice derives from
 */
public record EmConfig(int components, int samples, int maxIterations, double tolerance, double varianceFloor,
        double stepExponent, int warmup, int reportEvery, long seed) {

    /** Default number of components: the thesis's 3. */
    public static final int DEFAULT_COMPONENTS = 3;
    /** Default number of predictive samples. */
    public static final int DEFAULT_SAMPLES = 10_000;
    /** Default most batch-EM iterations. */
    public static final int DEFAULT_MAX_ITERATIONS = 500;
    /** Default convergence tolerance on the mean log-likelihood. */
    public static final double DEFAULT_TOLERANCE = 1e-9;
    /** Default variance floor. */
    public static final double DEFAULT_VARIANCE_FLOOR = 1e-6;
    /** Default stepwise-EM step exponent α (Cappé &amp; Moulines use 0.6). */
    public static final double DEFAULT_STEP_EXPONENT = 0.6;
    /** Default stepwise-EM warm-up. */
    public static final int DEFAULT_WARMUP = 200;
    /** Default samples per reported epoch of stepwise EM. */
    public static final int DEFAULT_REPORT_EVERY = 1000;

    /** Validates; see {@link Builder#build()}. */
    public EmConfig {
        checkArgument(components >= 1, "components must be >= 1, got %s", components);
        checkArgument(samples >= 1, "samples must be >= 1, got %s", samples);
        checkArgument(maxIterations >= 1, "maxIterations must be >= 1, got %s", maxIterations);
        checkArgument(tolerance >= 0 && Double.isFinite(tolerance), "tolerance must be finite and >= 0, got %s",
                tolerance);
        checkArgument(varianceFloor > 0 && Double.isFinite(varianceFloor),
                "varianceFloor must be finite and > 0, got %s", varianceFloor);
        checkArgument(stepExponent > 0.5 && stepExponent <= 1, "stepExponent must be in (0.5, 1], got %s",
                stepExponent);
        checkArgument(warmup >= components, "warmup must be >= components (%s), got %s", components, warmup);
        checkArgument(reportEvery >= 1, "reportEvery must be >= 1, got %s", reportEvery);
    }

    /** A builder with the defaults and seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder().components(components).samples(samples).maxIterations(maxIterations)
                .tolerance(tolerance).varianceFloor(varianceFloor).stepExponent(stepExponent).warmup(warmup)
                .reportEvery(reportEvery).seed(seed);
    }

    /** Builds an {@link EmConfig}. */
    public static final class Builder {
        private int components = DEFAULT_COMPONENTS;
        private int samples = DEFAULT_SAMPLES;
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private double tolerance = DEFAULT_TOLERANCE;
        private double varianceFloor = DEFAULT_VARIANCE_FLOOR;
        private double stepExponent = DEFAULT_STEP_EXPONENT;
        private int warmup = DEFAULT_WARMUP;
        private int reportEvery = DEFAULT_REPORT_EVERY;
        private long seed;

        private Builder() {
        }

        /** The student's number of components. */
        public Builder components(int value) {
            components = value;
            return this;
        }

        /** Samples fitted (batch) or consumed (stepwise). */
        public Builder samples(int value) {
            samples = value;
            return this;
        }

        /** The most batch-EM iterations. */
        public Builder maxIterations(int value) {
            maxIterations = value;
            return this;
        }

        /** Batch-EM convergence tolerance on the mean log-likelihood. */
        public Builder tolerance(double value) {
            tolerance = value;
            return this;
        }

        /** The smallest component variance. */
        public Builder varianceFloor(double value) {
            varianceFloor = value;
            return this;
        }

        /** Stepwise-EM step exponent α in (0.5, 1]. */
        public Builder stepExponent(double value) {
            stepExponent = value;
            return this;
        }

        /** Stepwise-EM warm-up samples. */
        public Builder warmup(int value) {
            warmup = value;
            return this;
        }

        /** Stepwise-EM samples per reported epoch. */
        public Builder reportEvery(int value) {
            reportEvery = value;
            return this;
        }

        /** The seed. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public EmConfig build() {
            return new EmConfig(components, samples, maxIterations, tolerance, varianceFloor, stepExponent, warmup,
                    reportEvery, seed);
        }
    }
}
