package org.distill4j.generative.distill;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.nade.NadeTrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The configuration of {@link RbmNadeDistiller}. Defaults follow Papamakarios (2015, ch. 4) and
 * {@code shared/bench/nade.py}: 2,000 persistent Gibbs chains advanced one sweep per minibatch, a NADE with 500
 * hidden units and untied weights, Adam with learning rate 1e-3, minibatches of 100; nothing held out (density
 * students get no PAC certificate). The loop settings' epoch length is that of the transfer source.
 *
 * <p>Immutable; made by {@link #builder()}, which validates in {@link Builder#build()}.
 *
 * @param training the shared loop settings (epochs, batch size, seed, held-out sizes)
 * @param hiddenUnits the NADE's H
 * @param updater the NADE's update rule (cloned per run)
 * @param blockSize positions per block of the NADE computation
 * @param initialStd standard deviation of the NADE's initial weights
 * @param ordering the NADE's variable ordering, or {@code null} for the natural order
 * @param dataType the NADE's type
 * @param chains persistent Gibbs chains, at least the batch size
 * @param sweepsPerBatch Gibbs sweeps of every chain before each minibatch, at least 1
 * @param burnIn sweeps before the first minibatch, at least 0
 * @param logDensityWeight λ ≥ 0 of the optional squared error on log densities, {@code ½ Var_batch(log q − log p~)}
 *     (invariant to log Z; 0 turns it off)
 * @param klEvery the KL estimates are refreshed every this many minibatches (and at each epoch's first)
 * @param klSamples samples from each side used by the KL estimates, at least 2
 * @param warmStart a NADE to start from instead of a fresh one, or {@code null}
 */
public record RbmNadeConfig(TrainingSettings training, int hiddenUnits, IUpdater updater, int blockSize,
        double initialStd, int[] ordering, DataType dataType, int chains, int sweepsPerBatch, int burnIn,
        double logDensityWeight, int klEvery, int klSamples, Nade warmStart) {

    /** Papamakarios (2015)'s number of persistent chains. */
    public static final int DEFAULT_CHAINS = 2000;

    /** Validates every field and copies the ordering. */
    public RbmNadeConfig {
        checkNotNull(training, "training");
        checkArgument(hiddenUnits >= 1, "hiddenUnits must be >= 1, got %s", hiddenUnits);
        checkNotNull(updater, "updater");
        checkArgument(blockSize >= 1, "blockSize must be >= 1, got %s", blockSize);
        checkArgument(initialStd >= 0 && Double.isFinite(initialStd), "initialStd must be finite and >= 0, got %s",
                initialStd);
        checkArgument(dataType == DataType.FLOAT || dataType == DataType.DOUBLE,
                "dataType must be FLOAT or DOUBLE, got %s", dataType);
        checkArgument(chains >= training.batchSize(), "chains must be >= the batch size %s, got %s",
                training.batchSize(), chains);
        checkArgument(sweepsPerBatch >= 1, "sweepsPerBatch must be >= 1, got %s", sweepsPerBatch);
        checkArgument(burnIn >= 0, "burnIn must be >= 0, got %s", burnIn);
        checkArgument(logDensityWeight >= 0 && Double.isFinite(logDensityWeight),
                "logDensityWeight must be finite and >= 0, got %s", logDensityWeight);
        checkArgument(klEvery >= 1, "klEvery must be >= 1, got %s", klEvery);
        checkArgument(klSamples >= 2, "klSamples must be >= 2, got %s", klSamples);
        checkArgument(warmStart == null || warmStart.hiddenSize() == hiddenUnits, "warmStart has %s hidden units but "
                + "hiddenUnits is %s", warmStart == null ? 0 : warmStart.hiddenSize(), hiddenUnits);
        ordering = ordering == null ? null : ordering.clone();
    }

    /** A copy of the ordering, or {@code null}. */
    @Override
    public int[] ordering() {
        return ordering == null ? null : ordering.clone();
    }

    /** A readable description for reports (the ordering summarised, the warm start named). */
    @Override
    public String toString() {
        return "RbmNadeConfig[training=" + training + ", hiddenUnits=" + hiddenUnits + ", updater=" + updater
                + ", blockSize=" + blockSize + ", initialStd=" + initialStd + ", ordering="
                + (ordering == null ? "natural" : "custom") + ", dataType=" + dataType + ", chains=" + chains
                + ", sweepsPerBatch=" + sweepsPerBatch + ", burnIn=" + burnIn + ", logDensityWeight="
                + logDensityWeight + ", klEvery=" + klEvery + ", klSamples=" + klSamples + ", warmStart="
                + (warmStart == null ? "none" : warmStart) + "]";
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RbmNadeConfig}. */
    public static final class Builder {
        private TrainingSettings training = TrainingSettings.builder().epochs(1)
                .batchSize(NadeTrainingConfig.DEFAULT_BATCH_SIZE).heldOut(0, 0).build();
        private int hiddenUnits = 500;
        private IUpdater updater = new Adam(NadeTrainingConfig.DEFAULT_LEARNING_RATE);
        private int blockSize = Nade.DEFAULT_BLOCK_SIZE;
        private double initialStd = Nade.DEFAULT_INITIAL_STD;
        private int[] ordering;
        private DataType dataType = DataType.FLOAT;
        private int chains = DEFAULT_CHAINS;
        private int sweepsPerBatch = 1;
        private int burnIn = 100;
        private double logDensityWeight;
        private int klEvery = 100;
        private int klSamples = 500;
        private Nade warmStart;

        private Builder() {
        }

        /** The loop settings (default: 1 epoch, batch 100, seed 0, nothing held out). */
        public Builder training(TrainingSettings value) {
            this.training = value;
            return this;
        }

        /** The NADE's hidden units. */
        public Builder hiddenUnits(int value) {
            this.hiddenUnits = value;
            return this;
        }

        /** The NADE's update rule. */
        public Builder updater(IUpdater value) {
            this.updater = value;
            return this;
        }

        /** Positions per block of the NADE computation. */
        public Builder blockSize(int value) {
            this.blockSize = value;
            return this;
        }

        /** Standard deviation of the NADE's initial weights. */
        public Builder initialStd(double value) {
            this.initialStd = value;
            return this;
        }

        /** The NADE's ordering. */
        public Builder ordering(int[] value) {
            this.ordering = value == null ? null : value.clone();
            return this;
        }

        /** The NADE's type. */
        public Builder dataType(DataType value) {
            this.dataType = value;
            return this;
        }

        /** Persistent chains, sweeps per minibatch and burn-in sweeps. */
        public Builder chains(int count, int sweepsPerBatch, int burnIn) {
            this.chains = count;
            this.sweepsPerBatch = sweepsPerBatch;
            this.burnIn = burnIn;
            return this;
        }

        /** Weight of the squared error on log densities (0: off). */
        public Builder logDensityWeight(double value) {
            this.logDensityWeight = value;
            return this;
        }

        /** How often and with how many samples the KL divergences are estimated. */
        public Builder klEstimates(int everyBatches, int samples) {
            this.klEvery = everyBatches;
            this.klSamples = samples;
            return this;
        }

        /** A NADE to start from. */
        public Builder warmStart(Nade value) {
            this.warmStart = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field
         */
        public RbmNadeConfig build() {
            return new RbmNadeConfig(training, hiddenUnits, updater, blockSize, initialStd, ordering, dataType, chains,
                    sweepsPerBatch, burnIn, logDensityWeight, klEvery, klSamples, warmStart);
        }
    }
}
