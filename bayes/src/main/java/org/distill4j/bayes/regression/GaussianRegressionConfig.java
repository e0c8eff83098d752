package org.distill4j.bayes.regression;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.distill4j.core.distill.TrainingSettings;

/**
 * Settings of {@link GaussianRegressionDistiller}: the loop ({@link TrainingSettings}: epochs, batch size, seed;
 * validation and certificates do not apply to Gaussian teachers and must be 0), the student's hidden widths and
 * Adam's learning rate. Immutable; made by {@link #builder()}, validated in {@link Builder#build()}.
 *
 * @param training the loop settings
 * @param hidden the student's hidden layer widths (BDK's Boston student: one layer of 50)
 * @param learningRate Adam's step size, finite and > 0
 */
public record GaussianRegressionConfig(TrainingSettings training, int[] hidden, double learningRate) {

    /** Default hidden layers: one of 50 units, as in Bayesian Dark Knowledge's Boston experiment. */
    public static final int[] DEFAULT_HIDDEN = {50};
    /** Default Adam learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /** Validates and copies. */
    public GaussianRegressionConfig {
        checkNotNull(training, "training");
        checkArgument(training.validationSize() == 0 && training.certificateSize() == 0,
                "validation and certificate sizes must be 0 for Gaussian teachers (no class agreement to score), got "
                        + "%s and %s", training.validationSize(), training.certificateSize());
        checkNotNull(hidden, "hidden");
        hidden = hidden.clone();
        for (int h : hidden) {
            checkArgument(h >= 1, "hidden widths must be >= 1, got %s", Arrays.toString(hidden));
        }
        checkArgument(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be finite and > 0, got %s",
                learningRate);
    }

    /** The hidden widths (a copy). */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** A builder with the defaults: 10 epochs, batch 20, seed 0, one hidden layer of 50, learning rate 1e-3. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "GaussianRegressionConfig{training=" + training + ", hidden=" + Arrays.toString(hidden)
                + ", learningRate=" + learningRate + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianRegressionConfig c && c.training.equals(training)
                && Arrays.equals(c.hidden, hidden) && c.learningRate == learningRate;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * training.hashCode() + Arrays.hashCode(hidden)) + Double.hashCode(learningRate);
    }

    /** Builds a {@link GaussianRegressionConfig}. */
    public static final class Builder {
        private TrainingSettings training = TrainingSettings.builder().heldOut(0, 0).build();
        private int[] hidden = DEFAULT_HIDDEN;
        private double learningRate = DEFAULT_LEARNING_RATE;

        private Builder() {
        }

        /** The loop settings (held-out sizes must be 0). */
        public Builder training(TrainingSettings value) {
            training = value;
            return this;
        }

        /** The hidden widths. */
        public Builder hidden(int... value) {
            hidden = value;
            return this;
        }

        /** Adam's learning rate. */
        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public GaussianRegressionConfig build() {
            return new GaussianRegressionConfig(training, hidden, learningRate);
        }
    }
}
