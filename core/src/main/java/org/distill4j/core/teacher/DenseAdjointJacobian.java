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
        long chunk = chunkRows(maxEntries, inputs.size(1), List.of(layers(hidden, output)));
        return inChunks(inputs, output.weights().size(1), chunk,
                (rows, target) -> propagate(forward(rows, hidden, output), hidden, output, null, target, false));
    }

    /** Fills the rows {@code [r·K, (r+m)·K)} of an {@code [n·K, d]} result from a chunk of {@code m} input rows. */
    interface ChunkFiller {
        void fill(INDArray rows, INDArray target);
    }

    /**
     * A new {@code [n, K, d]} array (outside any workspace: the caller's), filled chunk by chunk of at most
     * {@code chunk} input rows; each chunk's temporaries live in the per-thread workspace
     * {@link Workspaces#TEACHER_JACOBIAN}, reused from call to call (fresh off-heap buffers of tens of megabytes
     * cost page faults and zeroing comparable to the products).
     */
    @SuppressWarnings("try")
    static INDArray inChunks(INDArray inputs, long k, long chunk, ChunkFiller filler) {
        long n = inputs.size(0);
        long d = inputs.size(1);
        INDArray out;
        try (MemoryWorkspace ignored = Workspaces.outside()) {
            out = Nd4j.createUninitialized(inputs.dataType(), n, k, d); // every entry is written
        }
        INDArray flat = out.reshape('c', n * k, d);
        for (long start = 0; start < n; start += chunk) {
            long end = Math.min(n, start + chunk);
            INDArray rows = n <= chunk ? inputs : inputs.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray target = n <= chunk ? flat
                    : flat.get(NDArrayIndex.interval(start * k, end * k), NDArrayIndex.all());
            try (MemoryWorkspace ignored = Workspaces.open(Workspaces.TEACHER_JACOBIAN)) {
                filler.fill(rows, target);
            }
        }
        return out;
    }

    /** The layers of a chain, hidden ones first. */
    static List<Dense> layers(List<Dense> hidden, Dense output) {
        List<Dense> all = new ArrayList<>(hidden);
        all.add(output);
        return all;
    }

    /**
     * Rows per chunk so that a chunk's adjoints hold at most {@code maxEntries} entries in the widest layer of any
     * of the chains (each a list of layers).
     */
    static long chunkRows(long maxEntries, long inputSize, List<List<Dense>> chains) {
        long k = 1;
        long widest = inputSize;
        for (List<Dense> chain : chains) {
            k = Math.max(k, chain.get(chain.size() - 1).weights().size(1));
            for (Dense layer : chain) {
                widest = Math.max(widest, layer.weights().size(1));
            }
        }
        return Math.max(1, maxEntries / (k * widest));
    }

    /**
     * The forward pass of a chunk: the hidden layers' derivatives {@code g'(a_l)} and the output probabilities, in
     * the current workspace.
     */
    record Forward(List<INDArray> derivatives, INDArray probabilities) {
    }

    static Forward forward(INDArray inputs, List<Dense> hidden, Dense output) {
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
        return new Forward(derivatives, p);
    }

    /**
     * Writes, or adds, {@code s_ri · ∂ log p_i(x_r) / ∂x} into row {@code r·K + i} of {@code target}, for a chunk's
     * forward pass. The row weights {@code s} enter at the start of the backward pass (it is linear in the adjoints),
     * so weighting costs {@code n·K²} multiplications instead of {@code n·K·d}, and the last product accumulates
     * straight into {@code target} (BLAS's {@code β = 1}) instead of into a temporary.
     *
     * @param scale {@code [n, K]} row weights, or {@code null} for 1
     * @param target {@code [n·K, d]}, dense, in the inputs' data type
     * @param add whether to add to {@code target} rather than overwrite it
     */
    static void propagate(Forward forward, List<Dense> hidden, Dense output, INDArray scale, INDArray target,
            boolean add) {
        INDArray p = forward.probabilities();
        long n = p.size(0);
        long k = p.size(1);
        // V[r, i, j] = δ_ij − p_rj : the Jacobian of log softmax with respect to the logits
        INDArray v = p.reshape(n, 1, k).repeat(1, k).negi();
        Broadcast.add(v, Nd4j.eye(k).castTo(v.dataType()), v, 1, 2);
        if (scale != null) {
            Broadcast.mul(v, scale, v, 0, 1);
        }
        INDArray adjoint = v.reshape(n * k, k);
        Dense next = output;
        for (int l = hidden.size() - 1; l >= 0; l--) {
            INDArray product = Gemm.mmul(adjoint, next.weights(), false, true);
            free(adjoint);
            INDArray g = forward.derivatives().get(l);
            INDArray product3 = product.reshape(n, k, g.size(1));
            Broadcast.mul(product3, g, product3, 0, 2);
            adjoint = product;
            next = hidden.get(l);
        }
        Gemm.gemm(adjoint, next.weights(), target, false, true, 1.0, add ? 1.0 : 0.0);
        free(adjoint);
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
