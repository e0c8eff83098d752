package org.distill4j.generative.nade;

import static org.distill4j.generative.nade.NadeParameters.rows;

import java.util.Arrays;
import org.distill4j.core.linalg.Gemm;
import org.distill4j.generative.math.LogMath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The blockwise NADE computation for a batch of {@code B} examples, on buffers allocated once (a training run or
 * one evaluation reuses them; per block only small heap index arrays and the block's logits are allocated).
 * Positions are processed in blocks of {@code K}: with {@code x} in model order and
 * {@code a_d = c + Σ_{k<d} Wt[k] x_k}, the pre-activations of a block are
 * <pre>
 *   A[(j,b), :] = a_start[b, :] + Σ_i [i &lt; j] x[b, s+i] · Wt[s+i, :]        (masked [K·B, K] × [K, H])
 * </pre>
 * carried from block to block by {@code a_start += x_blk Wt_blk} (as {@code nade.py}'s blocked cumulative sum).
 * Rows repeat ({@code A[(j,b)] = A[(j−1,b)]} when {@code x[b, s+j−1] = 0}), so the gemm, the sigmoid and the
 * products with the block's {@code [K, H]} slice of {@code V} run on the distinct rows only, and each logit is
 * read from its row's products on the heap. In training, each block's gradient is computed as soon as its logits
 * are known: {@code g = ω (x − σ(l))} (on the heap) gives {@code ∂b}, {@code ∂V} (from the distinct rows) and
 * {@code ∂A = g V ⊙ h(1 − h)}; the in-block part of {@code ∂Wt} is the transposed masked gemm, and the part from
 * later blocks is added at the end by a reverse carry of the per-block sums of {@code ∂A}.
 *
 * <p>Mutable, not thread-safe; one instance per thread.
 */
final class NadeEngine {

    final int visible;
    final int hidden;
    final int batch;
    final int blockSize;
    final DataType type;

    /** Inputs in model order, position-major: row d is variable ordering[d] of every example. */
    final INDArray xT;
    /** Logits of p(x_d = 1 | x_<d), position-major. */
    final INDArray logits;
    /** The weights ω of a training pass, {@code [1, batch]}. */
    final INDArray rowWeights;
    /** Weighted logit gradients ω_b (x − σ(l)), position-major. */
    private final INDArray logitGradients;
    private final INDArray aStart;
    /** h(1 − h) of a block's distinct rows (training). */
    private final INDArray compactDerivatives;
    private final INDArray activationGradients;
    private final INDArray scratch;
    /** The distinct pre-activation rows of a block, compacted before the sigmoid. */
    private final INDArray compact;
    /** The loaded inputs on the heap, position-major, to find repeated pre-activations. */
    private double[] inputs;
    private final INDArray blockSums;
    private final INDArray carry;
    private final INDArray onesBatch;
    private final INDArray termA;
    private final INDArray termB;
    /** The output biases on the heap (refreshed per pass). */
    private double[] outputBias;
    /** Per block: the distinct rows, each row's distinct index, and each distinct row's example. */
    private final int[] distinct;
    private final int[] source;
    private final int[] batchOf;
    private final Masks full;
    private final Masks rest;

    NadeEngine(int visible, int hidden, int batch, int blockSize, DataType type, boolean training) {
        this.visible = visible;
        this.hidden = hidden;
        this.batch = batch;
        this.blockSize = Math.min(blockSize, visible);
        this.type = type;
        int k = this.blockSize;
        this.xT = Nd4j.create(type, visible, batch);
        this.logits = Nd4j.create(type, visible, batch);
        this.aStart = Nd4j.create(type, batch, hidden);
        this.compact = Nd4j.create(type, (long) k * batch, hidden);
        this.termA = Nd4j.create(type, visible, batch);
        this.termB = Nd4j.create(type, visible, batch);
        this.distinct = new int[k * batch];
        this.source = new int[k * batch];
        this.batchOf = new int[k * batch];
        this.full = new Masks(k, batch, type);
        this.rest = visible % k == 0 ? null : new Masks(visible % k, batch, type);
        if (training) {
            this.rowWeights = Nd4j.create(type, 1, batch);
            this.compactDerivatives = Nd4j.create(type, (long) k * batch, hidden);
            this.logitGradients = Nd4j.create(type, visible, batch);
            this.activationGradients = Nd4j.create(type, (long) k * batch, hidden);
            this.scratch = Nd4j.create(type, (long) k * batch, hidden);
            this.blockSums = Nd4j.create(type, blocks(), (long) batch * hidden);
            this.carry = Nd4j.create(type, batch, hidden);
            this.onesBatch = Nd4j.ones(type, 1, batch);
        } else {
            this.rowWeights = null;
            this.compactDerivatives = null;
            this.logitGradients = null;
            this.activationGradients = null;
            this.scratch = null;
            this.blockSums = null;
            this.carry = null;
            this.onesBatch = null;
        }
    }

    int blocks() {
        return (visible + blockSize - 1) / blockSize;
    }

    /**
     * Loads a batch: {@code xT[d, b] = x[b, ordering[d]]}.
     *
     * @param x {@code [batch, D]} in the engine's type, natural order
     * @param ordering the model's ordering, or {@code null} for the identity
     */
    void load(INDArray x, int[] ordering) {
        INDArray permuted = ordering == null ? x : Nd4j.pullRows(x, 0, ordering);
        xT.assign(permuted.transpose());
        inputs = xT.data().asDouble();
    }

    /** Fills {@link #logits} for the loaded batch. */
    void forward(NadeParameters p) {
        start(p);
        for (int s = 0; s < visible; s += blockSize) {
            int k = Math.min(blockSize, visible - s);
            forwardBlock(p, s, k, masks(k));
        }
    }

    /**
     * Forward and backward pass: fills {@link #logits} and writes into {@code gradient} the gradient of
     * {@code J = Σ_b ω_b log q(x_b)} with respect to every parameter (in the flat layout).
     *
     * @param weights {@code [1, batch]} the weights ω in the engine's type
     */
    void forwardBackward(NadeParameters p, INDArray weights, NadeParameters gradient) {
        start(p);
        double[] omega = weights.toDoubleVector();
        int block = 0;
        for (int s = 0; s < visible; s += blockSize, block++) {
            int k = Math.min(blockSize, visible - s);
            Masks m = masks(k);
            int n = forwardBlock(p, s, k, m);
            // g = ω (x − σ(l)), [k, B], on the heap; G[src(j,b), j] = g[j, b] on the distinct rows
            double[] g = m.gradientValues;
            double[] gc = m.compactGradientValues;
            Arrays.fill(gc, 0, n * k, 0.0);
            for (int j = 0; j < k; j++) {
                for (int b = 0; b < batch; b++) {
                    int r = j * batch + b;
                    double x = inputs[(s + j) * batch + b];
                    g[r] = omega[b] * (x - 1 / (1 + Math.exp(-m.logitValues[r])));
                    gc[source[r] * k + j] = g[r];
                }
            }
            INDArray gb = rows(logitGradients, s, k);
            gb.assign(Nd4j.create(g, new long[] {k, batch}, type));
            INDArray gcb = top(m.compactGradients, n);
            gcb.assign(Nd4j.create(Arrays.copyOf(gc, n * k), new long[] {n, k}, type));
            // ∂V[s+j] = Σ_b g[j, b] h[(j,b)] = (Gᵀ H_c)[j], on the distinct rows
            Gemm.gemm(gcb, top(compact, n), rows(gradient.v, s, k), true, false, 1.0, 0.0);
            // ∂h[(j,b)] = g[j, b] V[s+j] (batched over the block's positions), ∂A = ∂h ⊙ h(1 − h)
            INDArray db = prefix(activationGradients, k);
            Nd4j.matmul(gb.reshape('c', k, batch, 1), rows(p.v, s, k).reshape('c', k, 1, hidden),
                    db.reshape('c', k, batch, hidden), false, false, false);
            db.muli(prefix(scratch, k));
            Gemm.gemm(m.masked2, db, rows(gradient.wt, s, k), true, false, 1.0, 0.0);
            Gemm.gemm(m.onesBlock, db.reshape('c', k, (long) batch * hidden), blockSums.getRow(block, true), false,
                    false, 1.0, 0.0);
        }
        // ∂Wt[s+i] also collects Σ_b x[b, s+i] Σ_{later blocks} ∂A[b]: a reverse carry over the blocks
        carry.assign(0);
        for (int blockIndex = block - 1; blockIndex >= 0; blockIndex--) {
            int s = blockIndex * blockSize;
            int k = Math.min(blockSize, visible - s);
            if (blockIndex < block - 1) {
                Gemm.gemm(rows(xT, s, k), carry, rows(gradient.wt, s, k), false, false, 1.0, 1.0);
            }
            carry.addi(blockSums.getRow(blockIndex).reshape('c', batch, hidden));
        }
        Gemm.gemm(onesBatch, carry, gradient.c, false, false, 1.0, 0.0);
        logitGradients.sum(gradient.b.reshape(visible), 1);
    }

    /**
     * The log-probabilities {@code Σ_d x_d l_d − softplus(l_d)} of the loaded batch from {@link #logits}, as
     * doubles.
     */
    double[] logProbabilities() {
        return logProbabilities(xT, logits, termA, termB);
    }

    /** {@code Σ_d x l − softplus(l)} per column of position-major {@code [D, n]} arrays, using two scratch arrays. */
    static double[] logProbabilities(INDArray xT, INDArray logits, INDArray termA, INDArray termB) {
        termB.assign(logits);
        LogMath.softplusInPlace(termB, termA);
        logits.mul(xT, termA).subi(termB);
        return termA.sum(0).castTo(DataType.DOUBLE).toDoubleVector();
    }

    /**
     * The logits of a block, computed on its distinct pre-activation rows only: {@code A[(j,b)] = A[(j−1,b)]}
     * whenever {@code x[b, s+j−1] = 0}, so with sparse binary data most rows repeat the row before. The distinct
     * rows are {@code A_c = aStart[b_r] + masked_c Wt_blk} (one gather and one gemm on the compact rows), their
     * sigmoid {@code H_c}, and the products {@code H_c V_blkᵀ} ({@code [n, k]}), from which each logit
     * {@code l[s+j, b] = b[s+j] + (H_c V_blkᵀ)[src(j,b), j]} is read on the heap. In training, the
     * derivatives {@code h(1 − h)} are scattered to every row of {@link #scratch} for the backward pass.
     *
     * @return the number {@code n} of distinct rows; {@code H_c} is the first {@code n} rows of {@link #compact}
     */
    private int forwardBlock(NadeParameters p, int s, int k, Masks m) {
        INDArray xb = rows(xT, s, k);
        INDArray wtb = rows(p.wt, s, k);
        int n = findDistinctRows(s, k);
        // masked[(j,b), i] = [i < j] x[b, s+i], gathered at the distinct rows
        Broadcast.mul(m.lower, xb.transpose(), m.masked, 1, 2);
        INDArray mc = top(m.maskedCompact, n);
        Nd4j.pullRows(m.masked2, mc, 1, Arrays.copyOf(distinct, n));
        INDArray hc = top(compact, n);
        Nd4j.pullRows(aStart, hc, 1, Arrays.copyOf(batchOf, n));
        Gemm.gemm(mc, wtb, hc, false, false, 1.0, 1.0);
        Gemm.gemm(xb, wtb, aStart, true, false, 1.0, 1.0);
        Nd4j.getExecutioner().exec(new Sigmoid(hc, hc));
        INDArray pc = top(m.productsCompact, n);
        Gemm.gemm(hc, rows(p.v, s, k), pc, false, true, 1.0, 0.0);
        double[] products = pc.data().asDouble();
        double[] blockLogits = m.logitValues;
        for (int j = 0; j < k; j++) {
            double bias = outputBias[s + j];
            for (int b = 0; b < batch; b++) {
                int r = j * batch + b;
                blockLogits[r] = products[source[r] * k + j] + bias;
            }
        }
        rows(logits, s, k).assign(Nd4j.create(blockLogits, new long[] {k, batch}, type));
        if (activationGradients != null) {
            // h(1 − h) on the distinct rows, scattered to every row for the backward pass
            INDArray dc = top(compactDerivatives, n);
            hc.rsub(1.0, dc).muli(hc);
            Nd4j.pullRows(dc, prefix(scratch, k), 1, Arrays.copyOf(source, k * batch));
        }
        return n;
    }

    /**
     * Fills {@link #distinct} (the first row of each run of equal pre-activation rows, in row order),
     * {@link #source} (each row's index among them) and {@link #batchOf} (the example of each distinct row) for a
     * block, from the inputs on the heap; returns the number of distinct rows.
     */
    private int findDistinctRows(int s, int k) {
        int n = 0;
        for (int j = 0; j < k; j++) {
            int previous = (s + j - 1) * batch;
            for (int b = 0; b < batch; b++) {
                int r = j * batch + b;
                if (j == 0 || inputs[previous + b] != 0) {
                    distinct[n] = r;
                    batchOf[n] = b;
                    source[r] = n++;
                } else {
                    source[r] = source[r - batch];
                }
            }
        }
        return n;
    }

    /** The first {@code n} rows of a buffer (a contiguous view). */
    private static INDArray top(INDArray buffer, int n) {
        return n == buffer.rows() ? buffer : buffer.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    }

    /** Resets the carried pre-activations to c and reads the output biases for this pass. */
    private void start(NadeParameters p) {
        aStart.assign(0).addiRowVector(p.c);
        outputBias = p.b.toDoubleVector();
    }

    private Masks masks(int k) {
        return k == blockSize ? full : rest;
    }

    /** The first {@code k·B} rows of a {@code [K·B, H]} buffer (a contiguous view). */
    private INDArray prefix(INDArray buffer, int k) {
        return k == blockSize ? buffer : buffer.get(NDArrayIndex.interval(0, (long) k * batch), NDArrayIndex.all());
    }

    /** Constant masks and small per-block buffers for blocks of {@code k} positions. */
    private static final class Masks {
        /** [k, B, k]: 1 where i &lt; j. */
        final INDArray lower;
        final INDArray masked;
        final INDArray masked2;
        final INDArray onesBlock;
        /** The masked rows gathered at a block's distinct rows, [n ≤ k·B, k]. */
        final INDArray maskedCompact;
        /** The products H_c V_blkᵀ of the distinct rows, [n ≤ k·B, k]. */
        final INDArray productsCompact;
        /** A block's logits on the heap, [k·B]. */
        final double[] logitValues;
        /** A block's logit gradients on the heap, [k·B], and on the distinct rows, [n ≤ k·B, k]. */
        final double[] gradientValues;
        final double[] compactGradientValues;
        final INDArray compactGradients;

        Masks(int k, int batch, DataType type) {
            double[] lowerValues = new double[k * batch * k];
            for (int j = 0; j < k; j++) {
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < k; i++) {
                        int at = (j * batch + b) * k + i;
                        lowerValues[at] = i < j ? 1 : 0;
                    }
                }
            }
            this.lower = Nd4j.create(lowerValues, new long[] {k, batch, k}, type);
            this.masked = Nd4j.create(type, k, batch, k);
            this.masked2 = masked.reshape('c', (long) k * batch, k);
            this.onesBlock = Nd4j.ones(type, 1, k);
            this.maskedCompact = Nd4j.create(type, (long) k * batch, k);
            this.productsCompact = Nd4j.create(type, (long) k * batch, k);
            this.logitValues = new double[k * batch];
            this.gradientValues = new double[k * batch];
            this.compactGradientValues = new double[k * batch * k];
            this.compactGradients = Nd4j.create(type, (long) k * batch, k);
        }
    }
}
