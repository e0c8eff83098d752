package org.distill4j.core.compression;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The shape of an {@link MlpStudent}: fully connected layers of sizes {@code [d, h_1, ..., h_m, K]}, one hidden
 * activation, and a softmax output. The thesis's student is {@code MlpArchitecture.of(784, 50, 30, 10)} with
 * ReLU hidden units (Papamakarios 2015, ch. 2).
 *
 * <pre>{@code
 * MlpArchitecture a = MlpArchitecture.of(784, 50, 30, 10)
 *         .withActivation(Activation.TANH)
 *         .withDataType(DataType.DOUBLE);
 * }</pre>
 *
 * @param layerSizes {@code [d, h_1, ..., K]}: at least 2 entries, each {@code >= 1}; unmodifiable
 * @param activation the hidden activation: one of {@link #SUPPORTED_ACTIVATIONS} (LeakyReLU uses slope
 *     {@value #LEAKY_RELU_SLOPE}, DL4J's default)
 * @param dataType FLOAT (default) or DOUBLE, the type of the parameters and of every computation
 */
public record MlpArchitecture(List<Integer> layerSizes, Activation activation, DataType dataType) {

    /** The hidden activations a student supports. */
    public static final Set<Activation> SUPPORTED_ACTIVATIONS = java.util.Collections.unmodifiableSet(EnumSet.of(
            Activation.RELU, Activation.LEAKYRELU, Activation.TANH, Activation.SIGMOID, Activation.SOFTPLUS,
            Activation.IDENTITY));

    /** Negative-side slope of LEAKYRELU, as in DL4J's {@code ActivationLReLU}. */
    public static final double LEAKY_RELU_SLOPE = 0.01;

    /** Validates and copies. */
    public MlpArchitecture {
        checkNotNull(layerSizes, "layerSizes");
        checkArgument(layerSizes.size() >= 2, "layerSizes must have at least 2 entries [d, ..., K], got %s",
                layerSizes);
        for (Integer size : layerSizes) {
            checkArgument(size != null && size >= 1, "layerSizes must all be >= 1, got %s", layerSizes);
        }
        layerSizes = List.copyOf(layerSizes);
        checkArgument(activation != null && SUPPORTED_ACTIVATIONS.contains(activation),
                "activation must be one of %s, got %s", SUPPORTED_ACTIVATIONS, activation);
        checkArgument(dataType == DataType.FLOAT || dataType == DataType.DOUBLE,
                "dataType must be FLOAT or DOUBLE, got %s", dataType);
        long count = 0;
        for (int l = 1; l < layerSizes.size(); l++) {
            count += ((long) layerSizes.get(l - 1) + 1) * layerSizes.get(l);
        }
        checkArgument(count < Integer.MAX_VALUE, "too many parameters: %s", count);
    }

    /**
     * ReLU hidden layers in FLOAT.
     *
     * @param layerSizes {@code [d, h_1, ..., K]}, at least 2 entries, each {@code >= 1}
     * @throws IllegalArgumentException otherwise
     */
    public static MlpArchitecture of(int... layerSizes) {
        checkNotNull(layerSizes, "layerSizes");
        return new MlpArchitecture(java.util.Arrays.stream(layerSizes).boxed().toList(), Activation.RELU,
                DataType.FLOAT);
    }

    /** This architecture with another hidden activation (validated). */
    public MlpArchitecture withActivation(Activation newActivation) {
        return new MlpArchitecture(layerSizes, newActivation, dataType);
    }

    /** This architecture with another data type (validated: FLOAT or DOUBLE). */
    public MlpArchitecture withDataType(DataType newDataType) {
        return new MlpArchitecture(layerSizes, activation, newDataType);
    }

    /** The input dimension {@code d}. */
    public int inputSize() {
        return layerSizes.get(0);
    }

    /** The number of classes {@code K}. */
    public int outputSize() {
        return layerSizes.get(layerSizes.size() - 1);
    }

    /** The number of weight layers ({@code layerSizes().size() - 1}). */
    public int layerCount() {
        return layerSizes.size() - 1;
    }

    /** The number of weights and biases: {@code Σ_l (h_{l-1} + 1) · h_l}. */
    public long parameterCount() {
        long count = 0;
        for (int l = 1; l < layerSizes.size(); l++) {
            count += ((long) layerSizes.get(l - 1) + 1) * layerSizes.get(l);
        }
        return count;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < layerSizes.size(); i++) {
            s.append(i == 0 ? "" : "-").append(layerSizes.get(i));
        }
        return s + " " + activation + " " + dataType;
    }
}
