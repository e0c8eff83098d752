package org.distill4j.core.teacher;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The exact input Jacobian of log-probabilities from a network's own backward pass, one pass per class, all
 * classes batched together: for a softmax output with multi-class cross-entropy, the loss gradient with respect to
 * the inputs for the one-hot label {@code k} is {@code -∂ log p_k / ∂x} per example (DL4J does not divide input
 * gradients by the minibatch size; the finite-difference tests check this).
 */
final class BackpropJacobian {

    /** Rows per backward pass (inputs times classes), bounding memory. */
    static final int MAX_ROWS_PER_PASS = 8192;

    /** One backward pass: features {@code [m, d]}, one-hot labels {@code [m, K]} to the input gradient {@code [m, d]}. */
    @FunctionalInterface
    interface InputGradient {
        INDArray of(INDArray features, INDArray labels);
    }

    private BackpropJacobian() {
    }

    /**
     * @param inputs {@code [n, d]} in the network's data type; not modified
     * @return a new {@code [n, K, d]} array, entry {@code [r, k, j] = ∂ log p_k(x_r) / ∂x_rj}
     */
    static INDArray jacobian(INDArray inputs, int classes, InputGradient backward) {
        long n = inputs.size(0);
        long d = inputs.size(1);
        DataType type = inputs.dataType();
        INDArray out = Nd4j.create(type, n, classes, d);
        long chunk = Math.max(1, MAX_ROWS_PER_PASS / classes);
        INDArray eye = Nd4j.eye(classes).castTo(type);
        for (long start = 0; start < n; start += chunk) {
            long end = Math.min(n, start + chunk);
            long m = end - start;
            INDArray rows = inputs.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            // block k (rows k*m .. k*m+m-1) holds all m inputs, labelled with class k
            INDArray tiled = rows.reshape(1, m, d).repeat(0, classes).reshape(classes * m, d);
            INDArray labels = eye.repeat(0, m);
            INDArray gradient = backward.of(tiled, labels);
            INDArray block = gradient.reshape(classes, m, d).permute(1, 0, 2).neg();
            out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all()).assign(block);
        }
        return out;
    }
}
