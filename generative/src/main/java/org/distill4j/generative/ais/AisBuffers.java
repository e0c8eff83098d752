package org.distill4j.generative.ais;

import org.distill4j.core.linalg.Gemm;
import org.distill4j.core.linalg.HostView;
import org.distill4j.generative.rbm.FusedPasses;
import org.distill4j.core.random.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The state and temporaries of one AIS run of {@code R} chains, allocated once: the visible and hidden states and
 * the gemm outputs as native {@code [R, ·]} arrays, the pre-activations {@code x = v W + c}, the probabilities and
 * the draws as heap arrays, on which {@link FusedPasses}' loops do all the element-wise work. Per temperature:
 * {@link #addIncrements}, {@link #drawHidden}, one gemm for {@code h Wᵀ}, {@link #drawVisible} and
 * {@link #loadPreActivations} (the other gemm). Mutable, one per call.
 */
final class AisBuffers {

    /** Products of at most this many ratios in [1/2, 2] stay within double's range before their log is taken. */
    private static final int PRODUCT_CHUNK = 512;

    final int runs;
    final int visible;
    final int hiddenUnits;
    final INDArray visibleStates;
    final INDArray hidden;
    final INDArray hiddenPre;
    final INDArray visiblePre;
    final HostView visibleView;
    final HostView hiddenView;
    final HostView hiddenPreView;
    final HostView visiblePreView;
    /** {@code x = v W + c}, {@code [R, H]} row-major. */
    final double[] x;
    final double[] e;
    final double[] ePrev;
    /** The visible pre-activations, then probabilities. */
    final double[] zv;
    /** Hidden and visible draws. */
    final double[] sh;
    final double[] sv;
    final float[] staging;
    /** Per run: {@code v·(b − b_A)} and {@code Σ_j max(x_j, 0)} of the current states. */
    final double[] visibleTerm;
    final double[] positivePart;

    AisBuffers(int runs, int visible, int hidden, DataType type) {
        this.runs = runs;
        this.visible = visible;
        this.hiddenUnits = hidden;
        this.visibleStates = Nd4j.create(type, runs, visible);
        this.hidden = Nd4j.create(type, runs, hidden);
        this.hiddenPre = Nd4j.create(type, runs, hidden);
        this.visiblePre = Nd4j.create(type, runs, visible);
        this.visibleView = HostView.of(visibleStates);
        this.hiddenView = HostView.of(this.hidden);
        this.hiddenPreView = HostView.of(hiddenPre);
        this.visiblePreView = HostView.of(visiblePre);
        this.x = new double[runs * hidden];
        this.e = new double[runs * hidden];
        this.ePrev = new double[runs * hidden];
        this.zv = new double[runs * visible];
        this.sh = new double[runs * hidden];
        this.sv = new double[runs * visible];
        this.staging = new float[runs * Math.max(visible, hidden)];
        this.visibleTerm = new double[runs];
        this.positivePart = new double[runs];
    }

    /**
     * {@code logWeights[r] += log p_k*(v) − log p_{k−1}*(v) = Δ v·(b − b_A) + Σ_j [sp(β_k x_j) − sp(β_{k−1} x_j)]}
     * with {@code Δ = β_k − β_{k−1}}, using {@code sp(βx) = β max(x, 0) + log(1 + e^{−β|x|})} (β ≥ 0): the sum is
     * {@code Δ (v·(b − b_A) + Σ_j max(x_j, 0)) + log Π_j (1 + e^{−β_k|x_j|}) / (1 + e^{−β_{k−1}|x_j|})}, each
     * ratio in [1/2, 2], so one logarithm per run (per 512 units) and no overflow whatever the weights. Leaves
     * {@code e^{−β_k|x|}} in {@link #e} for {@link #drawHidden}.
     */
    void addIncrements(double bk, double bPrev, double[] logWeights) {
        int n = runs * hiddenUnits;
        FusedPasses.expOfMinusAbs(x, bk, e, n);
        FusedPasses.expOfMinusAbs(x, bPrev, ePrev, n);
        for (int i = 0; i < n; i++) {
            ePrev[i] = (1.0 + e[i]) / (1.0 + ePrev[i]);
        }
        double delta = bk - bPrev;
        for (int r = 0; r < runs; r++) {
            double logProduct = 0;
            int row = r * hiddenUnits;
            for (int from = 0; from < hiddenUnits; from += PRODUCT_CHUNK) {
                int to = Math.min(hiddenUnits, from + PRODUCT_CHUNK);
                double p0 = 1;
                double p1 = 1;
                int j = from;
                for (; j + 1 < to; j += 2) {
                    p0 *= ePrev[row + j];
                    p1 *= ePrev[row + j + 1];
                }
                if (j < to) {
                    p0 *= ePrev[row + j];
                }
                logProduct += Math.log(p0) + Math.log(p1);
            }
            logWeights[r] += delta * (visibleTerm[r] + positivePart[r]) + logProduct;
        }
    }

    /**
     * {@code h ~ σ(β_k x)} from {@code e = e^{−β_k|x|}} left by {@link #addIncrements}: {@code σ = 1/(1 + e)} for
     * {@code x ≥ 0} and {@code e/(1 + e)} otherwise (a branch-free select), then the draws into {@link #hidden}.
     */
    void drawHidden(SplitMix64 random) {
        int n = runs * hiddenUnits;
        for (int i = 0; i < n; i++) {
            double step = Math.min(1.0, Math.max(0.0, x[i] * 1e300));
            e[i] = Math.max(e[i], step) / (1.0 + e[i]);
        }
        FusedPasses.bernoulli(e, sh, n, random, sh);
        FusedPasses.store(sh, 1.0, hiddenView, staging, null);
    }

    /**
     * {@code v ~ σ(zv)} for the visible pre-activations in {@link #zv} (bias included), into
     * {@link #visibleStates}, and the runs' {@code v·(b − b_A)}.
     */
    void drawVisible(double[] dB, SplitMix64 random) {
        int n = runs * visible;
        FusedPasses.sigmoid(zv, n);
        FusedPasses.bernoulli(zv, sv, n, random, sv);
        FusedPasses.store(sv, 1.0, visibleView, staging, null);
        for (int r = 0; r < runs; r++) {
            double s = 0;
            int row = r * visible;
            for (int j = 0; j < visible; j++) {
                s += sv[row + j] * dB[j];
            }
            visibleTerm[r] = s;
        }
    }

    /** {@code x = v W + c} of the current visible states (one gemm), and the runs' {@code Σ_j max(x_j, 0)}. */
    void loadPreActivations(INDArray w, double[] c) {
        Gemm.gemm(visibleStates, w, hiddenPre, false, false, 1.0, 0.0);
        FusedPasses.load(hiddenPreView, c, x, staging);
        for (int r = 0; r < runs; r++) {
            double s = 0;
            int row = r * hiddenUnits;
            for (int j = 0; j < hiddenUnits; j++) {
                s += Math.max(x[row + j], 0.0);
            }
            positivePart[r] = s;
        }
    }
}
