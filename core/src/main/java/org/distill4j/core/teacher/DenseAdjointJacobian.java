package org.distill4j.core.teacher;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.linalg.Gemm;
import org.distill4j.core.linalg.Workspaces;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The exact input Jacobian of log-probabilities of a chain of dense layers ending in a softmax layer, by
 * propagating all {@code K} adjoints backward at once with batched matrix products:
 * {@code V_L = I − 1·pᵀ} (the Jacobian of {@code log softmax}), {@code V ← (V·W_lᵀ) ⊙ g'(a_l)} through each hidden
 * layer, and {@code J = V_1·W_1ᵀ}. Cost: one forward pass plus {@code L} products of {@code [nK, h]} matrices,
 * instead of {@code K} full backward passes.
 */
final class DenseAdjointJacobian {

    /** Adjoint entries (rows times classes times the widest layer) per chunk of inputs, bounding memory. */
    static final long MAX_ADJOINT_ENTRIES = 1L << 22;

    /**
     * One dense layer {@code a = h·W + b}, {@code h' = g(a)}.
     *
     * @param weights {@code [in, out]}
     * @param bias {@code [1, out]} or {@code null}
     * @param activation element-wise {@code g} (ignored for the softmax output layer)
     */
    record Dense(INDArray weights, INDArray bias, IActivation activation) {
    }

    private DenseAdjointJacobian() {
    }

    /**
     * @param inputs {@code [n, d]} in the layers' data type; not modified
     * @param hidden the hidden layers in order (element-wise activations)
     * @param output the softmax output layer
     * @return a new {@code [n, K, d]} array
     */
    static INDArray jacobian(INDArray inputs, List<Dense> hidden, Dense output) {
        return jacobian(inputs, hidden, output, MAX_ADJOINT_ENTRIES);
    }

    /** As {@link #jacobian(INDArray, List, Dense)}, with at most {@code maxEntries} adjoint entries per chunk. */
    static INDArray jacobian(INDArray inputs, List<Dense> hidden, Dense output, long maxEntries) {
        long n = inputs.size(0);
        long k = output.weights().size(1);
        long widest = Math.max(k, inputs.size(1));
        for (Dense layer : hidden) {
            widest = Math.max(widest, layer.weights().size(1));
        }
        long chunk = Math.max(1, maxEntries / (k * widest));
        long d = inputs.size(1);
        INDArray out;
        try (MemoryWorkspace ignored = Workspaces.outside()) {
            out = Nd4j.create(inputs.dataType(), n, k, d); // the caller's, whatever workspace it is in
        }
        for (long start = 0; start < n; start += chunk) {
            long end = Math.min(n, start + chunk);
            INDArray rows = n <= chunk ? inputs : inputs.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray target = n <= chunk ? out
                    : out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all());
            // the adjoints (tens of megabytes per chunk) live in a per-thread arena reused from call to call:
            // fresh off-heap buffers of that size cost page faults and zeroing comparable to the products
            try (MemoryWorkspace ignored = Workspaces.open(Workspaces.TEACHER_JACOBIAN)) {
                target.assign(chunk(rows, hidden, output));
            }
        }
        return out;
    }

    private static INDArray chunk(INDArray inputs, List<Dense> hidden, Dense output) {
        long n = inputs.size(0);
        // every temporary below is freed as soon as it is used: a chunk's adjoints take tens of megabytes, and ND4J
        // would otherwise hold them until the garbage collector runs
        List<INDArray> derivatives = new ArrayList<>(hidden.size());
        INDArray h = inputs;
        for (Dense layer : hidden) {
            INDArray a = affine(h, layer);
            derivatives.add(layer.activation().backprop(a.dup(), Nd4j.onesLike(a)).getFirst());
            INDArray next = layer.activation().getActivation(a, false);
            if (h != inputs) {
                free(h);
            }
            h = next;
        }
        INDArray logits = affine(h, output);
        INDArray p = new ActivationSoftmax().getActivation(logits, false);
        if (h != inputs) {
            free(h);
        }
        long k = p.size(1);
        // V[r, i, j] = δ_ij − p_rj : the Jacobian of log softmax with respect to the logits
        INDArray v = p.reshape(n, 1, k).repeat(1, k).negi();
        free(p);
        Broadcast.add(v, Nd4j.eye(k).castTo(v.dataType()), v, 1, 2);
        INDArray adjoint = Gemm.mmul(v.reshape(n * k, k), output.weights(), false, true);
        free(v);
        for (int l = hidden.size() - 1; l >= 0; l--) {
            INDArray g = derivatives.get(l);
            INDArray adjoint3 = adjoint.reshape(n, k, g.size(1));
            Broadcast.mul(adjoint3, g, adjoint3, 0, 2);
            INDArray next = Gemm.mmul(adjoint3.reshape(n * k, g.size(1)), hidden.get(l).weights(), false, true);
            free(adjoint);
            free(g);
            adjoint = next;
        }
        return adjoint.reshape('c', n, k, inputs.size(1));
    }

    private static void free(INDArray array) {
        if (array.closeable()) {
            array.close();
        }
    }

    private static INDArray affine(INDArray h, Dense layer) {
        INDArray a = Gemm.mmul(h, layer.weights());
        return layer.bias() == null ? a : a.addiRowVector(layer.bias());
    }
}
