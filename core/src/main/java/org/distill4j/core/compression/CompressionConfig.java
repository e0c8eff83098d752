package org.distill4j.core.compression;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Configuration of {@link CompressionDistiller}: the student's architecture (or a warm-start student), the
 * objective, the optimiser and the loop settings. Immutable; made by {@link #builder()}, which validates every
 * field. Defaults follow Papamakarios 2015, ch. 2: AdaDelta, minibatches of 20, cross-entropy to the teacher's
 * probabilities (temperature 1).
 *
 * @param architecture the student's architecture
 * @param warmStart a student to continue training from (a copy is trained; the given one is never modified), or
 *     {@code null} to start from a seeded initialisation
 * @param objective the weighted objective terms
 * @param updater the optimiser's configuration (Adam, AdaDelta, Sgd, ...); each run trains with its own clone
 * @param training epochs, batch size, seed, held-out sizes, early stopping
 * @param jacobianCacheBytes with derivative matching on fixed transfer data, the most memory the teacher's
 *     Jacobians on that data may take to be computed once and cached (default {@value #DEFAULT_JACOBIAN_CACHE_BYTES}
 *     bytes); larger sets, and 0, recompute them for every batch
 */
public record CompressionConfig(MlpArchitecture architecture, MlpStudent warmStart, Objective objective,
        IUpdater updater, TrainingSettings training, long jacobianCacheBytes) {

    /** Default budget for caching teacher Jacobians: 512 MiB. */
    public static final long DEFAULT_JACOBIAN_CACHE_BYTES = 512L << 20;

    /** Validates presence and that a warm start matches the architecture. */
    public CompressionConfig {
        checkNotNull(architecture, "architecture");
        checkNotNull(objective, "objective");
        checkNotNull(updater, "updater");
        checkNotNull(training, "training");
        checkArgument(jacobianCacheBytes >= 0, "jacobianCacheBytes must be >= 0, got %s", jacobianCacheBytes);
        checkArgument(warmStart == null || warmStart.architecture().equals(architecture),
                "warmStart has architecture %s but the config asks for %s",
                warmStart == null ? null : warmStart.architecture(), architecture);
        updater = updater.clone();
    }

    /** The optimiser configuration (a copy: ND4J updater configurations are mutable). */
    @Override
    public IUpdater updater() {
        return updater.clone();
    }

    /** A builder; {@code student(...)} or {@code warmStart(...)} must be called. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.architecture = architecture;
        b.warmStart = warmStart;
        b.objective = objective;
        b.updater = updater.clone();
        b.training = training.toBuilder();
        b.jacobianCacheBytes = jacobianCacheBytes;
        return b;
    }

    /** Builds a {@link CompressionConfig}. */
    public static final class Builder {
        private MlpArchitecture architecture;
        private MlpStudent warmStart;
        private Objective objective = Objective.of(SoftTargetCrossEntropy.atTemperature(1.0));
        private IUpdater updater = new AdaDelta();
        private TrainingSettings.Builder training = TrainingSettings.builder();
        private long jacobianCacheBytes = DEFAULT_JACOBIAN_CACHE_BYTES;

        private Builder() {
        }

        /** The student's architecture. */
        public Builder student(MlpArchitecture value) {
            this.architecture = value;
            return this;
        }

        /** Continue from this student (its architecture becomes the config's). */
        public Builder warmStart(MlpStudent value) {
            this.warmStart = checkNotNull(value, "warmStart");
            this.architecture = value.architecture();
            return this;
        }

        /** The objective (default: soft-target cross-entropy at temperature 1). */
        public Builder objective(Objective value) {
            this.objective = value;
            return this;
        }

        /** The optimiser (default: AdaDelta, as in the thesis). */
        public Builder updater(IUpdater value) {
            this.updater = value;
            return this;
        }

        /** Maximum epochs. */
        public Builder epochs(int value) {
            training.epochs(value);
            return this;
        }

        /** Rows per minibatch. */
        public Builder batchSize(int value) {
            training.batchSize(value);
            return this;
        }

        /** The run's seed. */
        public Builder seed(long value) {
            training.seed(value);
            return this;
        }

        /** Held-out inputs: per-epoch validation and the certificate's fresh draws. */
        public Builder heldOut(int validation, int certificate) {
            training.heldOut(validation, certificate);
            return this;
        }

        /** Sizes the certificate for a target (ε, δ); see {@link TrainingSettings.Builder#pacTarget}. */
        public Builder pacTarget(double epsilon, double delta) {
            training.pacTarget(epsilon, delta);
            return this;
        }

        /** Early stopping patience in epochs (needs validation inputs). */
        public Builder patience(int value) {
            training.patience(value);
            return this;
        }

        /** Stop once validation agreement reaches this value. */
        public Builder targetAgreement(double value) {
            training.targetAgreement(value);
            return this;
        }

        /** The memory budget for caching teacher Jacobians on fixed transfer data (0: never cache). */
        public Builder jacobianCacheBytes(long value) {
            this.jacobianCacheBytes = value;
            return this;
        }

        /** Replaces all loop settings at once. */
        public Builder training(TrainingSettings value) {
            this.training = checkNotNull(value, "training").toBuilder();
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field
         * @throws NullPointerException if no architecture was given
         */
        public CompressionConfig build() {
            checkNotNull(architecture, "architecture: call student(...) or warmStart(...)");
            return new CompressionConfig(architecture, warmStart, objective, updater, training.build(),
                    jacobianCacheBytes);
        }
    }
}
