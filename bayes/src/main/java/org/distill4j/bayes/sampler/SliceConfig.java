package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Configuration of {@link SliceSampler}: the initial interval width w, the maximum number of stepping-out steps
 * m (Neal 2003, <i>Slice sampling</i>, Ann. Statist. 31(3), Fig. 3), the maximum number of shrinkage steps before
 * the update is abandoned, and the seed. Immutable; made by {@link #builder()}.
 *
 * @param width         w, finite and > 0 (default 1)
 * @param maxStepsOut   m ≥ 0 (default 50); 0 means no stepping out
 * @param maxShrinks    shrinkage steps before a coordinate update is abandoned and counted as divergent (default 200)
 * @param seed          the seed (default 0)
 */
public record SliceConfig(double width, int maxStepsOut, int maxShrinks, long seed) {

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link SliceConfig}; not thread-safe. */
    public static final class Builder {
        private double width = 1.0;
        private int maxStepsOut = 50;
        private int maxShrinks = 200;
        private long seed;

        private Builder() {
        }

        /** w, the initial width of the interval around the current coordinate. */
        public Builder width(double w) {
            this.width = w;
            return this;
        }

        /** m, the limit on stepping-out steps (Neal's m). */
        public Builder maxStepsOut(int m) {
            this.maxStepsOut = m;
            return this;
        }

        /** The limit on shrinkage steps per coordinate update. */
        public Builder maxShrinks(int n) {
            this.maxShrinks = n;
            return this;
        }

        /** The seed. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Validates and builds. */
        public SliceConfig build() {
            checkArgument(width > 0 && Double.isFinite(width), "width must be finite and > 0, got %s", width);
            checkArgument(maxStepsOut >= 0, "maxStepsOut must be >= 0, got %s", maxStepsOut);
            checkArgument(maxShrinks >= 1, "maxShrinks must be >= 1, got %s", maxShrinks);
            return new SliceConfig(width, maxStepsOut, maxShrinks, seed);
        }
    }
}
