package org.distill4j.generative.rbm;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.distill4j.core.linalg.Gemm;
import org.distill4j.core.linalg.HostView;
import org.distill4j.core.random.SplitMix64;
import org.distill4j.generative.math.LogMath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a binary {@link Rbm} by CD-k or PCD-k with SGD, exactly as {@code shared/bench/rbm_ais.py} does for CD-1:
 * <pre>
 *   ph0 = σ(v0 W + c),  h ~ ph0,  then k times: v ~ σ(h Wᵀ + b), ph = σ(v W + c) (h ~ ph between sweeps)
 *   W += lr (v0ᵀ ph0 / B − vᵀ ph / m),  b += lr (mean v0 − mean v),  c += lr (mean ph0 − mean ph)
 * </pre>
 * where for CD the negative particles {@code v} start at the minibatch ({@code m = B}) and for PCD they are
 * {@code m} persistent chains (Tieleman 2008). Momentum and weight decay are optional.
 *
 * <p>A CD step is three gemms for the Gibbs half-steps ({@code v0 W}, {@code h Wᵀ}, {@code v W}), each followed by
 * one fused Java pass on the heap (bias, sigmoid and Bernoulli draw: {@link GibbsBlock}, {@link FusedPasses}), and
 * one gemm for the weight update: the particles are stacked as {@code [v0; vk]} and {@code [ph0; −phk]}, so
 * {@code W += lr/B · [v0; vk]ᵀ [ph0; −phk]} goes straight into {@code W} ({@code β = 1}; into the velocity when
 * there is momentum or weight decay); the bias sums are two {@code [1, 2B]} gemms. Every buffer is allocated once
 * per run; an update allocates nothing but a final partial minibatch (whose buffers are kept). Draws come from a
 * {@link SplitMix64} seeded by the configuration, so the same configuration and data give the same RBM. Thread-safe: a trainer holds only its configuration, and each
 * call works on its own state. The data are never modified.
 */
