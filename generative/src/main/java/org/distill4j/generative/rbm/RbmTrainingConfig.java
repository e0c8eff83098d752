package org.distill4j.generative.rbm;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * How {@link RbmTrainer} trains a binary RBM: contrastive divergence CD-k (Hinton 2002) or persistent CD
 * (Tieleman 2008), plain SGD with optional momentum and weight decay. Defaults follow
 * {@code shared/bench/rbm_ais.py} (itself Hinton's practical guide, 2010): CD-1, learning rate 0.01, batch 100,
 * weights from {@code N(0, 0.01²)}, hidden biases 0 and visible biases the clipped base rates of the data.
 * Salakhutdinov and Murray (2008) trained with CD-1 up to CD-25.
 *
 * <p>Immutable; made by {@link #builder()}, whose {@link Builder#build()} validates every field.
 *
 * @param hiddenUnits H, at least 1
 * @param method CD or PCD
 * @param gibbsSteps k: Gibbs sweeps per negative phase, at least 1
 * @param learningRate step size, finite and &gt; 0
 * @param momentum in [0, 1)
 * @param weightDecay L2 penalty on the weights, ≥ 0
 * @param epochs passes over the data, at least 1
 * @param batchSize rows per update, at least 1
 * @param persistentChains number of PCD chains (ignored by CD), at least 1
 * @param initialWeightStd standard deviation of the initial weights, ≥ 0
 * @param baseRateClip visible biases start at {@code logit(clip(mean pixel, clip, 1 − clip))}; in (0, 0.5)
 * @param dataType FLOAT or DOUBLE, the trained RBM's type
 * @param seed every random choice (initial weights, batch order, Gibbs draws) derives from it
 */
public record RbmTrainingConfig(int hiddenUnits, Method method, int gibbsSteps, double learningRate,
        double momentum, double weightDecay, int epochs, int batchSize, int persistentChains,
        double initialWeightStd, double baseRateClip, DataType dataType, long seed) {

    /** The negative phase. */
    public enum Method {
        /** Contrastive divergence: k sweeps from each minibatch's own data. */
        CD,
        /** Persistent contrastive divergence: k sweeps of chains that persist across updates. */
        PCD
    }

    /** Default learning rate, as in {@code rbm_ais.py}. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Default batch size, as in {@code rbm_ais.py}. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** Default standard deviation of the initial weights. */
    public static final double DEFAULT_INITIAL_WEIGHT_STD = 0.01;
    /** Default clip of the base rates (Salakhutdinov and Murray 2008's code). */
    public static final double DEFAULT_BASE_RATE_CLIP = 1e-3;

    /** Validates every field; see {@link Builder#build()}. */
    public RbmTrainingConfig {
        checkArgument(hiddenUnits >= 1, "hiddenUnits must be >= 1, got %s", hiddenUnits);
        checkNotNull(method, "method");
        checkArgument(gibbsSteps >= 1, "gibbsSteps must be >= 1, got %s", gibbsSteps);
        checkArgument(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be finite and > 0, got %s",
                learningRate);
        checkArgument(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got %s", momentum);
        checkArgument(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay must be finite and >= 0, got %s",
                weightDecay);
        checkArgument(epochs >= 1, "epochs must be >= 1, got %s", epochs);
        checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
        checkArgument(persistentChains >= 1, "persistentChains must be >= 1, got %s", persistentChains);
        checkArgument(initialWeightStd >= 0 && Double.isFinite(initialWeightStd),
                "initialWeightStd must be finite and >= 0, got %s", initialWeightStd);
        checkArgument(baseRateClip > 0 && baseRateClip < 0.5, "baseRateClip must be in (0, 0.5), got %s",
                baseRateClip);
        checkArgument(dataType == DataType.FLOAT || dataType == DataType.DOUBLE,
                "dataType must be FLOAT or DOUBLE, got %s", dataType);
    }

    /** A builder with the defaults: CD-1, lr 0.01, no momentum or decay, 1 epoch, batch 100, FLOAT, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.hiddenUnits = hiddenUnits;
        b.method = method;
        b.gibbsSteps = gibbsSteps;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.persistentChains = persistentChains;
        b.initialWeightStd = initialWeightStd;
        b.baseRateClip = baseRateClip;
        b.dataType = dataType;
        b.seed = seed;
        return b;
    }

    /** Builds {@link RbmTrainingConfig}; {@link #build()} validates. */
    public static final class Builder {
        private int hiddenUnits = 100;
        private Method method = Method.CD;
        private int gibbsSteps = 1;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private double momentum;
        private double weightDecay;
        private int epochs = 1;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int persistentChains = DEFAULT_BATCH_SIZE;
        private double initialWeightStd = DEFAULT_INITIAL_WEIGHT_STD;
        private double baseRateClip = DEFAULT_BASE_RATE_CLIP;
        private DataType dataType = DataType.FLOAT;
        private long seed;

        private Builder() {
        }

        /** The number of hidden units H (default 100). */
        public Builder hiddenUnits(int value) {
            this.hiddenUnits = value;
            return this;
        }

        /** CD-k: {@code k} sweeps from the data of each minibatch. */
        public Builder contrastiveDivergence(int k) {
            this.method = Method.CD;
            this.gibbsSteps = k;
            return this;
        }

        /** PCD-k: {@code k} sweeps of {@code chains} persistent chains per update. */
        public Builder persistentContrastiveDivergence(int k, int chains) {
            this.method = Method.PCD;
            this.gibbsSteps = k;
            this.persistentChains = chains;
            return this;
        }

        /** SGD step size. */
        public Builder learningRate(double value) {
            this.learningRate = value;
            return this;
        }

        /** Classical momentum. */
        public Builder momentum(double value) {
            this.momentum = value;
            return this;
        }

        /** L2 penalty coefficient on the weights. */
        public Builder weightDecay(double value) {
            this.weightDecay = value;
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

        /** Standard deviation of the initial weights. */
        public Builder initialWeightStd(double value) {
            this.initialWeightStd = value;
            return this;
        }

        /** Clip of the base rates that start the visible biases. */
        public Builder baseRateClip(double value) {
            this.baseRateClip = value;
            return this;
        }

        /** The trained RBM's type. */
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
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public RbmTrainingConfig build() {
            return new RbmTrainingConfig(hiddenUnits, method, gibbsSteps, learningRate, momentum, weightDecay, epochs,
                    batchSize, persistentChains, initialWeightStd, baseRateClip, dataType, seed);
        }
    }
}
