package org.distill4j.core.compression;

import org.distill4j.core.linalg.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Ordinary back-propagation through an MLP from a gradient on its logits, with optional extra gradients on the
 * hidden pre-activations (which derivative matching's reverse pass produces when {@code g'' ≠ 0}). Writes the
 * parameter gradient into per-layer views of a flat gradient vector. Stateless.
 */
final class MlpBackprop {

    private MlpBackprop() {
    }

    /**
     * @param params parameter views
     * @param grads gradient views, written
     * @param forward the forward pass, with derivatives
     * @param logitGradient {@code [n, K]} gradient on the logits; not modified
     * @param extraPreActivation per hidden layer {@code [n, h_j]} extra gradients, or {@code null} entries (or
     *     a {@code null} array) where there are none
     * @param accumulate {@code true} to add to the weight gradients already in {@code grads} (biases are always
     *     overwritten), {@code false} to overwrite them
     */
    static void backward(MlpLayers params, MlpLayers grads, MlpForward forward, INDArray logitGradient,
            INDArray[] extraPreActivation, boolean accumulate) {
        backward(params, grads, forward, logitGradient, extraPreActivation, accumulate, null);
    }

    /**
     * As {@link #backward(MlpLayers, MlpLayers, MlpForward, INDArray, INDArray[], boolean)}, writing the hidden
     * deltas into {@code buffers} (sized for the batch) instead of new arrays when it is not {@code null}.
     */
    static void backward(MlpLayers params, MlpLayers grads, MlpForward forward, INDArray logitGradient,
            INDArray[] extraPreActivation, boolean accumulate, StepBuffers buffers) {
        double beta = accumulate ? 1.0 : 0.0;
        INDArray delta = logitGradient;
        for (int l = params.count() - 1; l >= 0; l--) {
            INDArray in = l == 0 ? forward.input : forward.hidden[l - 1];
            Gemm.gemm(in, delta, grads.weights[l], true, false, 1.0, beta);
            if (FusedKernels.applicable(delta, grads.biases[l])) {
                FusedKernels.columnSums(delta, grads.biases[l]);
            } else {
                delta.sum(grads.biases[l], 0);
            }
            if (l > 0) {
                INDArray next = buffers == null ? Gemm.mmul(delta, params.weights[l], false, true)
                        : Gemm.gemm(delta, params.weights[l], buffers.deltas[l - 1], false, true, 1.0, 0.0);
                INDArray derivative = forward.derivatives[l - 1];
                INDArray extra = extraPreActivation == null ? null : extraPreActivation[l - 1];
                if (FusedKernels.applicable(next, derivative, extra)) {
                    FusedKernels.multiplyAdd(next, derivative, extra);
                } else {
                    if (derivative != null) {
                        next.muli(derivative);
                    }
                    if (extra != null) {
                        next.addi(extra);
                    }
                }
                delta = next;
            }
        }
    }
}
