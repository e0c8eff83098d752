package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Configuration of {@link Sgld}: the step-size schedule {@code ε_t = a (b + t)^{−γ}} (Welling &amp; Teh 2011,
 * ICML, §3: γ ∈ (0.5, 1] makes Σε_t = ∞ and Σε_t² &lt; ∞; γ = 0 gives a constant step as used by Bayesian Dark
 * Knowledge), the minibatch size and the seed. Immutable; made by {@link #builder()}.
 *
 * @param a         scale a, finite and > 0
 * @param b         offset b ≥ 0 (with b = 0, t starts at 1)
 * @param gamma     decay exponent γ in [0, 1]
 * @param batchSize rows per minibatch, ≥ 1 (capped at the data size)
 * @param seed      the seed of the minibatches and the injected noise
 */
public record SgldConfig(double a, double b, double gamma, int batchSize, long seed) {

    /** A builder with defaults: a = 1e-4, b = 1, γ = 0.55, 100 rows per batch, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** The step size at iteration t (0-based). */
    public double stepSize(long t) {
        return a * Math.pow(b + t + (b == 0 ? 1 : 0), -gamma);
    }

    /** Builder of {@link SgldConfig}; not thread-safe. */
    public static final class Builder {
        private double a = 1e-4;
        private double b = 1;
        private double gamma = 0.55;
        private int batchSize = 100;
        private long seed;

        private Builder() {
        }

        /** The schedule {@code a (b + t)^{−γ}}. */
        public Builder schedule(double a, double b, double gamma) {
            this.a = a;
            this.b = b;
            this.gamma = gamma;
            return this;
        }

        /** A constant step size ε (γ = 0). */
        public Builder constantStepSize(double epsilon) {
            return schedule(epsilon, 1, 0);
        }

        /** Rows per minibatch. */
        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /** The seed. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Validates and builds. */
        public SgldConfig build() {
            checkArgument(a > 0 && Double.isFinite(a), "step size scale a must be finite and > 0, got %s", a);
            checkArgument(b >= 0 && Double.isFinite(b), "step size offset b must be finite and >= 0, got %s", b);
            checkArgument(gamma >= 0 && gamma <= 1, "step size exponent gamma must be in [0, 1], got %s", gamma);
            checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
            return new SgldConfig(a, b, gamma, batchSize, seed);
        }
    }
}
