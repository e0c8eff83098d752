package org.distill4j.generative.rbm;

import org.distill4j.core.linalg.Gemm;
import org.distill4j.core.linalg.HostView;
import org.distill4j.core.random.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fused half-steps of block Gibbs sampling for {@code n} particles of an RBM whose parameters change between calls
 * (the trainer's): each half-step is one gemm into a native buffer, then one pass on the heap adding the bias,
 * {@link FusedPasses#sigmoid} and, where a state is needed, {@link FusedPasses#bernoulli}; no ND4J element-wise
 * operation and no allocation. The visible states {@code v} and the stored hidden probabilities {@code ph} may be
 * views into larger arrays (the trainer stacks the positive and negative particles so that the weight gradient
 * is one gemm). Mutable, not thread-safe; one per training run.
 */
final class GibbsBlock {

    final int n;
    final int visible;
    final int hidden;
    /** The visible states, {@code [n, V]}. */
    final INDArray v;
    /** The hidden probabilities as last stored, {@code [n, H]} (possibly negated, see {@link #storeHidden}). */
    final INDArray ph;
    private final HostView vView;
    private final HostView phView;
    private final Scratch scratch;

    GibbsBlock(INDArray v, INDArray ph, Scratch scratch) {
        this.n = (int) v.rows();
        this.visible = (int) v.columns();
        this.hidden = (int) ph.columns();
        this.v = v;
        this.ph = ph;
        this.vView = HostView.of(v);
        this.phView = HostView.of(ph);
        this.scratch = scratch;
    }

    /** Copies rows of {@code data} (a host view of a dense {@code [N, V]} matrix) into the visible states. */
    void loadRows(HostView data, int[] rows, int from) {
        for (int i = 0; i < n; i++) {
            data.copyTo(rows[from + i] * visible, vView, i * visible, visible);
        }
    }

    /** Draws every visible state from {@code Bernoulli(σ(b))}. */
    void drawVisibleFromBiases(double[] b, SplitMix64 random) {
        double[] z = scratch.zv;
        for (int i = 0; i < n; i++) {
            System.arraycopy(b, 0, z, i * visible, visible);
        }
        FusedPasses.sigmoid(z, n * visible);
        FusedPasses.bernoulli(z, scratch.sv, n * visible, random, scratch.sv);
        FusedPasses.store(scratch.sv, 1.0, vView, scratch.staging, null);
    }

    /** Computes {@code σ(v W + c)} into the heap ({@link Scratch#zh}). */
    void hiddenProbabilities(INDArray w, double[] c) {
        Gemm.gemm(v, w, scratch.hPre, false, false, 1.0, 0.0);
        FusedPasses.load(scratch.hPreView, c, scratch.zh, scratch.staging);
        FusedPasses.sigmoid(scratch.zh, n * hidden);
    }

    /** Draws hidden states from the probabilities on the heap into the native hidden states. */
    void drawHidden(SplitMix64 random) {
        FusedPasses.bernoulli(scratch.zh, scratch.sh, n * hidden, random, scratch.sh);
        FusedPasses.store(scratch.sh, 1.0, scratch.hStateView, scratch.staging, null);
    }

    /** Writes {@code scale ·} the hidden probabilities on the heap into {@link #ph}. */
    void storeHidden(double scale) {
        FusedPasses.store(scratch.zh, scale, phView, scratch.staging, scratch.sh);
    }

    /** {@code v ~ σ(h Wᵀ + b)} from the native hidden states, into {@code target}'s visible states. */
    void drawVisible(INDArray w, double[] b, SplitMix64 random, GibbsBlock target) {
        Gemm.gemm(scratch.hState, w, scratch.vPre, false, true, 1.0, 0.0);
        FusedPasses.load(scratch.vPreView, b, scratch.zv, scratch.staging);
        FusedPasses.sigmoid(scratch.zv, n * visible);
        FusedPasses.bernoulli(scratch.zv, scratch.sv, n * visible, random, scratch.sv);
        FusedPasses.store(scratch.sv, 1.0, target.vView, scratch.staging, null);
    }

    /** Native and heap temporaries for {@code n} particles, shared by blocks that run one after the other. */
    static final class Scratch {
        final INDArray hPre;
        final INDArray vPre;
        final INDArray hState;
        final HostView hPreView;
        final HostView vPreView;
        final HostView hStateView;
        final double[] zh;
        final double[] zv;
        final double[] sh;
        final double[] sv;
        final float[] staging;

        Scratch(int n, int visible, int hidden, DataType type) {
            this.hPre = Nd4j.create(type, n, hidden);
            this.vPre = Nd4j.create(type, n, visible);
            this.hState = Nd4j.create(type, n, hidden);
            this.hPreView = HostView.of(hPre);
            this.vPreView = HostView.of(vPre);
            this.hStateView = HostView.of(hState);
            this.zh = new double[n * hidden];
            this.zv = new double[n * visible];
            this.sh = new double[n * hidden];
            this.sv = new double[n * visible];
            this.staging = new float[n * Math.max(visible, hidden)];
        }
    }
}
