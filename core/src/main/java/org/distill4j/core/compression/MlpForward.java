package org.distill4j.core.compression;

import org.distill4j.core.linalg.Gemm;
import org.distill4j.core.objective.LogSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One forward pass of an MLP on a batch, keeping what back-propagation and the Jacobian need: the input, each
 * hidden layer's output {@code h_j = g(z_j)} and (on request) derivative {@code g'(z_j)}, the logits, and lazily
 * the log-probabilities and probabilities. Confined to one thread.
 */
final class MlpForward {

    final INDArray input;
    final INDArray[] hidden;
    final INDArray[] derivatives;
    final INDArray logits;
    private INDArray logProbabilities;
    private INDArray probabilities;

    private MlpForward(INDArray input, INDArray[] hidden, INDArray[] derivatives, INDArray logits) {
        this.input = input;
        this.hidden = hidden;
        this.derivatives = derivatives;
        this.logits = logits;
    }

    /**
     * Runs the network.
     *
     * @param layers parameter views
     * @param activation the hidden activation
     * @param input {@code [n, d]} in the parameters' dtype; kept by reference, not modified
     * @param withDerivatives whether to keep {@code g'(z_j)} (training, Jacobians, JVPs)
     */
    static MlpForward run(MlpLayers layers, HiddenActivation activation, INDArray input, boolean withDerivatives) {
        return run(layers, activation, input, withDerivatives, null);
    }

    /**
     * Runs the network, writing the pre-activations and derivatives into {@code buffers} (sized for
     * {@code input}'s rows) instead of new arrays; {@code null} buffers create new arrays. Same numbers either way.
     */
    static MlpForward run(MlpLayers layers, HiddenActivation activation, INDArray input, boolean withDerivatives,
            StepBuffers buffers) {
        int count = layers.count();
        INDArray[] hidden = new INDArray[count - 1];
        INDArray[] derivatives = new INDArray[count - 1];
        INDArray a = input;
        INDArray z = null;
        for (int l = 0; l < count; l++) {
            z = buffers == null ? Gemm.mmul(a, layers.weights[l])
                    : Gemm.gemm(a, layers.weights[l], buffers.preActivations[l], false, false, 1.0, 0.0);
            if (FusedKernels.applicable(z, layers.biases[l])) {
                if (l < count - 1) {
                    INDArray derivative = !withDerivatives || activation == HiddenActivation.IDENTITY ? null
                            : buffers == null ? Nd4j.createUninitialized(z.dataType(), z.shape())
                            : buffers.derivatives[l];
                    FusedKernels.biasActivation(z, layers.biases[l], activation, derivative);
                    derivatives[l] = derivative;
                    hidden[l] = z;
                    a = z;
                } else {
                    FusedKernels.addBias(z, layers.biases[l]);
                }
                continue;
            }
            z.addiRowVector(layers.biases[l]);
            if (l < count - 1) {
                INDArray h = activation.apply(z);
                if (withDerivatives) {
                    derivatives[l] = activation.derivative(z, h);
                }
                hidden[l] = h;
                a = h;
            }
        }
        return new MlpForward(input, hidden, derivatives, z);
    }

    /** {@code log softmax(logits)}, computed once. */
    INDArray logProbabilities() {
        if (logProbabilities == null) {
            logProbabilities = LogSoftmax.of(logits); // finite even when a probability underflows
        }
        return logProbabilities;
    }

    /** {@code softmax(logits)}, computed once. */
    INDArray probabilities() {
        if (probabilities == null) {
            probabilities = Transforms.exp(logProbabilities(), true);
        }
        return probabilities;
    }

    /** The batch size. */
    long rows() {
        return input.size(0);
    }
}
