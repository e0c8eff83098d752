package org.distill4j.generative.nade;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.distill4j.core.linalg.HostView;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Ancestral sampling of a NADE in plain Java loops over heap arrays, in DOUBLE whatever the model's type. For each
 * position {@code d} of the model order: {@code l = b_d + V_d · h}, {@code x_d ~ Bernoulli(σ(l))}, and when
 * {@code x_d = 1} the rank-1 update {@code a += Wt_d} and {@code h = σ(a)} ({@code Wt} and {@code V} are
 * {@code [D, H]} row-major, so both read one contiguous row); when {@code x_d = 0}, {@code a} and {@code h} do not
 * change. Eight samples are drawn side by side, each with its own contiguous {@code a} and {@code h}: a position's
 * eight logits share one read of {@code V_d} ({@link #dots}: eight independent fused chains), so a sample streams
 * an eighth of {@code V} from memory; the update and the sigmoid are loops the JIT vectorises. (Drawing 64
 * samples in lockstep with {@code h} stored hidden-major, so that the logits become a loop over samples, measured
 * twice as slow: every changed sample's new {@code h} has to be scattered across the rows.)
 * No ND4J operation runs per position: ND4J's per-operation overhead (10–50 µs) is what made the earlier sampler,
 * vectorised over samples with about ten ND4J operations per position, cost 0.3–0.5 ms per sample at D = 784,
 * H = 100.
 *
 * <p>The hidden units use {@link FastSigmoid} (absolute error below {@code 2·10⁻⁷}; the exact sigmoid for a model
 * whose pre-activations could leave its domain, {@code |a| > 10¹⁵}); the output conditionals are exact, and
 * {@code log q} is accumulated as a sum of {@code −|l|} terms and a running product of the likely outcomes'
 * probabilities (one logarithm per few hundred positions). The returned {@code log q(x)} is the exact
 * log-probability of the distribution the samples were drawn from, so importance weights built from it are
 * exactly unbiased; it agrees with {@link Nade#logProbability} to about {@code 10⁻⁵} nats (the float computation of
 * a FLOAT model rounds more than that). The same seed gives the same samples: sample {@code i} has its own random
 * stream, the {@code i}-th split of {@code SplittableRandom(seed)}, so it does not depend on {@code n}.
 *
 * <p>Stateless; each call allocates its own buffers.
 */
final class NadeSampler {

    /** Samples per output chunk, bounding the heap buffer (a multiple of {@link #GROUP}). */
    static final int CHUNK = 1024;

    /** Samples drawn side by side, sharing each read of a row of {@code V} (the unrolling of {@link #dots}). */
    static final int GROUP = 8;

    /** The running product of the likely outcomes' probabilities is folded into the log below this. */
    private static final double FOLD = 1e-150;

    private NadeSampler() {
    }

    static NadeSamples sample(NadeParameters p, int[] ordering, int n, long seed) {
        int visible = p.visible;
        int hidden = p.hidden;
        double[] flat = new double[(int) p.flat.length()];
        HostView.of(p.flat).read(flat);
        int dh = visible * hidden;
        double[] wt = Arrays.copyOfRange(flat, 0, dh);
        double[] c = Arrays.copyOfRange(flat, 2 * dh + visible, 2 * dh + visible + hidden);
        Drawer drawer = new Drawer(wt, Arrays.copyOfRange(flat, dh, 2 * dh),
                Arrays.copyOfRange(flat, 2 * dh, 2 * dh + visible), c, ordering,
                preActivationBound(wt, c) <= FastSigmoid.DOMAIN);
        INDArray out = Nd4j.create(p.flat.dataType(), n, visible);
        double[] logq = new double[n];
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[GROUP];
        double[] rows = new double[Math.min(CHUNK, n) * visible];
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            Arrays.fill(rows, 0, m * visible, 0);
            for (int g = 0; g < m; g += GROUP) {
                int k = Math.min(GROUP, m - g);
                for (int i = 0; i < k; i++) {
                    streams[i] = random.split();
                }
                drawer.draw(k, streams, rows, g * visible, logq, from + g);
            }
            INDArray target = out.get(NDArrayIndex.interval(from, from + m), NDArrayIndex.all());
            HostView.of(target).write(rows); // its first m·D values
        }
        return new NadeSamples(out, logq);
    }

    /**
     * Draws {@link #GROUP} samples side by side, each on its own contiguous {@code a} and {@code h}: the logits of a
     * position are eight dot products against one read of {@code V_d} (eight independent fused chains, one per
     * sample, each summed in the same order whatever the group, so a sample does not depend on its neighbours).
     */
    private static final class Drawer {

        private final double[] wt;
        private final double[] v;
        private final double[] b;
        private final double[] c;
        private final int[] column;
        private final boolean fast;
        private final double[] h0;
        private final double[] a;
        private final double[] h;
        private final double[] logits = new double[GROUP];
        private final double[] logq = new double[GROUP];
        private final double[] product = new double[GROUP];

        Drawer(double[] wt, double[] v, double[] b, double[] c, int[] ordering, boolean fast) {
            this.wt = wt;
            this.v = v;
            this.b = b;
            this.c = c;
            this.fast = fast;
            this.column = new int[b.length];
            for (int d = 0; d < b.length; d++) {
                column[d] = ordering == null ? d : ordering[d];
            }
            this.h0 = new double[c.length];
            this.a = new double[GROUP * c.length];
            this.h = new double[GROUP * c.length];
            sigmoid(c, 0, h0);
        }

        /**
         * Draws {@code k ≤ GROUP} samples, sample {@code i} from {@code streams[i]}, into the rows of {@code out}
         * from {@code offset} (zero on entry), and their log-probabilities into {@code logqOut} from {@code at}.
         */
        void draw(int k, SplittableRandom[] streams, double[] out, int offset, double[] logqOut, int at) {
            int visible = b.length;
            int hidden = c.length;
            for (int i = 0; i < GROUP; i++) {
                System.arraycopy(c, 0, a, i * hidden, hidden);
                System.arraycopy(h0, 0, h, i * hidden, hidden);
                logq[i] = 0;
                product[i] = 1;
            }
            for (int d = 0; d < visible; d++) {
                dots(v, d * hidden, h, hidden, logits);
                for (int i = 0; i < k; i++) {
                    double l = b[d] + logits[i];
                    // e = exp(−|l|): σ(|l|) = 1/(1+e) (the likely outcome), σ(−|l|) = e/(1+e)
                    double e = Math.exp(-Math.abs(l));
                    double likely = 1 / (1 + e);
                    boolean x = streams[i].nextDouble() < (l >= 0 ? likely : e * likely);
                    if (x != l >= 0) {
                        logq[i] -= Math.abs(l);
                    }
                    product[i] *= likely;
                    if (product[i] < FOLD) {
                        logq[i] += Math.log(product[i]);
                        product[i] = 1;
                    }
                    if (x) {
                        out[offset + i * visible + column[d]] = 1;
                        if (d + 1 < visible) {
                            int row = d * hidden;
                            int ai = i * hidden;
                            for (int j = 0; j < hidden; j++) {
                                a[ai + j] += wt[row + j];
                            }
                            sigmoid(a, ai, h);
                        }
                    }
                }
            }
            for (int i = 0; i < k; i++) {
                logqOut[at + i] = logq[i] + Math.log(product[i]);
            }
        }

        /** {@code out[from, from + H) = σ(in[from, from + H))}: fast within its domain (any sane model), else exact. */
        private void sigmoid(double[] in, int from, double[] out) {
            if (fast) {
                FastSigmoid.apply(in, from, out, from, c.length);
            } else {
                FastSigmoid.exact(in, from, out, from, c.length);
            }
        }
    }

    /**
     * {@code out[i] = Σ_j m[off + j] h[i·n + j]} for the {@link #GROUP} = 8 rows of {@code h}: one read of
     * {@code m}'s row, eight independent fused chains, each summed in order of {@code j}.
     */
    static void dots(double[] m, int off, double[] h, int n, double[] out) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int n2 = 2 * n;
        int n3 = 3 * n;
        int n4 = 4 * n;
        int n5 = 5 * n;
        int n6 = 6 * n;
        int n7 = 7 * n;
        for (int j = 0; j < n; j++) {
            double mj = m[off + j];
            s0 = Math.fma(mj, h[j], s0);
            s1 = Math.fma(mj, h[n + j], s1);
            s2 = Math.fma(mj, h[n2 + j], s2);
            s3 = Math.fma(mj, h[n3 + j], s3);
            s4 = Math.fma(mj, h[n4 + j], s4);
            s5 = Math.fma(mj, h[n5 + j], s5);
            s6 = Math.fma(mj, h[n6 + j], s6);
            s7 = Math.fma(mj, h[n7 + j], s7);
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
        out[4] = s4;
        out[5] = s5;
        out[6] = s6;
        out[7] = s7;
    }

    /** {@code max_j |c_j| + Σ_d |Wt[d, j]|}, a bound on every pre-activation {@code |a_j|}. */
    private static double preActivationBound(double[] wt, double[] c) {
        double[] bound = new double[c.length];
        for (int j = 0; j < c.length; j++) {
            bound[j] = Math.abs(c[j]);
        }
        for (int row = 0; row < wt.length; row += c.length) {
            for (int j = 0; j < c.length; j++) {
                bound[j] += Math.abs(wt[row + j]);
            }
        }
        return Arrays.stream(bound).max().orElse(0);
    }
}
