package org.distill4j.core.rid;

import org.distill4j.core.compression.MlpArchitecture;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward passes of an {@code MlpStudent}'s network over its flat parameter layout
 * ({@code W_0, b_0, W_1, b_1, ...}, {@code W_l} of shape {@code [h_l, h_{l+1}]} in C order; hidden layers
 * {@code g(h·W + b)}), with an extra gradient injected on one hidden layer's output: what representation terms
 * need. The activation's derivative is ND4J's own ({@link IActivation#backprop}). Stateless; confined to the
 * calling thread.
 */
final class StudentNet {

    private final MlpArchitecture architecture;
    private final IActivation activation;
    private final long[] offsets;

    StudentNet(MlpArchitecture architecture) {
        this.architecture = architecture;
        this.activation = architecture.activation().getActivationFunction();
        int layers = architecture.layerCount();
        this.offsets = new long[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            offsets[l] = offset;
            offset += (long) in(l) * out(l) + out(l);
        }
    }

    /** One forward pass: pre-activations, hidden outputs and logits. */
    record Forward(INDArray input, INDArray[] pre, INDArray[] hidden, INDArray logits) {
    }

    int hiddenLayers() {
        return architecture.layerCount() - 1;
    }

    int hiddenWidth(int layer) {
        return out(layer);
    }

    Forward forward(INDArray parameters, INDArray input) {
        int count = architecture.layerCount();
        INDArray[] pre = new INDArray[count - 1];
        INDArray[] hidden = new INDArray[count - 1];
        INDArray a = input;
        for (int l = 0; l < count - 1; l++) {
            pre[l] = a.mmul(weights(parameters, l)).addiRowVector(bias(parameters, l));
            hidden[l] = activation.getActivation(pre[l].dup(), true);
            a = hidden[l];
        }
        INDArray logits = a.mmul(weights(parameters, count - 1)).addiRowVector(bias(parameters, count - 1));
        return new Forward(input, pre, hidden, logits);
    }

    /**
     * Back-propagates {@code logitGradient} (and {@code hiddenGradient} on hidden layer {@code layer}'s output,
     * when not null) into {@code gradientOut} ({@code [1, P]}, overwritten).
     */
    void backward(INDArray parameters, Forward f, INDArray logitGradient, int layer, INDArray hiddenGradient,
            INDArray gradientOut) {
        INDArray delta = logitGradient;
        for (int l = architecture.layerCount() - 1; l >= 0; l--) {
            INDArray in = l == 0 ? f.input() : f.hidden()[l - 1];
            weights(gradientOut, l).assign(in.transpose().mmul(delta));
            bias(gradientOut, l).assign(delta.sum(true, 0));
            if (l > 0) {
                INDArray dh = delta.mmul(weights(parameters, l).transpose());
                if (hiddenGradient != null && l - 1 == layer) {
                    dh.addi(hiddenGradient);
                }
                delta = activation.backprop(f.pre()[l - 1].dup(), dh).getFirst();
            }
        }
    }

    private int in(int l) {
        return architecture.layerSizes().get(l);
    }

    private int out(int l) {
        return architecture.layerSizes().get(l + 1);
    }

    private INDArray weights(INDArray flat, int l) {
        return FlatParameters.matrix(flat, offsets[l], in(l), out(l));
    }

    private INDArray bias(INDArray flat, int l) {
        return FlatParameters.row(flat, offsets[l] + (long) in(l) * out(l), out(l));
    }
}
