package org.distill4j.core.distill;

import static com.google.common.base.Preconditions.checkArgument;

import org.distill4j.core.pac.PacPlanner;

/**
 * The loop settings every distiller shares: epochs, batch size, seed, held-out inputs for validation and for the
 * PAC certificate, and early stopping. Immutable; made by {@link #builder()}, which validates every field.
 *
 * @param epochs the maximum number of passes over the transfer source, at least 1
 * @param batchSize rows per minibatch, at least 1 (the thesis uses 20)
 * @param seed the seed every random choice of a run derives from
 * @param validationSize held-out inputs scored after each epoch (0: no validation, no early stopping); with
 *     validation, the student of the best-scoring epoch is the one returned
 * @param certificateSize fresh held-out inputs for the final fidelity and PAC certificate (0: none)
 * @param pacDelta the certificate's failure probability δ in (0, 1)
 * @param patience epochs without a better validation fidelity before stopping (0: never stop on patience)
 * @param targetAgreement stop as soon as validation top-1 agreement reaches this (in (0, 1]; 1 never stops early
 *     unless agreement is perfect)
 */
public record TrainingSettings(int epochs, int batchSize, long seed, int validationSize, int certificateSize,
        double pacDelta, int patience, double targetAgreement) {

    /** Default batch size: the thesis's minibatch of 20 (Papamakarios 2015, ch. 2). */
    public static final int DEFAULT_BATCH_SIZE = 20;
    /** Default failure probability of the PAC certificate. */
    public static final double DEFAULT_PAC_DELTA = 0.05;
    /** Default number of fresh draws for the PAC certificate. */
    public static final int DEFAULT_CERTIFICATE_SIZE = 1000;

    /** Validates every field; see {@link Builder#build()}. */
    public TrainingSettings {
        checkArgument(epochs >= 1, "epochs must be >= 1, got %s", epochs);
        checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
        checkArgument(validationSize >= 0, "validationSize must be >= 0, got %s", validationSize);
        checkArgument(certificateSize >= 0, "certificateSize must be >= 0, got %s", certificateSize);
        checkArgument(pacDelta > 0 && pacDelta < 1, "pacDelta must be in (0, 1), got %s", pacDelta);
        checkArgument(patience >= 0, "patience must be >= 0, got %s", patience);
        checkArgument(targetAgreement > 0 && targetAgreement <= 1,
                "targetAgreement must be in (0, 1], got %s", targetAgreement);
        checkArgument(patience == 0 || validationSize > 0,
                "patience %s needs validationSize > 0 (early stopping scores held-out inputs)", patience);
    }

    /** A builder with the defaults: 10 epochs, batch 20, seed 0, no validation, 1000 certificate draws, δ=0.05. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.seed = seed;
        b.validationSize = validationSize;
        b.certificateSize = certificateSize;
        b.pacDelta = pacDelta;
        b.patience = patience;
        b.targetAgreement = targetAgreement;
        return b;
    }

    /** Builds {@link TrainingSettings}; {@link #build()} validates. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private long seed;
        private int validationSize;
        private int certificateSize = DEFAULT_CERTIFICATE_SIZE;
        private double pacDelta = DEFAULT_PAC_DELTA;
        private int patience;
        private double targetAgreement = 1.0;

        private Builder() {
        }

        /** Maximum number of epochs. */
        public Builder epochs(int value) {
            this.epochs = value;
            return this;
        }

        /** Rows per minibatch. */
        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /** The run's seed. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Held-out inputs for per-epoch validation and for the certificate. */
        public Builder heldOut(int validation, int certificate) {
            this.validationSize = validation;
            this.certificateSize = certificate;
            return this;
        }

        /** The certificate's failure probability δ. */
        public Builder pacDelta(double value) {
            this.pacDelta = value;
            return this;
        }

        /**
         * Sizes the certificate for a target (ε, δ): enough fresh draws that a student disagreeing with its
         * teacher on a fraction ε/2 of them is certified at ε with confidence 1−δ ({@link PacPlanner}).
         */
        public Builder pacTarget(double epsilon, double delta) {
            checkArgument(epsilon > 0 && epsilon < 1, "epsilon must be in (0, 1), got %s", epsilon);
            checkArgument(delta > 0 && delta < 1, "delta must be in (0, 1), got %s", delta);
            long m = PacPlanner.samplesNeeded(epsilon, delta, epsilon / 2);
            checkArgument(m <= Integer.MAX_VALUE, "pacTarget(%s, %s) needs %s draws, too many", epsilon, delta, m);
            this.certificateSize = (int) m;
            this.pacDelta = delta;
            return this;
        }

        /** Early stopping: epochs without improvement of validation fidelity before stopping. */
        public Builder patience(int value) {
            this.patience = value;
            return this;
        }

        /** Early stopping: stop once validation top-1 agreement reaches this value. */
        public Builder targetAgreement(double value) {
            this.targetAgreement = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public TrainingSettings build() {
            return new TrainingSettings(epochs, batchSize, seed, validationSize, certificateSize, pacDelta,
                    patience, targetAgreement);
        }
    }
}
