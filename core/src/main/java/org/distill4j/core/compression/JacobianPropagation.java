package org.distill4j.core.compression;

import org.distill4j.core.linalg.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input-Jacobian of an MLP's log-softmax outputs, and one explicit reverse pass through its computation:
 * what derivative matching needs (Papamakarios 2015, ch. 2, section 2.3, which uses Pearlmutter's R-operator;
 * DL4J M2.1 has no double back-propagation, so the reverse pass is written out here).
 *
 * <p><b>Forward.</b> With weight layers {@code l = 0..L-1}, {@code W_l} of shape {@code [h_l, h_{l+1}]}
 * ({@code h_0 = d}, {@code h_L = K}), hidden derivatives {@code g'_j = g'(z_j)} and softmax output {@code q},
 * the adjoints of the K log-probabilities with respect to each layer's pre-activations, {@code U_l} of shape
 * {@code [n, K, h_{l+1}]}, are propagated downwards:
 * <pre>
 *   U_{L-1}[r,i,:] = e_i − q_r                      (∂ log q_i / ∂z, the log-softmax Jacobian)
 *   P_{l-1} = U_l · W_lᵀ,  U_{l-1} = P_{l-1} ⊙ g'_{l-1}   (⊙ broadcast over the K outputs)
 *   J = U_0 · W_0ᵀ                                   ([n, K, d])
 * </pre>
 * Each step is one gemm on the {@code [n·K, ·]} reshapes, so the cost is {@code O(n·K·params)}: much cheaper
 * than forward mode over the {@code d} inputs when {@code K ≪ d}.
 *
 * <p><b>Reverse.</b> Given {@code G = ∂L/∂J}, with {@code D} the gradient on the current product
 * {@code R_l = U_l · W_lᵀ} (starting with {@code D = G}): {@code ∂W_l += Dᵀ·U_l}; below the top,
 * {@code ∂U_l = D·W_l}, then through {@code U_l = P_l ⊙ g'_l}: {@code D ← ∂U_l ⊙ g'_l} and the hidden
 * pre-activation {@code z_l} receives {@code (Σ_i ∂U_l ⊙ P_l) ⊙ g''_l} (zero for ReLU, not for tanh, sigmoid or
 * softplus). At the top, {@code U_{L-1} = I − 1·qᵀ} gives {@code ∂q = −(Σ_i D)·W_{L-1}} and the logits receive
 * {@code q ⊙ (∂q − ⟨∂q, q⟩)}. The caller then runs ordinary back-propagation with those extra logit and
 * pre-activation gradients ({@link MlpBackprop}, accumulating onto the weight gradients written here).
 *
 * <p>One instance per forward pass; confined to one thread.
 */
final class JacobianPropagation {

    private final MlpLayers params;
    private final MlpForward forward;
    private final HiddenActivation activation;
    /** {@code u[l]}: {@code [n, K, h_{l+1}]}. */
    private final INDArray[] u;
    /**
     * {@code p[j]}: {@code [n, K, h_{j+1}]}, the adjoint on hidden output {@code j} before {@code ⊙ g'_j}; kept
     * only for activations with curvature.
     */
    private final INDArray[] p;
    private final INDArray jacobian;

    private JacobianPropagation(MlpLayers params, MlpForward forward, HiddenActivation activation,
            INDArray jacobianOut) {
        this.params = params;
        this.forward = forward;
        this.activation = activation;
        int layers = params.count();
        long n = forward.rows();
        int k = (int) forward.logits.size(1);
        this.u = new INDArray[layers];
        this.p = new INDArray[layers - 1];

        INDArray q = forward.probabilities();
        // U_{L-1} = I − 1·qᵀ: [1, K, K] minus [n, 1, K], broadcast to [n, K, K].
        u[layers - 1] = Nd4j.eye(k).castTo(q.dataType()).reshape('c', 1, k, k).sub(q.reshape('c', n, 1, k));
        for (int l = layers - 1; l >= 1; l--) {
            INDArray product = times(u[l], params.weights[l], true, n, k);
            INDArray derivative = forward.derivatives[l - 1];
            if (derivative == null) {
                u[l - 1] = product;
            } else if (activation.hasCurvature()) {
                p[l - 1] = product;
                u[l - 1] = product.mul(overOutputs(derivative, n));
            } else {
                u[l - 1] = product.muli(overOutputs(derivative, n));
            }
        }
        INDArray j = jacobianOut != null
                ? jacobianOut
                : Nd4j.create(u[0].dataType(), n, k, params.weights[0].size(0));
        Gemm.gemm(flat(u[0], n, k), params.weights[0], flat(j, n, k), false, true, 1.0, 0.0);
        this.jacobian = j;
    }

