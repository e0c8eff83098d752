package org.distill4j.core.compression;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Per-layer views of a flat {@code [1, P]} vector laid out as {@code W_0, b_0, W_1, b_1, ...}, with
 * {@code W_l} of shape {@code [h_l, h_{l+1}]} in C order and {@code b_l} of shape {@code [1, h_{l+1}]}. Used for
 * parameters and for gradients alike. Writing through a view writes the flat vector.
 */
final class MlpLayers {

    final INDArray flat;
    final INDArray[] weights;
    final INDArray[] biases;

    MlpLayers(MlpArchitecture architecture, INDArray flat) {
        this.flat = flat;
        int layers = architecture.layerCount();
        this.weights = new INDArray[layers];
        this.biases = new INDArray[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            int in = architecture.layerSizes().get(l);
            int out = architecture.layerSizes().get(l + 1);
            weights[l] = flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(offset, offset + (long) in * out))
                    .reshape('c', in, out);
            offset += (long) in * out;
            biases[l] = flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(offset, offset + out));
            offset += out;
        }
    }

    int count() {
        return weights.length;
    }
}
