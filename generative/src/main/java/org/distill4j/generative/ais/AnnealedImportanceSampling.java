package org.distill4j.generative.ais;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.core.linalg.Gemm;
import org.distill4j.generative.math.LogMath;
import org.distill4j.generative.rbm.FusedPasses;
import org.distill4j.generative.rbm.Rbm;
import org.distill4j.core.random.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Annealed importance sampling of a binary RBM's partition function (Neal 2001), as Salakhutdinov and Murray
 * (ICML 2008) and {@code shared/bench/rbm_ais.py}: the intermediate distributions over {@code v} are
 * <pre>
 *   p_k*(v) = exp((1 − β_k) v·b_A + β_k v·b) · Π_j (1 + exp(β_k (v W + c)_j))
 * </pre>
 * from the base-rate model ({@code β = 0}, with {@code H} hidden units switched off) to the RBM ({@code β = 1}).
 * Each run draws {@code v ~ p_A} exactly, then for {@code k = 1..K} adds {@code log p_k*(v) − log p_{k−1}*(v)} to
 * its log-weight and, for {@code k < K}, makes one Gibbs transition that leaves {@code p_k} invariant:
 * {@code h ~ σ(β_k (v W + c))}, {@code v ~ σ((1 − β_k) b_A + β_k (h Wᵀ + b))}. Then
 * {@code log Ẑ = log Z_A + log mean(w)}.
 *
 * <p>All runs advance together as {@code [runs, ·]} matrices ({@link AisBuffers}, allocated once): per
 * temperature two gemms ({@code v W} and {@code β_k h Wᵀ}) and a few Java loops on the heap that HotSpot
 * vectorises. With {@code sp(y) = max(y, 0) + log(1 + e^{−|y|})} and {@code β ≥ 0}, a run's increment is
 * <pre>
 *   Δ (v·(b − b_A) + Σ_j max(x_j, 0)) + log Π_j (1 + e^{−β_k |x_j|}) / (1 + e^{−β_{k−1} |x_j|}),   x = v W + c
 * </pre>
 * with {@code Δ = β_k − β_{k−1}}: two exponentials per hidden unit ({@link FusedPasses#expOfMinusAbs}), one
 * logarithm per run, ratios in [1/2, 2] so that no weight, however large, overflows; {@code e^{−β_k|x|}} also
 * gives the Gibbs step's {@code σ(β_k x)}. The sums {@code v·(b − b_A)} and {@code Σ_j max(x_j, 0)} change only
 * with the states and are computed once per Gibbs step. Bernoulli draws use a {@link SplitMix64} seeded by the
 * configuration.
 *
 * <p>Stateless and thread-safe: every call works on its own buffers and generator. The RBM is not modified.
 */
public final class AnnealedImportanceSampling {

    private static final Logger LOG = LoggerFactory.getLogger(AnnealedImportanceSampling.class);

    private AnnealedImportanceSampling() {
    }

    /**
     * Estimates {@code log Z} of {@code rbm}.
     *
     * @param rbm the target; not modified
     * @param base the base-rate model, with as many visible units as the RBM
     * @param config runs, schedule, seed and type
     * @return the estimate, its ±3 s.e. band and the runs' log-weights
     * @throws IllegalArgumentException if the sizes differ
     */
    public static AisResult estimate(Rbm rbm, BaseRateModel base, AisConfig config) {
        checkNotNull(rbm, "rbm");
        checkNotNull(base, "base");
        checkNotNull(config, "config");
        checkArgument(base.visibleSize() == rbm.visibleSize(), "the base-rate model has %s visible units but the RBM "
                + "has %s", base.visibleSize(), rbm.visibleSize());
        long t0 = System.nanoTime();
        double[] logWeights = run(rbm, base, config);
        double seconds = (System.nanoTime() - t0) / 1e9;
        checkArgument(allFinite(logWeights), "AIS log-weights are not finite; the RBM's pre-activations are too "
                + "large to anneal");
        LOG.debug("AIS: {} runs, {} temperatures in {} s", config.runs(), config.schedule().size(), seconds);
        return summarize(logWeights, base.logPartition(rbm.hiddenSize()), config.schedule().size(), seconds);
    }

    /** The estimate and band from log-weights, as in Salakhutdinov's {@code RBM_AIS} code. */
    static AisResult summarize(double[] logWeights, double logZBase, int temperatures, double seconds) {
        int runs = logWeights.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double lw : logWeights) {
            max = Math.max(max, lw);
        }
        double mean = 0;
        for (double lw : logWeights) {
            mean += Math.exp(lw - max);
        }
        mean /= runs;
        double ss = 0;
        for (double lw : logWeights) {
            double d = Math.exp(lw - max) - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / (runs - 1)) / Math.sqrt(runs);
        double logZ = logZBase + max + Math.log(mean);
        double upper = logZBase + max + Math.log(mean + 3 * sd);
        double lower = mean > 3 * sd ? logZBase + max + Math.log(mean - 3 * sd) : Double.NaN;
        return new AisResult(logZ, lower, upper, sd / mean, logZBase, logWeights, temperatures, seconds);
    }

    private static double[] run(Rbm rbm, BaseRateModel base, AisConfig config) {
        DataType type = config.dataType();
        Rbm model = rbm.castTo(type);
        int r = config.runs();
        int v = rbm.visibleSize();
        int h = rbm.hiddenSize();
        INDArray w = model.weights();
        double[] b = LogMath.toDoubles(model.visibleBias());
        double[] c = LogMath.toDoubles(model.hiddenBias());
        double[] bA = base.biases();
        double[] dB = new double[v]; // b − b_A
        for (int j = 0; j < v; j++) {
            dB[j] = b[j] - bA[j];
        }
        AisBuffers buf = new AisBuffers(r, v, h, type);
        double[] logWeights = new double[r];
        SplitMix64 random = new SplitMix64(config.seed());

        // exact draws from the base-rate model, then x = v W + c
        for (int i = 0; i < r; i++) {
            System.arraycopy(bA, 0, buf.zv, i * v, v);
        }
        buf.drawVisible(dB, random);
        buf.loadPreActivations(w, c);

        AisSchedule schedule = config.schedule();
        int last = schedule.size() - 1;
        double[] rowBias = new double[v];
        for (int k = 1; k <= last; k++) {
            double bk = schedule.beta(k);
            double bPrev = schedule.beta(k - 1);
            buf.addIncrements(bk, bPrev, logWeights);
            if (k < last) {
                // one Gibbs transition leaving p_k invariant: h ~ σ(β_k x), v ~ σ((1 − β_k) b_A + β_k (h Wᵀ + b))
                buf.drawHidden(random);
                Gemm.gemm(buf.hidden, w, buf.visiblePre, false, true, bk, 0.0);
                for (int j = 0; j < v; j++) {
                    rowBias[j] = bA[j] + bk * dB[j];
                }
                FusedPasses.load(buf.visiblePreView, rowBias, buf.zv, buf.staging);
                buf.drawVisible(dB, random);
                buf.loadPreActivations(w, c);
            }
        }
        return logWeights;
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
