package org.distill4j.bayes.student;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.core.distill.TrainingSettings;

/**
 * The configuration of {@link MixtureDistiller} (and of the online distiller's mixture student): the number of
 * components (the thesis distils a chain into {@value #DEFAULT_COMPONENTS} logistic regressors, Papamakarios 2015,
 * arXiv:1510.02437, ch. 3), their form, Adam's learning rate, the initialisation and the loop settings.
 * Immutable; made by {@link #builder()}, validated in {@link Builder#build()}.
 *
 * @param components K, at least 1
 * @param softmaxComponents use softmax components even for two classes (logistic components otherwise)
 * @param learningRate Adam's step size, finite and > 0
 * @param initScale standard deviation of the Gaussian initial parameters when they do not come from a bag, finite
 *     and >= 0
 * @param initFromBag initialise the components from K distinct random samples of the teacher's bag when the teacher
 *     is a {@link org.distill4j.bayes.bag.CategoricalPredictive} whose samples have the component layout
 * @param averageFrom Polyak–Ruppert iterate averaging: the student is the mean of the parameters after every step
 *     from epoch {@code ceil(averageFrom · epochs)} on, which removes most of the noise of stochastic (and, online,
 *     single-sample) gradients; in [0, 1], 1 (the default) keeps the last iterate
 * @param settings epochs, batch size, seed, held-out sizes
 */
public record MixtureDistillerConfig(int components, boolean softmaxComponents, double learningRate,
        double initScale, boolean initFromBag, double averageFrom, TrainingSettings settings) {

    /** The thesis's number of components. */
    public static final int DEFAULT_COMPONENTS = 10;
    /** The default Adam step size. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** The default initial parameter scale. */
    public static final double DEFAULT_INIT_SCALE = 0.1;

    /** Validates (also for direct construction). */
    public MixtureDistillerConfig {
        checkArgument(components >= 1, "components must be >= 1, got %s", components);
        checkArgument(learningRate > 0 && Double.isFinite(learningRate),
                "learningRate must be finite and > 0, got %s", learningRate);
        checkArgument(initScale >= 0 && Double.isFinite(initScale), "initScale must be finite and >= 0, got %s",
                initScale);
        checkArgument(averageFrom >= 0 && averageFrom <= 1, "averageFrom must be in [0, 1], got %s", averageFrom);
        checkNotNull(settings, "settings");
    }

    /** The first epoch whose iterates are averaged ({@code settings().epochs()} when averaging is off). */
    public int firstAveragedEpoch() {
        return (int) Math.min(settings.epochs(), Math.ceil(averageFrom * settings.epochs()));
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.components = components;
        b.softmaxComponents = softmaxComponents;
        b.learningRate = learningRate;
        b.initScale = initScale;
        b.initFromBag = initFromBag;
        b.averageFrom = averageFrom;
        b.settings = settings;
        return b;
    }

    /** The shape of the student for a teacher of {@code inputSize} features and {@code classes} classes. */
    public MixtureShape shapeFor(int inputSize, int classes) {
        return new MixtureShape(components, inputSize, classes, classes == 2 && !softmaxComponents);
    }

    /** Builds {@link MixtureDistillerConfig}. */
    public static final class Builder {
        private int components = DEFAULT_COMPONENTS;
        private boolean softmaxComponents;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private double initScale = DEFAULT_INIT_SCALE;
        private boolean initFromBag = true;
        private double averageFrom = 1;
        private TrainingSettings settings = TrainingSettings.builder().heldOut(0, 0).build();

        private Builder() {
        }

        /** K. */
        public Builder components(int value) {
            this.components = value;
            return this;
        }

        /** Softmax components even for two classes. */
        public Builder softmaxComponents(boolean value) {
            this.softmaxComponents = value;
            return this;
        }

        /** Adam's step size. */
        public Builder learningRate(double value) {
            this.learningRate = value;
            return this;
        }

        /** Scale of the random initial parameters. */
        public Builder initScale(double value) {
            this.initScale = value;
            return this;
        }

        /** Whether to start from samples of the teacher's bag. */
        public Builder initFromBag(boolean value) {
            this.initFromBag = value;
            return this;
        }

        /** Iterate averaging from this fraction of the epochs on (1: off). */
        public Builder averageFrom(double value) {
            this.averageFrom = value;
            return this;
        }

        /** Loop settings (the default holds nothing out: {@code heldOut(0, 0)}). */
        public Builder settings(TrainingSettings value) {
            this.settings = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public MixtureDistillerConfig build() {
            return new MixtureDistillerConfig(components, softmaxComponents, learningRate, initScale, initFromBag,
                    averageFrom, settings);
        }
    }
}
