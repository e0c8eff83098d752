package org.distill4j.core.teacher;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How {@link EnsembleTrainer} trains an ensemble teacher: {@code members} ReLU networks of the architecture
 * {@code layerSizes} (input, hidden..., classes; softmax output), each trained with Adam for {@code epochs} passes
 * over its own bootstrap resample of the data (Papamakarios 2015, arXiv 1510.02437, ch. 2: 30 networks of
 * 784-500-300-10 trained on bootstrap resamples), or over the data itself when {@code bootstrap} is off.
 *
 * <p>Immutable; built with {@link #builder()}, which validates everything in {@link Builder#build()}. The
 * defaults are the thesis's teacher where it states them ({@link #DEFAULT_LAYER_SIZES},
 * {@link #DEFAULT_MEMBERS}, bootstrap on) and common choices elsewhere.
 *
 * @param layerSizes the widths of every layer, input first and number of classes last; at least two, all >= 1
 * @param members the number of networks, >= 1
 * @param epochs passes over each member's resample, >= 1
 * @param batchSize minibatch size, >= 1
 * @param learningRate Adam's learning rate, finite and > 0
 * @param bootstrap whether each member trains on a bootstrap resample (n draws with replacement)
 * @param seed the seed of every random choice (initialisation, resamples, minibatch order)
 * @param dataType the floating-point type of the networks
 */
public record EnsembleTrainerConfig(List<Integer> layerSizes, int members, int epochs, int batchSize,
        double learningRate, boolean bootstrap, long seed, DataType dataType) {

    /** The thesis's member architecture, 784-500-300-10 (MNIST). */
    public static final List<Integer> DEFAULT_LAYER_SIZES = List.of(784, 500, 300, 10);
    /** The thesis's ensemble size. */
    public static final int DEFAULT_MEMBERS = 30;
    /** Passes over each member's resample. */
    public static final int DEFAULT_EPOCHS = 10;
    /** Minibatch size. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** Adam's learning rate (Kingma and Ba's default). */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** The seed when none is given. */
    public static final long DEFAULT_SEED = 42L;

    /** Validates; see the component descriptions. */
    public EnsembleTrainerConfig {
        checkNotNull(layerSizes, "layerSizes");
        layerSizes = List.copyOf(layerSizes);
        checkArgument(layerSizes.size() >= 2, "layerSizes must list at least the input and output widths, got %s",
                layerSizes);
        checkArgument(layerSizes.stream().allMatch(size -> size >= 1), "layerSizes must all be >= 1, got %s",
                layerSizes);
        checkArgument(members >= 1, "members must be >= 1, got %s", members);
        checkArgument(epochs >= 1, "epochs must be >= 1, got %s", epochs);
        checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
        checkArgument(learningRate > 0 && Double.isFinite(learningRate),
                "learningRate must be finite and > 0, got %s", learningRate);
        checkNotNull(dataType, "dataType");
        checkArgument(dataType.isFPType(), "dataType must be floating point, got %s", dataType);
    }

    /** The input width, {@code layerSizes.get(0)}. */
    public int inputSize() {
        return layerSizes.get(0);
    }

    /** The number of classes, the last of {@code layerSizes}. */
    public int numClasses() {
        return layerSizes.get(layerSizes.size() - 1);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.layerSizes = layerSizes;
        builder.members = members;
        builder.epochs = epochs;
        builder.batchSize = batchSize;
        builder.learningRate = learningRate;
        builder.bootstrap = bootstrap;
        builder.seed = seed;
        builder.dataType = dataType;
        return builder;
    }

    /** Builder of {@link EnsembleTrainerConfig}; not thread-safe. */
    public static final class Builder {
        private List<Integer> layerSizes = DEFAULT_LAYER_SIZES;
        private int members = DEFAULT_MEMBERS;
        private int epochs = DEFAULT_EPOCHS;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private boolean bootstrap = true;
        private long seed = DEFAULT_SEED;
        private DataType dataType = DataType.FLOAT;

        private Builder() {
        }

        /** Every layer width, input first and classes last, e.g. {@code 784, 500, 300, 10}. */
        public Builder layerSizes(int... sizes) {
            checkNotNull(sizes, "layerSizes");
            this.layerSizes = java.util.Arrays.stream(sizes).boxed().toList();
            return this;
        }

        /** The number of networks, >= 1 (default {@value #DEFAULT_MEMBERS}). */
        public Builder members(int members) {
            this.members = members;
            return this;
        }

        /** Passes over each member's resample, >= 1 (default {@value #DEFAULT_EPOCHS}). */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Minibatch size, >= 1 (default {@value #DEFAULT_BATCH_SIZE}). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Adam's learning rate, finite and > 0 (default {@value #DEFAULT_LEARNING_RATE}). */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Whether each member trains on a bootstrap resample (default true, as in the thesis). */
        public Builder bootstrap(boolean bootstrap) {
            this.bootstrap = bootstrap;
            return this;
        }

        /** The seed of every random choice (default {@value #DEFAULT_SEED}). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The networks' floating-point type (default FLOAT). */
        public Builder dataType(DataType dataType) {
            this.dataType = dataType;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public EnsembleTrainerConfig build() {
            return new EnsembleTrainerConfig(layerSizes, members, epochs, batchSize, learningRate, bootstrap, seed,
                    dataType);
        }
    }
}
