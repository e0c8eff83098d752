package org.distill4j.bayes.regression;

import java.util.SplittableRandom;

/**
 * The arithmetic of the Gaussian regression student: a ReLU MLP with layer sizes {@code [p, h_1, .., h_L, 2]}
 * whose two outputs are the mean {@code μ} and the log-variance {@code α}, and the exact gradient of the closed-form
 * single-target loss (Korattikara et al., NIPS 2015)
 *
 * <pre>
 *   ℓ(m, v; μ, α) = E_{y~N(m,v)}[−log N(y; μ, e^α)] = ½ log 2π + ½α + ((m − μ)² + v) e^{−α} / 2
 *   ∂ℓ/∂μ = −(m − μ) e^{−α},   ∂ℓ/∂α = ½ − ((m − μ)² + v) e^{−α} / 2
 * </pre>
 *
 * backpropagated by hand in double loops (the networks are small: a JIT loop beats a chain of native calls).
 * Parameters are one flat {@code double[]}: per layer, {@code W [out, in]} row-major, then {@code b [out]}.
 * Stateless; every method allocates its own buffers, so it is thread-safe.
 */
final class GaussianMlp {

    static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private GaussianMlp() {
    }

    /** The number of parameters of a network with these layer sizes. */
    static int parameterCount(int[] sizes) {
        int count = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            count = Math.addExact(count, Math.addExact(Math.multiplyExact(sizes[l], sizes[l + 1]), sizes[l + 1]));
        }
        return count;
    }

    /** He-normal weights for the ReLU layers, {@code N(0, 1/in)} for the output layer, zero biases. */
    static double[] initialize(int[] sizes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] params = new double[parameterCount(sizes)];
        int offset = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double scale = Math.sqrt((l + 2 < sizes.length ? 2.0 : 1.0) / in);
            for (int k = 0; k < in * out; k++) {
                params[offset + k] = scale * gaussian(rng);
            }
            offset += in * out + out;
        }
        return params;
    }

    /** Writes {@code (μ, α)} of each of the {@code n} rows of {@code x} into {@code out} ({@code [2n]}). */
    static void forward(double[] params, int[] sizes, double[] x, int n, double[] out) {
        Buffers b = new Buffers(sizes);
        int p = sizes[0];
        for (int i = 0; i < n; i++) {
            b.forward(params, sizes, x, i * p);
            double[] last = b.acts[sizes.length - 1];
            out[2 * i] = last[0];
            out[2 * i + 1] = last[1];
        }
    }

    /**
     * The mean loss over {@code n} rows against targets of means {@code m} and variances {@code v}, and its
     * gradient (averaged over the rows) written into {@code grad} (overwritten), unless {@code grad} is null.
     */
    static double lossAndGradient(double[] params, int[] sizes, double[] x, int n, double[] m, double[] v,
            double[] grad) {
        Buffers b = new Buffers(sizes);
        if (grad != null) {
            java.util.Arrays.fill(grad, 0);
        }
        int layers = sizes.length - 1;
        int p = sizes[0];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            b.forward(params, sizes, x, i * p);
            double mu = b.acts[layers][0];
            double alpha = b.acts[layers][1];
            double e = Math.exp(-alpha);
            double d = m[i] - mu;
            double q = (d * d + v[i]) * e;
            loss += HALF_LOG_2PI + 0.5 * alpha + 0.5 * q;
            if (grad == null) {
                continue;
            }
            double[] delta = b.delta[layers];
            delta[0] = -d * e / n;
            delta[1] = (0.5 - 0.5 * q) / n;
            int offset = params.length;
            for (int l = layers - 1; l >= 0; l--) {
                int in = sizes[l];
                int out = sizes[l + 1];
                offset -= in * out + out;
                double[] a = b.acts[l];
                double[] dOut = b.delta[l + 1];
                for (int o = 0; o < out; o++) {
                    double g = dOut[o];
                    int row = offset + o * in;
                    for (int k = 0; k < in; k++) {
                        grad[row + k] += g * a[k];
                    }
                    grad[offset + in * out + o] += g;
                }
                if (l > 0) {
                    double[] dIn = b.delta[l];
                    double[] pre = b.pre[l - 1];
                    java.util.Arrays.fill(dIn, 0);
                    for (int o = 0; o < out; o++) {
                        double g = dOut[o];
                        int row = offset + o * in;
                        for (int k = 0; k < in; k++) {
                            dIn[k] += params[row + k] * g;
                        }
                    }
                    for (int k = 0; k < in; k++) {
                        if (pre[k] <= 0) {
                            dIn[k] = 0;
                        }
                    }
                }
            }
        }
        return loss / n;
    }

    /** Per-call activations: {@code acts[0]} the input, {@code pre[l]} the pre-activations of layer {@code l}. */
    private static final class Buffers {
        final double[][] acts;
        final double[][] pre;
        final double[][] delta;

        Buffers(int[] sizes) {
            acts = new double[sizes.length][];
            delta = new double[sizes.length][];
            pre = new double[sizes.length - 1][];
            for (int l = 0; l < sizes.length; l++) {
                acts[l] = new double[sizes[l]];
                delta[l] = new double[sizes[l]];
                if (l + 1 < sizes.length) {
                    pre[l] = new double[sizes[l + 1]];
                }
            }
        }

        void forward(double[] params, int[] sizes, double[] x, int from) {
            System.arraycopy(x, from, acts[0], 0, sizes[0]);
            int offset = 0;
            int layers = sizes.length - 1;
            for (int l = 0; l < layers; l++) {
                int in = sizes[l];
                int out = sizes[l + 1];
                double[] a = acts[l];
                double[] z = pre[l];
                double[] next = acts[l + 1];
                for (int o = 0; o < out; o++) {
                    double s = params[offset + in * out + o];
                    int row = offset + o * in;
                    for (int k = 0; k < in; k++) {
                        s += params[row + k] * a[k];
                    }
                    z[o] = s;
                    next[o] = l + 1 < layers ? Math.max(s, 0) : s;
                }
                offset += in * out + out;
            }
        }
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double w = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
