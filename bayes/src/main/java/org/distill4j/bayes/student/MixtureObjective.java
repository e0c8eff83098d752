package org.distill4j.bayes.student;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The mixture's predictive and the cross-entropy to soft targets with its gradient, on plain {@code double[]}
 * (Papamakarios 2015, arXiv:1510.02437, ch. 3): {@code q(y|x) = (1/K) Σ_k π_k(y|x)}, with {@code π_k} the softmax of
 * the component's logits ({@code [0, w_k·x + b_k]} for logistic components), and
 * {@code L = −(1/n) Σ_n Σ_c t_nc log q_nc}. Its gradient in the logits of component k,
 * {@code ∂L/∂a_kc = −(1/(nK)) π_kc [t_c/q_c − Σ_c' t_c' π_kc'/q_c']}, is back-propagated to {@code w_k} and
 * {@code b_k}. Probabilities are floored at {@code 1e-300} inside logarithms and divisions.
 *
 * <p>Arrays: {@code params [K·P]} (layout of {@link MixtureShape}), {@code x [n·d]} and {@code targets [n·C]}
 * row-major. Stateless and thread-safe; only {@code out}/{@code gradient} are written.
 */
public final class MixtureObjective {

    private static final double FLOOR = 1e-300;

    private MixtureObjective() {
    }

    /**
     * The mixture's probabilities of {@code n} rows into {@code out [n·C]}.
     */
    public static void probabilities(MixtureShape shape, double[] params, double[] x, int n, double[] out) {
        checkSizes(shape, params, x, n);
        checkArgument(out.length >= n * shape.classes(), "out must hold %s numbers, got %s", n * shape.classes(),
                out.length);
        int c = shape.classes();
        double[] pi = new double[c];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(out, i * c, (i + 1) * c, 0);
            for (int k = 0; k < shape.components(); k++) {
                componentProbabilities(shape, params, k, x, i * shape.inputSize(), pi);
                for (int j = 0; j < c; j++) {
                    out[i * c + j] += pi[j];
                }
            }
            for (int j = 0; j < c; j++) {
                out[i * c + j] /= shape.components();
            }
        }
    }

    /**
     * The mean cross-entropy {@code −(1/n) Σ t log q} and, when {@code gradient} is not null, its gradient
     * (overwritten).
     *
     * @param targets {@code [n·C]} probability rows (soft targets; one-hot rows give the log-loss)
     * @param gradient {@code [K·P]} or {@code null}
     */
    public static double crossEntropy(MixtureShape shape, double[] params, double[] x, int n, double[] targets,
            double[] gradient) {
        checkSizes(shape, params, x, n);
        int c = shape.classes();
        int d = shape.inputSize();
        int kk = shape.components();
        int per = shape.parametersPerComponent();
        checkArgument(targets.length >= n * c, "targets must hold %s numbers, got %s", n * c, targets.length);
        if (gradient != null) {
            checkArgument(gradient.length == params.length, "gradient must have length %s, got %s", params.length,
                    gradient.length);
            java.util.Arrays.fill(gradient, 0);
        }
        double[] pi = new double[kk * c];
        double[] q = new double[c];
        double[] ratio = new double[c];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int xo = i * d;
            java.util.Arrays.fill(q, 0);
            for (int k = 0; k < kk; k++) {
                componentProbabilities(shape, params, k, x, xo, pi, k * c);
                for (int j = 0; j < c; j++) {
                    q[j] += pi[k * c + j];
                }
            }
            for (int j = 0; j < c; j++) {
                q[j] = Math.max(q[j] / kk, FLOOR);
                double t = targets[i * c + j];
                if (t > 0) {
                    loss -= t * Math.log(q[j]);
                }
                ratio[j] = t / q[j];
            }
            if (gradient == null) {
                continue;
            }
            double scale = -1.0 / ((double) n * kk);
            for (int k = 0; k < kk; k++) {
                double mean = 0;
                for (int j = 0; j < c; j++) {
                    mean += ratio[j] * pi[k * c + j];
                }
                int base = k * per;
                if (shape.binary()) {
                    double g = scale * pi[k * c + 1] * (ratio[1] - mean);
                    for (int f = 0; f < d; f++) {
                        gradient[base + f] += g * x[xo + f];
                    }
                    gradient[base + d] += g;
                } else {
                    for (int j = 0; j < c; j++) {
                        double g = scale * pi[k * c + j] * (ratio[j] - mean);
                        int row = base + j * (d + 1);
                        for (int f = 0; f < d; f++) {
                            gradient[row + f] += g * x[xo + f];
                        }
                        gradient[row + d] += g;
                    }
                }
            }
        }
        return loss / n;
    }

    /** {@code π_k(·|x)} of the row at {@code x[xo..]} into {@code out[0..C)}. */
    static void componentProbabilities(MixtureShape shape, double[] params, int k, double[] x, int xo,
            double[] out) {
        componentProbabilities(shape, params, k, x, xo, out, 0);
    }

    private static void componentProbabilities(MixtureShape shape, double[] params, int k, double[] x, int xo,
            double[] out, int at) {
        int d = shape.inputSize();
        int base = k * shape.parametersPerComponent();
        if (shape.binary()) {
            double a = params[base + d];
            for (int f = 0; f < d; f++) {
                a += params[base + f] * x[xo + f];
            }
            double p1 = a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
            out[at] = 1 - p1;
            out[at + 1] = p1;
            return;
        }
        int c = shape.classes();
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            int row = base + j * (d + 1);
            double a = params[row + d];
            for (int f = 0; f < d; f++) {
                a += params[row + f] * x[xo + f];
            }
            out[at + j] = a;
            max = Math.max(max, a);
        }
        double z = 0;
        for (int j = 0; j < c; j++) {
            out[at + j] = Math.exp(out[at + j] - max);
            z += out[at + j];
        }
        for (int j = 0; j < c; j++) {
            out[at + j] /= z;
        }
    }

    private static void checkSizes(MixtureShape shape, double[] params, double[] x, int n) {
        checkArgument(params.length == shape.parameterCount(), "params must have length %s for %s, got %s",
                shape.parameterCount(), shape, params.length);
        checkArgument(n >= 1 && x.length >= n * shape.inputSize(), "x must hold %s rows of %s features, got %s numbers",
                n, shape.inputSize(), x.length);
    }
}
