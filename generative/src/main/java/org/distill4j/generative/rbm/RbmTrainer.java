package org.distill4j.generative.rbm;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.distill4j.core.linalg.Gemm;
import org.distill4j.generative.math.LogMath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
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
 * <p>Every buffer is allocated once per run; an update allocates nothing but a final partial minibatch. The
 * same configuration and data give the same RBM. Thread-safe: a trainer holds only its configuration, and each
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
        INDArray x = checkData(data, -1);
        SplittableRandom root = new SplittableRandom(config.seed());
        double[] means = LogMath.toDoubles(x.mean(0));
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
        INDArray x = checkData(data, start.visibleSize());
        SplittableRandom root = new SplittableRandom(config.seed());
        root.split(); // the stream that initialises weights in train(data), unused here
        return run(start.castTo(config.dataType()), x, root);
    }

    private INDArray checkData(INDArray data, int visible) {
        checkNotNull(data, "data");
        checkArgument(data.rank() == 2 && data.rows() >= 1 && data.columns() >= 1,
                "data must be [n, V] with n, V >= 1, got shape %s", Arrays.toString(data.shape()));
        checkArgument(visible < 0 || data.columns() == visible, "data have %s columns but the RBM has %s visible "
                + "units", data.columns(), visible);
        checkArgument(data.dataType().isFPType(), "data must be floating point, got %s", data.dataType());
        LogMath.checkBinary(data, "data");
        return data.dataType() == config.dataType() ? data : data.castTo(config.dataType());
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
                s.update(Arrays.copyOfRange(rows, from, to));
            }
            LOG.info("RBM {} epoch {}/{}: {} rows in {} ms", config.method(), epoch + 1, config.epochs(), n,
                    (System.nanoTime() - t0) / 1_000_000);
        }
        checkArgument(LogMath.isFinite(s.w) && LogMath.isFinite(s.b) && LogMath.isFinite(s.c),
                "training diverged: the RBM's parameters are no longer finite (learningRate %s too large?)",
                config.learningRate());
        return Rbm.of(s.w, s.b, s.c);
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
        final INDArray data;
        final INDArray w;
        final INDArray b;
        final INDArray c;
        final INDArray dw;
        final INDArray db;
        final INDArray dc;
        final Random random;
        final Particles full;
        final Particles chains;

        State(Rbm start, INDArray data, long seed) {
            DataType type = config.dataType();
            this.data = data;
            this.w = start.w().dup();
            this.b = start.b().dup();
            this.c = start.c().dup();
            this.dw = Nd4j.zeros(type, w.shape());
            this.db = Nd4j.zeros(type, b.shape());
            this.dc = Nd4j.zeros(type, c.shape());
            this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
            int batch = (int) Math.min(config.batchSize(), data.rows());
            this.full = new Particles(batch, start.visibleSize(), start.hiddenSize(), type);
            if (config.method() == RbmTrainingConfig.Method.PCD) {
                this.chains = new Particles(config.persistentChains(), start.visibleSize(), start.hiddenSize(), type);
                // chains start at Bernoulli(σ(b)) draws
                chains.vp.assign(0).addiRowVector(b);
                org.nd4j.linalg.ops.transforms.Transforms.sigmoid(chains.vp, false);
                GibbsKernel.draw(chains.vp, chains.v, random);
            } else {
                this.chains = null;
            }
        }

        void update(int[] rowIndices) {
            int size = rowIndices.length;
            Particles p = size == full.size ? full
                    : new Particles(size, (int) w.rows(), (int) w.columns(), w.dataType());
            Nd4j.pullRows(data, p.v0, 1, rowIndices);
            GibbsKernel.hiddenProbabilities(p.v0, w, c, p.ph0);
            Particles negative;
            if (chains == null) {
                GibbsKernel.draw(p.ph0, p.h, random);
                negative = p;
                for (int k = 0; k < config.gibbsSteps(); k++) {
                    if (k > 0) {
                        GibbsKernel.draw(p.ph, p.h, random);
                    }
                    GibbsKernel.visibleProbabilities(p.h, w, b, p.vp);
                    GibbsKernel.draw(p.vp, p.v, random);
                    GibbsKernel.hiddenProbabilities(p.v, w, c, p.ph);
                }
            } else {
                negative = chains;
                for (int k = 0; k < config.gibbsSteps(); k++) {
                    GibbsKernel.hiddenProbabilities(chains.v, w, c, chains.ph);
                    GibbsKernel.draw(chains.ph, chains.h, random);
                    GibbsKernel.visibleProbabilities(chains.h, w, b, chains.vp);
                    GibbsKernel.draw(chains.vp, chains.v, random);
                }
                GibbsKernel.hiddenProbabilities(chains.v, w, c, chains.ph);
            }
            double lr = config.learningRate();
            double mu = config.momentum();
            double pos = lr / size;
            double neg = -lr / negative.size;
            // velocity = mu·velocity + lr·(positive − negative statistics) [− lr·decay·W]; parameters += velocity
            Gemm.gemm(p.v0, p.ph0, dw, true, false, pos, mu);
            Gemm.gemm(negative.v, negative.ph, dw, true, false, neg, 1.0);
            if (config.weightDecay() > 0) {
                Nd4j.getBlasWrapper().level1().axpy(w.length(), -lr * config.weightDecay(), w, dw);
            }
            Gemm.gemm(p.ones, p.v0, db, false, false, pos, mu);
            Gemm.gemm(negative.ones, negative.v, db, false, false, neg, 1.0);
            Gemm.gemm(p.ones, p.ph0, dc, false, false, pos, mu);
            Gemm.gemm(negative.ones, negative.ph, dc, false, false, neg, 1.0);
            w.addi(dw);
            b.addi(db);
            c.addi(dc);
        }
    }

    /** Buffers for {@code size} particles: data, probabilities and states of both layers. */
    private static final class Particles {
        final int size;
        final INDArray v0;
        final INDArray ph0;
        final INDArray h;
        final INDArray vp;
        final INDArray v;
        final INDArray ph;
        final INDArray ones;

        Particles(int size, int visible, int hidden, DataType type) {
            this.size = size;
            this.v0 = Nd4j.create(type, size, visible);
            this.ph0 = Nd4j.create(type, size, hidden);
            this.h = Nd4j.create(type, size, hidden);
            this.vp = Nd4j.create(type, size, visible);
            this.v = Nd4j.create(type, size, visible);
            this.ph = Nd4j.create(type, size, hidden);
            this.ones = Nd4j.ones(type, 1, size);
        }
    }
}