    /**
     * Propagates the adjoints of a forward pass that kept its derivatives.
     *
     * @param params parameter views
     * @param forward the forward pass ({@code withDerivatives = true})
     * @param activation the hidden activation
     * @param jacobianOut a C-ordered {@code [n, K, d]} array to write the Jacobian into, or {@code null} to
     *     allocate one in the current workspace
     */
    static JacobianPropagation of(MlpLayers params, MlpForward forward, HiddenActivation activation,
            INDArray jacobianOut) {
        return new JacobianPropagation(params, forward, activation, jacobianOut);
    }

    /** The Jacobian {@code [n, K, d]} of the log-probabilities with respect to the inputs; owned by this object. */
    INDArray jacobian() {
        return jacobian;
    }

    /**
     * The reverse pass: writes (overwrites) every weight gradient in {@code grads} with the Jacobian's
     * contribution and returns the extra gradients that ordinary back-propagation must add.
     *
     * @param jacobianGradient {@code [n, K, d]} gradient of the loss with respect to {@link #jacobian()}; not
     *     modified
     * @param grads gradient views; weights written, biases untouched
     * @return the extra logit gradient {@code [n, K]} and, per hidden layer, the extra pre-activation gradient
     *     (or {@code null} entries for activations without curvature)
     */
    Extra reverse(INDArray jacobianGradient, MlpLayers grads) {
        int layers = params.count();
        long n = forward.rows();
        int k = (int) forward.logits.size(1);
        INDArray[] extra = new INDArray[layers - 1];
        INDArray d = jacobianGradient;
        for (int l = 0; ; l++) {
            Gemm.gemm(flat(d, n, k), flat(u[l], n, k), grads.weights[l], true, false, 1.0, 0.0);
            if (l == layers - 1) {
                break;
            }
            INDArray du = times(d, params.weights[l], false, n, k);
            INDArray derivative = forward.derivatives[l];
            if (activation.hasCurvature()) {
                INDArray dDerivative = du.mul(p[l]).sum(1);
                extra[l] = dDerivative.muli(activation.secondDerivative(forward.hidden[l], derivative));
            }
            if (derivative != null) {
                du.muli(overOutputs(derivative, n));
            }
            d = du;
        }
        INDArray q = forward.probabilities();
        INDArray dq = Gemm.mmul(d.sum(1), params.weights[layers - 1]).negi();
        INDArray inner = dq.mul(q).sum(true, 1);
        INDArray logitGradient = dq.subiColumnVector(inner).muli(q);
        return new Extra(logitGradient, extra);
    }

    /** What the Jacobian's reverse pass adds to ordinary back-propagation. */
    static final class Extra {
        final INDArray logitGradient;
        final INDArray[] preActivation;

        Extra(INDArray logitGradient, INDArray[] preActivation) {
            this.logitGradient = logitGradient;
            this.preActivation = preActivation;
        }
    }

    /** {@code a · wᵀ} (or {@code a · w}) with {@code a} of shape {@code [n, K, m]}, as a new {@code [n, K, ·]}. */
    private static INDArray times(INDArray a, INDArray w, boolean transposeW, long n, int k) {
        long out = transposeW ? w.size(0) : w.size(1);
        INDArray result = Nd4j.create(a.dataType(), n, k, out);
        Gemm.gemm(flat(a, n, k), w, flat(result, n, k), false, transposeW, 1.0, 0.0);
        return result;
    }

    /** {@code [n, h]} as {@code [n, 1, h]}, which broadcasts over the K outputs of an {@code [n, K, h]} array. */
    private static INDArray overOutputs(INDArray perRow, long n) {
        return perRow.reshape('c', n, 1, perRow.size(1));
    }

    /** The {@code [n·K, m]} view of a C-ordered {@code [n, K, m]} array. */
    private static INDArray flat(INDArray a, long n, int k) {
        return a.reshape('c', n * k, a.size(2));
    }
}
