package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Configuration of {@link Hmc}: leapfrog steps, initial step size, dual-averaging step-size adaptation
 * (Hoffman &amp; Gelman 2014, <i>The No-U-Turn Sampler</i>, JMLR 15, Algorithm 5: γ = 0.05, t₀ = 10, κ = 0.75,
 * μ = log(10 ε₀), target acceptance δ = 0.8), a diagonal mass matrix estimated in warm-up windows (Stan's
 * windowed adaptation), the warm-up length and the seed. Immutable; made by {@link #builder()}, all validation in
 * {@link Builder#build()}.
 *
 * @param leapfrogSteps    L, gradient evaluations per proposal, at least 1
 * @param stepSize         ε₀, the initial (or, without adaptation, the fixed) step size, finite and > 0
 * @param warmup           adaptation iterations: while {@code iterations < warmup} the step size (and mass
 *                         matrix) adapt; afterwards ε is fixed at the dual-averaged value
 * @param adaptStepSize    whether to adapt ε by dual averaging during warm-up
 * @param massMatrix       identity, or a diagonal estimated during warm-up
 * @param targetAcceptance δ in (0, 1)
 * @param gamma            dual-averaging γ > 0
 * @param t0               dual-averaging t₀ ≥ 0
 * @param kappa            dual-averaging κ in (0.5, 1]
 * @param seed             seed of the momenta and accept draws: the same seed (and start) gives the same chain
 */
public record HmcConfig(int leapfrogSteps, double stepSize, int warmup, boolean adaptStepSize, MassMatrix massMatrix,
        double targetAcceptance, double gamma, double t0, double kappa, long seed) {

    /** How the mass matrix is chosen. */
    public enum MassMatrix {
        /** M = I throughout. */
        IDENTITY,
        /** Diagonal M⁻¹ = regularised variance of the warm-up draws, re-estimated in doubling windows. */
        DIAGONAL
    }

    /** Hoffman &amp; Gelman's default target acceptance δ. */
    public static final double DEFAULT_TARGET_ACCEPTANCE = 0.8;
    /** Hoffman &amp; Gelman's γ. */
    public static final double DEFAULT_GAMMA = 0.05;
    /** Hoffman &amp; Gelman's t₀. */
    public static final double DEFAULT_T0 = 10;
    /** Hoffman &amp; Gelman's κ. */
    public static final double DEFAULT_KAPPA = 0.75;

    /** A builder with defaults: L = 20, ε₀ = 0.1, 1000 warm-up iterations, adapted ε, diagonal mass, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        return new Builder().leapfrogSteps(leapfrogSteps).stepSize(stepSize).warmup(warmup)
                .adaptStepSize(adaptStepSize).massMatrix(massMatrix).targetAcceptance(targetAcceptance)
                .dualAveraging(gamma, t0, kappa).seed(seed);
    }

    /** Builder of {@link HmcConfig}; not thread-safe. */
    public static final class Builder {
        private int leapfrogSteps = 20;
        private double stepSize = 0.1;
        private int warmup = 1000;
        private boolean adaptStepSize = true;
        private MassMatrix massMatrix = MassMatrix.DIAGONAL;
        private double targetAcceptance = DEFAULT_TARGET_ACCEPTANCE;
        private double gamma = DEFAULT_GAMMA;
        private double t0 = DEFAULT_T0;
        private double kappa = DEFAULT_KAPPA;
        private long seed;

        private Builder() {
        }

        /** L, the leapfrog steps per proposal (default 20). */
        public Builder leapfrogSteps(int steps) {
            this.leapfrogSteps = steps;
            return this;
        }

        /** ε₀ (default 0.1). */
        public Builder stepSize(double epsilon) {
            this.stepSize = epsilon;
            return this;
        }

        /** The number of adaptation iterations (default 1000; 0 disables adaptation). */
        public Builder warmup(int iterations) {
            this.warmup = iterations;
            return this;
        }

        /** Whether ε is adapted by dual averaging during warm-up (default true). */
        public Builder adaptStepSize(boolean adapt) {
            this.adaptStepSize = adapt;
            return this;
        }

        /** The mass matrix (default {@link MassMatrix#DIAGONAL}). */
        public Builder massMatrix(MassMatrix m) {
            this.massMatrix = m;
            return this;
        }

        /** δ, the target acceptance of dual averaging (default 0.8). */
        public Builder targetAcceptance(double delta) {
            this.targetAcceptance = delta;
            return this;
        }

        /** The dual-averaging constants γ, t₀, κ (defaults 0.05, 10, 0.75). */
        public Builder dualAveraging(double gamma, double t0, double kappa) {
            this.gamma = gamma;
            this.t0 = t0;
            this.kappa = kappa;
            return this;
        }

        /** The seed (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Validates and builds. */
        public HmcConfig build() {
            checkArgument(leapfrogSteps >= 1, "leapfrogSteps must be >= 1, got %s", leapfrogSteps);
            checkArgument(stepSize > 0 && Double.isFinite(stepSize), "stepSize must be finite and > 0, got %s",
                    stepSize);
            checkArgument(warmup >= 0, "warmup must be >= 0, got %s", warmup);
            checkArgument(massMatrix != null, "massMatrix must not be null");
            checkArgument(targetAcceptance > 0 && targetAcceptance < 1, "targetAcceptance must be in (0, 1), got %s",
                    targetAcceptance);
            checkArgument(gamma > 0 && Double.isFinite(gamma), "gamma must be finite and > 0, got %s", gamma);
            checkArgument(t0 >= 0 && Double.isFinite(t0), "t0 must be finite and >= 0, got %s", t0);
            checkArgument(kappa > 0.5 && kappa <= 1, "kappa must be in (0.5, 1], got %s", kappa);
            return new HmcConfig(leapfrogSteps, stepSize, warmup, adaptStepSize, massMatrix, targetAcceptance, gamma,
                    t0, kappa, seed);
        }
    }
}