public final class RbmTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(RbmTrainer.class);

    private final RbmTrainingConfig config;

    /** @param config how to train */
    public RbmTrainer(RbmTrainingConfig config) {
        this.config = checkNotNull(config, "config");
    }

    /** The configuration. */
    public RbmTrainingConfig config() {
        return config;
    }

    /**
     * Trains a new RBM on {@code data}: weights from {@code N(0, initialWeightStd²)}, hidden biases 0, visible
     * biases the clipped base rates of the data.
     *
     * @param data {@code [n, V]} binary, n ≥ 1; not modified
     * @return the trained RBM
     * @throws IllegalArgumentException if the data are not a non-empty binary matrix
     */
    public Rbm train(INDArray data) {
        double[] means = data != null && data.rank() == 2 && data.columns() <= Integer.MAX_VALUE
                ? new double[(int) data.columns()] : null;
        INDArray x = checkData(data, -1, means);
        for (int j = 0; j < means.length; j++) {
            means[j] /= x.rows();
        }
        SplittableRandom root = new SplittableRandom(config.seed());
        Rbm base = Rbm.baseRate(means, config.hiddenUnits(), config.baseRateClip(), config.dataType());
        SplittableRandom init = root.split();
        double[] weights = new double[(int) ((long) x.columns() * config.hiddenUnits())];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = config.initialWeightStd() * init.nextGaussian();
        }
        INDArray w = Nd4j.create(weights, new long[] {x.columns(), config.hiddenUnits()}, config.dataType());
        Rbm start = Rbm.of(w, base.b(), base.c());
        return run(start, x, root);
    }

    /**
     * Continues training from {@code start} (not modified), cast to the configured type.
     *
     * @param start an RBM with {@link RbmTrainingConfig#hiddenUnits()} hidden units and as many visible units as
     *     the data have columns
     * @param data {@code [n, V]} binary, n ≥ 1; not modified
     */
    public Rbm train(Rbm start, INDArray data) {
        checkNotNull(start, "start");
        checkArgument(start.hiddenSize() == config.hiddenUnits(), "start has %s hidden units but the configuration "
                + "says hiddenUnits = %s", start.hiddenSize(), config.hiddenUnits());
        INDArray x = checkData(data, start.visibleSize(), null);
        SplittableRandom root = new SplittableRandom(config.seed());
        root.split(); // the stream that initialises weights in train(data), unused here
        return run(start.castTo(config.dataType()), x, root);
    }

    private INDArray checkData(INDArray data, int visible, double[] sums) {
        checkNotNull(data, "data");
        checkArgument(data.rank() == 2 && data.rows() >= 1 && data.columns() >= 1,
                "data must be [n, V] with n, V >= 1, got shape %s", Arrays.toString(data.shape()));
        checkArgument(visible < 0 || data.columns() == visible, "data have %s columns but the RBM has %s visible "
                + "units", data.columns(), visible);
        checkArgument(data.dataType().isFPType(), "data must be floating point, got %s", data.dataType());
        checkArgument(data.length() <= Integer.MAX_VALUE, "data must have at most %s values, got %s",
                Integer.MAX_VALUE, data.length());
        INDArray typed = data.dataType() == config.dataType() ? data : data.castTo(config.dataType());
        if (!HostView.supports(typed)) {
            typed = typed.dup('c');
        }
        if (!binaryWithSums(typed, sums)) {
            LogMath.checkBinary(data, "data"); // throws, naming the first value that is not 0 or 1
        }
        return typed;
    }

    /**
     * Whether every value is 0 or 1, and the column sums, in one pass: blocks of rows are copied to the heap and
     * checked with {@code max |x² − x|} (0 exactly for 0 and 1; positive or NaN otherwise), a loop the compiler
     * vectorises.
     *
     * @param sums filled with the column sums when not null
     */
    private static boolean binaryWithSums(INDArray x, double[] sums) {
        int rows = (int) x.rows();
        int columns = (int) x.columns();
        int block = Math.max(1, Math.min(rows, (1 << 20) / columns)); // about 4 MB of floats per copy
        boolean isFloat = x.dataType() == DataType.FLOAT;
        float[] f = isFloat ? new float[block * columns] : null;
        double[] d = new double[block * columns];
        float[] blockSums = new float[columns];
        for (int from = 0; from < rows; from += block) {
            int to = Math.min(rows, from + block);
            HostView view = HostView.of(to - from == rows ? x
                    : x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
            int n = view.length();
            double bad;
            if (isFloat) {
                view.read(f);
                float m = 0;
                for (int i = 0; i < n; i++) {
                    m = Math.max(m, Math.abs(f[i] * f[i] - f[i]));
                }
                bad = m;
                if (sums != null && m == 0) {
                    // sums of at most 2^20 zeros and ones are exact in float
                    Arrays.fill(blockSums, 0f);
                    for (int i = 0; i < n; i += columns) {
                        for (int j = 0; j < columns; j++) {
                            blockSums[j] += f[i + j];
                        }
                    }
                    for (int j = 0; j < columns; j++) {
                        sums[j] += blockSums[j];
                    }
                }
            } else {
                view.read(d);
                double m = 0;
                for (int i = 0; i < n; i++) {
                    m = Math.max(m, Math.abs(d[i] * d[i] - d[i]));
                }
                bad = m;
                if (sums != null && m == 0) {
                    for (int i = 0; i < n; i += columns) {
                        for (int j = 0; j < columns; j++) {
                            sums[j] += d[i + j];
                        }
                    }
                }
            }
            if (!(bad == 0)) {
                return false;
            }
        }
        return true;
    }

    private Rbm run(Rbm start, INDArray data, SplittableRandom root) {
        SplittableRandom order = root.split();
        State s = new State(start, data, root.nextLong());
        int n = (int) data.rows();
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long t0 = System.nanoTime();
            shuffle(rows, order.split());
            for (int from = 0; from < n; from += config.batchSize()) {
                int to = Math.min(n, from + config.batchSize());
                s.update(rows, from, to - from);
            }
            LOG.info("RBM {} epoch {}/{}: {} rows in {} ms", config.method(), epoch + 1, config.epochs(), n,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        INDArray b = Nd4j.create(s.b, new long[] {s.visible}, config.dataType());
        INDArray c = Nd4j.create(s.c, new long[] {s.hidden}, config.dataType());
        checkArgument(LogMath.isFinite(s.w) && LogMath.isFinite(b) && LogMath.isFinite(c),
                "training diverged: the RBM's parameters are no longer finite (learningRate %s too large?)",
                config.learningRate());
        return Rbm.of(s.w, b, c);
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The mutable parameters, velocities and buffers of one training run. */
    private final class State {
        /** The data, referenced so that its native memory outlives the view. */
        final INDArray dataArray;
        final HostView data;
        final int visible;
        final int hidden;
        final DataType type;
        final INDArray w;
        /** The weight velocity, or null when the update goes straight into {@code w} (no momentum, no decay). */
        final INDArray dw;
        final double[] b;
        final double[] c;
        final double[] db;
        final double[] dc;
        final SplitMix64 random;
        final Batch full;
        Batch partial;
        /** PCD: the persistent chains, their scratch and the ones row for their column sums; null for CD. */
        final GibbsBlock chains;
        final INDArray chainOnes;

        State(Rbm start, INDArray data, long seed) {
            this.type = config.dataType();
            this.dataArray = data;
            this.data = HostView.of(data);
            this.visible = start.visibleSize();
            this.hidden = start.hiddenSize();
            this.w = start.w().dup('c');
            boolean direct = config.momentum() == 0 && config.weightDecay() == 0;
            this.dw = direct ? null : Nd4j.zeros(type, w.shape());
            this.b = LogMath.toDoubles(start.b());
            this.c = LogMath.toDoubles(start.c());
            this.db = new double[visible];
            this.dc = new double[hidden];
            this.random = new SplitMix64(seed);
            if (config.method() == RbmTrainingConfig.Method.PCD) {
                int m = config.persistentChains();
                GibbsBlock.Scratch s = new GibbsBlock.Scratch(m, visible, hidden, type);
                this.chains = new GibbsBlock(Nd4j.create(type, m, visible), Nd4j.create(type, m, hidden), s);
                this.chainOnes = Nd4j.ones(type, 1, m);
                chains.drawVisibleFromBiases(b, random); // chains start at Bernoulli(σ(b)) draws
            } else {
                this.chains = null;
                this.chainOnes = null;
            }
            this.full = new Batch((int) Math.min(config.batchSize(), data.rows()));
        }

        void update(int[] rows, int from, int size) {
            Batch batch = size == full.size ? full : partial(size);
            GibbsBlock pos = batch.positive;
            pos.loadRows(data, rows, from);
            pos.hiddenProbabilities(w, c);
            pos.storeHidden(1.0);
            double lr = config.learningRate();
            double mu = config.momentum();
            INDArray target = dw == null ? w : dw;
            double beta = dw == null ? 1.0 : mu;
            if (chains == null) {
                GibbsBlock neg = batch.negative;
                pos.drawHidden(random);
                pos.drawVisible(w, b, random, neg);
                for (int k = 1; k < config.gibbsSteps(); k++) {
                    neg.hiddenProbabilities(w, c);
                    neg.drawHidden(random);
                    neg.drawVisible(w, b, random, neg);
                }
                neg.hiddenProbabilities(w, c);
                neg.storeHidden(-1.0);
                // [v0; vk]ᵀ [ph0; −phk]: the positive minus the negative statistics in one gemm
                Gemm.gemm(batch.vs, batch.hs, target, true, false, lr / size, beta);
                Gemm.gemm(batch.signs, batch.vs, batch.visibleSums, false, false, 1.0, 0.0);
                Gemm.gemm(batch.ones, batch.hs, batch.hiddenSums, false, false, 1.0, 0.0);
                applyBiases(batch, lr / size, 0, 0, mu);
            } else {
                int m = chains.n;
                for (int k = 0; k < config.gibbsSteps(); k++) {
                    chains.hiddenProbabilities(w, c);
                    chains.drawHidden(random);
                    chains.drawVisible(w, b, random, chains);
                }
                chains.hiddenProbabilities(w, c);
                chains.storeHidden(1.0);
                Gemm.gemm(pos.v, pos.ph, target, true, false, lr / size, beta);
                Gemm.gemm(chains.v, chains.ph, target, true, false, -lr / m, 1.0);
                Gemm.gemm(batch.ones, pos.v, batch.visibleSums, false, false, 1.0, 0.0);
                Gemm.gemm(batch.ones, pos.ph, batch.hiddenSums, false, false, 1.0, 0.0);
                Gemm.gemm(chainOnes, chains.v, batch.chainVisibleSums, false, false, 1.0, 0.0);
                Gemm.gemm(chainOnes, chains.ph, batch.chainHiddenSums, false, false, 1.0, 0.0);
                applyBiases(batch, lr / size, -lr / m, 1, mu);
            }
            if (dw != null) {
                if (config.weightDecay() > 0) {
                    Nd4j.getBlasWrapper().level1().axpy(w.length(), -lr * config.weightDecay(), w, dw);
                }
                w.addi(dw);
            }
        }

        /** velocity = mu·velocity + pos·(positive sums) + neg·(chain sums); parameters += velocity. */
        private void applyBiases(Batch batch, double pos, double neg, int chainTerms, double mu) {
            HostView vs = HostView.of(batch.visibleSums);
            HostView hs = HostView.of(batch.hiddenSums);
            HostView cvs = chainTerms == 0 ? null : HostView.of(batch.chainVisibleSums);
            HostView chs = chainTerms == 0 ? null : HostView.of(batch.chainHiddenSums);
            for (int j = 0; j < visible; j++) {
                db[j] = mu * db[j] + pos * vs.get(j) + (cvs == null ? 0 : neg * cvs.get(j));
                b[j] += db[j];
            }
            for (int j = 0; j < hidden; j++) {
                dc[j] = mu * dc[j] + pos * hs.get(j) + (chs == null ? 0 : neg * chs.get(j));
                c[j] += dc[j];
            }
        }

        private Batch partial(int size) {
            if (partial == null || partial.size != size) {
                partial = new Batch(size);
            }
            return partial;
        }

        /**
         * Buffers for a minibatch of {@code size}: for CD the positive and negative particles stacked as
         * {@code vs = [v0; vk]} and {@code hs = [ph0; −phk]} (views of two arrays); for PCD the positive ones only.
         */
        private final class Batch {
            final int size;
            final INDArray vs;
            final INDArray hs;
            final GibbsBlock positive;
            final GibbsBlock negative;
            final INDArray signs;
            final INDArray ones;
            final INDArray visibleSums;
            final INDArray hiddenSums;
            final INDArray chainVisibleSums;
            final INDArray chainHiddenSums;

            Batch(int size) {
                this.size = size;
                boolean cd = chains == null;
                int rows = cd ? 2 * size : size;
                this.vs = Nd4j.create(type, rows, visible);
                this.hs = Nd4j.create(type, rows, hidden);
                GibbsBlock.Scratch scratch = new GibbsBlock.Scratch(size, visible, hidden, type);
                this.positive = new GibbsBlock(top(vs, size), top(hs, size), scratch);
                this.negative = cd ? new GibbsBlock(bottom(vs, size), bottom(hs, size), scratch) : null;
                double[] sign = new double[rows];
                java.util.Arrays.fill(sign, 0, size, 1.0);
                java.util.Arrays.fill(sign, size, rows, -1.0);
                this.signs = Nd4j.create(sign, new long[] {1, rows}, type);
                this.ones = Nd4j.ones(type, 1, rows);
                this.visibleSums = Nd4j.create(type, 1, visible);
                this.hiddenSums = Nd4j.create(type, 1, hidden);
                this.chainVisibleSums = cd ? null : Nd4j.create(type, 1, visible);
                this.chainHiddenSums = cd ? null : Nd4j.create(type, 1, hidden);
            }
        }
    }

    private static INDArray top(INDArray x, int rows) {
        return rows == x.rows() ? x : x.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
    }

    private static INDArray bottom(INDArray x, int rows) {
        return x.get(NDArrayIndex.interval(x.rows() - rows, x.rows()), NDArrayIndex.all());
    }
}
