package org.distill4j.generative.nade;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * How {@link NadeTrainer} fits a NADE by maximum likelihood. Defaults follow {@code shared/bench/nade.py}: Adam with
 * learning rate 1e-3, batch 100, one epoch, weights from {@code N(0, 0.01²)}, zero biases, blocks of 16 positions.
 *
 * <p>Immutable; made by {@link #builder()}, which validates in {@link Builder#build()}.
 *
 * @param hiddenUnits H, at least 1
 * @param epochs passes over the data, at least 1
 * @param batchSize rows per update, at least 1
 * @param updater the update rule (cloned for every run)
 * @param blockSize positions per block of the blockwise computation, at least 1
 * @param initialStd standard deviation of the initial weights, ≥ 0
 * @param ordering the variable ordering (a permutation of {@code 0..D−1}), or {@code null} for the natural order
 * @param dataType FLOAT or DOUBLE
 * @param seed every random choice (initial weights, batch order) derives from it
 */
public record NadeTrainingConfig(int hiddenUnits, int epochs, int batchSize, IUpdater updater, int blockSize,
        double initialStd, int[] ordering, DataType dataType, long seed) {

    /** Default Adam learning rate ({@code nade.py}). */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /** Default batch size ({@code nade.py}). */
    public static final int DEFAULT_BATCH_SIZE = 100;

    /** Validates every field and copies the ordering. */
    public NadeTrainingConfig {
        checkArgument(hiddenUnits >= 1, "hiddenUnits must be >= 1, got %s", hiddenUnits);
        checkArgument(epochs >= 1, "epochs must be >= 1, got %s", epochs);
        checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
        checkNotNull(updater, "updater");
        checkArgument(blockSize >= 1, "blockSize must be >= 1, got %s", blockSize);
        checkArgument(initialStd >= 0 && Double.isFinite(initialStd), "initialStd must be finite and >= 0, got %s",
                initialStd);
        checkArgument(dataType == DataType.FLOAT || dataType == DataType.DOUBLE,
                "dataType must be FLOAT or DOUBLE, got %s", dataType);
        ordering = ordering == null ? null : ordering.clone();
    }

    /** A copy of the ordering, or {@code null} for the natural order. */
    @Override
    public int[] ordering() {
        return ordering == null ? null : ordering.clone();
    }

    /** A readable description (the ordering summarised). */
    @Override
    public String toString() {
        return "NadeTrainingConfig[hiddenUnits=" + hiddenUnits + ", epochs=" + epochs + ", batchSize=" + batchSize
                + ", updater=" + updater + ", blockSize=" + blockSize + ", initialStd=" + initialStd + ", ordering="
                + (ordering == null ? "natural" : "custom") + ", dataType=" + dataType + ", seed=" + seed + "]";
    }

    /** A builder with the defaults: H = 500, one epoch, batch 100, Adam(1e-3), block 16, FLOAT, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        return new Builder().hiddenUnits(hiddenUnits).epochs(epochs).batchSize(batchSize).updater(updater)
                .blockSize(blockSize).initialStd(initialStd).ordering(ordering).dataType(dataType).seed(seed);
    }

    /** Builds {@link NadeTrainingConfig}. */
    public static final class Builder {
        private int hiddenUnits = 500;
        private int epochs = 1;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private IUpdater updater = new Adam(DEFAULT_LEARNING_RATE);
        private int blockSize = Nade.DEFAULT_BLOCK_SIZE;
        private double initialStd = Nade.DEFAULT_INITIAL_STD;
        private int[] ordering;
        private DataType dataType = DataType.FLOAT;
        private long seed;

        private Builder() {
        }

        /** Hidden units H. */
        public Builder hiddenUnits(int value) {
            this.hiddenUnits = value;
            return this;
        }

        /** Passes over the data. */
        public Builder epochs(int value) {
            this.epochs = value;
            return this;
        }

        /** Rows per update. */
        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /** The update rule, e.g. {@code new Adam(1e-3)}. */
        public Builder updater(IUpdater value) {
            this.updater = value;
            return this;
        }

        /** Positions per block. */
        public Builder blockSize(int value) {
            this.blockSize = value;
            return this;
        }

        /** Standard deviation of the initial weights. */
        public Builder initialStd(double value) {
            this.initialStd = value;
            return this;
        }

        /** The variable ordering, or {@code null} for the natural order. */
        public Builder ordering(int[] value) {
            this.ordering = value == null ? null : value.clone();
            return this;
        }

        /** FLOAT or DOUBLE. */
        public Builder dataType(DataType value) {
            this.dataType = value;
            return this;
        }

        /** The seed. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field
         */
        public NadeTrainingConfig build() {
            return new NadeTrainingConfig(hiddenUnits, epochs, batchSize, updater, blockSize, initialStd, ordering,
                    dataType, seed);
        }
    }
}
