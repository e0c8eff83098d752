package org.distill4j.bayes.density;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.core.DensityTeacher;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * KL divergences and held-out log-likelihoods of 1-D densities, the measures of the thesis's density example
 * (Papamakarios 2015, arXiv:1510.02437, ch. 3). {@link #kl} integrates numerically — composite Simpson's rule on
 * a uniform grid over {@code [lo, hi]}, each density renormalised on the grid (so unnormalised teachers work and
 * truncation is compensated) — which is deterministic and, for smooth densities well inside the range, accurate
 * to far below Monte-Carlo error. {@link #monteCarloKl} is the sampling estimate for normalised densities.
 *
 * <p>Stateless and thread-safe.
 */
public final class DensityKl {

    /** Default grid points for {@link #kl}: enough for mixtures of unit-variance components over ±30. */
    public static final int DEFAULT_POINTS = 6001;

    private DensityKl() {
    }

    /**
     * {@code KL(p ‖ q) = ∫ p log(p/q)} by Simpson's rule on {@code points} grid points over {@code [lo, hi]}.
     *
     * @param p the reference density (e.g. the Monte-Carlo predictive), 1-D
     * @param q the approximation (e.g. the student), 1-D
     * @param points an odd number ≥ 3 of grid points
     * @return the divergence in nats, ≥ 0 up to rounding
     */
    public static double kl(DensityTeacher p, DensityTeacher q, double lo, double hi, int points) {
        checkNotNull(p, "p");
        checkNotNull(q, "q");
        checkArgument(p.inputSize() == 1 && q.inputSize() == 1, "both densities must be 1-D, got inputSize %s and %s",
                p.inputSize(), q.inputSize());
        checkArgument(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi, "need finite lo < hi, got [%s, %s]", lo,
                hi);
        checkArgument(points >= 3 && points % 2 == 1, "points must be odd and >= 3, got %s", points);
        double h = (hi - lo) / (points - 1);
        double[] grid = new double[points];
        for (int i = 0; i < points; i++) {
            grid[i] = lo + i * h;
        }
        INDArray x = Nd4j.create(grid, new long[] {points, 1}, DataType.DOUBLE);
        double[] logp = p.unnormalizedLogDensity(x).castTo(DataType.DOUBLE).toDoubleVector();
        double[] logq = q.unnormalizedLogDensity(x).castTo(DataType.DOUBLE).toDoubleVector();
        double logZp = logIntegral(logp, h);
        double logZq = logIntegral(logq, h);
        double sum = 0;
        for (int i = 0; i < points; i++) {
            double lp = logp[i] - logZp;
            double pi = Math.exp(lp);
            if (pi > 0) {
                sum += simpsonWeight(i, points) * pi * (lp - (logq[i] - logZq));
            }
        }
        return sum * h / 3;
    }

    /** {@link #kl} with {@link #DEFAULT_POINTS} points. */
    public static double kl(DensityTeacher p, DensityTeacher q, double lo, double hi) {
        return kl(p, q, lo, hi, DEFAULT_POINTS);
    }

    /**
     * The Monte-Carlo estimate {@code mean_{x~p}(log p(x) − log q(x))} from {@code n} samples of {@code p}; both
     * densities must be normalised (as {@link MixturePredictive} and {@link GmmStudent} are).
     */
    public static double monteCarloKl(DensityTeacher p, DensityTeacher q, int n, long seed) {
        checkNotNull(p, "p");
        checkNotNull(q, "q");
        checkArgument(n >= 1, "n must be >= 1, got %s", n);
        INDArray x = p.sample(n, seed);
        double[] logp = p.unnormalizedLogDensity(x).castTo(DataType.DOUBLE).toDoubleVector();
        double[] logq = q.unnormalizedLogDensity(x).castTo(DataType.DOUBLE).toDoubleVector();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += logp[i] - logq[i];
        }
        return sum / n;
    }

    /** The mean log-density of a normalised density {@code q} on held-out points {@code x} ({@code [N]}, finite). */
    public static double meanLogLikelihood(DensityTeacher q, double[] x) {
        checkNotNull(q, "q");
        checkNotNull(x, "x");
        checkArgument(x.length >= 1, "x must hold at least 1 point, got 0");
        double[] logq = q.unnormalizedLogDensity(Nd4j.create(x, new long[] {x.length, 1}, DataType.DOUBLE))
                .castTo(DataType.DOUBLE).toDoubleVector();
        double sum = 0;
        for (double v : logq) {
            sum += v;
        }
        return sum / x.length;
    }

    /** {@code log ∫ exp(f)} by Simpson's rule. */
    private static double logIntegral(double[] f, double h) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            max = Math.max(max, v);
        }
        checkArgument(Double.isFinite(max), "the density is zero or non-finite everywhere on the grid");
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            sum += simpsonWeight(i, f.length) * Math.exp(f[i] - max);
        }
        return max + Math.log(sum * h / 3);
    }

    private static double simpsonWeight(int i, int n) {
        if (i == 0 || i == n - 1) {
            return 1;
        }
        return i % 2 == 1 ? 4 : 2;
    }
}
