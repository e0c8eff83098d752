package org.distill4j.bayes.density;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A 1-D Gaussian mixture {@code Σ_k π_k N(x; μ_k, σ_k²)}: the value behind the GMM student, the thesis's
 * data-generating mixture and each posterior sample's density (Papamakarios 2015, arXiv:1510.02437, ch. 3).
 *
 * <p>Immutable and thread-safe: the arrays are copied in and out. Weights must be positive and sum to 1 (within
 * 1e-6; they are renormalised), variances positive, every number finite.
 */
public final class GaussianMixture {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] weights;
    private final double[] means;
    private final double[] variances;
    private final double[] logWeights;

    private GaussianMixture(double[] weights, double[] means, double[] variances) {
        this.weights = weights;
        this.means = means;
        this.variances = variances;
        this.logWeights = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            logWeights[k] = Math.log(weights[k]);
        }
    }

    /**
     * A mixture, validated.
     *
     * @param weights {@code [K]} positive, summing to 1
     * @param means {@code [K]} finite
     * @param variances {@code [K]} positive and finite
     * @throws IllegalArgumentException naming the first bad argument
     */
    public static GaussianMixture of(double[] weights, double[] means, double[] variances) {
        checkNotNull(weights, "weights");
        checkNotNull(means, "means");
        checkNotNull(variances, "variances");
        int k = weights.length;
        checkArgument(k >= 1, "a mixture needs at least 1 component, got %s weights", k);
        checkArgument(means.length == k && variances.length == k,
                "weights, means and variances must have one entry per component, got %s, %s and %s", k,
                means.length, variances.length);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            checkArgument(weights[i] > 0 && Double.isFinite(weights[i]), "weights[%s] must be finite and > 0, got %s",
                    (Object) i, weights[i]);
            checkArgument(Double.isFinite(means[i]), "means[%s] must be finite, got %s", (Object) i, means[i]);
            checkArgument(variances[i] > 0 && Double.isFinite(variances[i]),
                    "variances[%s] must be finite and > 0, got %s", (Object) i, variances[i]);
            sum += weights[i];
        }
        checkArgument(Math.abs(sum - 1) < 1e-6, "weights must sum to 1, got %s (%s)", sum, Arrays.toString(weights));
        double[] w = weights.clone();
        for (int i = 0; i < k; i++) {
            w[i] /= sum;
        }
        return new GaussianMixture(w, means.clone(), variances.clone());
    }

    /** A mixture whose components share one variance. */
    public static GaussianMixture sharedVariance(double[] weights, double[] means, double variance) {
        double[] v = new double[checkNotNull(means, "means").length];
        Arrays.fill(v, variance);
        return of(weights, means, v);
    }

    /** The number of components {@code K}. */
    public int components() {
        return weights.length;
    }

    /** A copy of the weights {@code [K]}. */
    public double[] weights() {
        return weights.clone();
    }

    /** A copy of the means {@code [K]}. */
    public double[] means() {
        return means.clone();
    }

    /** A copy of the variances {@code [K]}. */
    public double[] variances() {
        return variances.clone();
    }

    /** {@code log Σ_k π_k N(x; μ_k, σ_k²)}; {@code x} must be finite. */
    public double logDensity(double x) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            terms[k] = logWeights[k] + logNormal(x, means[k], variances[k]);
            max = Math.max(max, terms[k]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    /**
     * The responsibilities {@code r_k = π_k N(x; μ_k, σ_k²) / p(x)} of each component for {@code x}, written into
     * {@code out} ({@code [K]}), and the log-density.
     */
    public double responsibilities(double x, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            out[k] = logWeights[k] + logNormal(x, means[k], variances[k]);
            max = Math.max(max, out[k]);
        }
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            out[k] = Math.exp(out[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < weights.length; k++) {
            out[k] /= sum;
        }
        return max + Math.log(sum);
    }

    /** One draw: a component by its weight, then a normal value. */
    public double sample(RandomGenerator rng) {
        double u = rng.nextDouble();
        int k = 0;
        double cumulative = weights[0];
        while (u >= cumulative && k < weights.length - 1) {
            k++;
            cumulative += weights[k];
        }
        return means[k] + Math.sqrt(variances[k]) * standardNormal(rng);
    }

    /** {@code n} draws from {@code new SplittableRandom(seed)}. */
    public double[] sample(int n, long seed) {
        checkArgument(n >= 0, "n must be >= 0, got %s", n);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = sample(rng);
        }
        return x;
    }

    /** {@code log N(x; mean, variance)}. */
    static double logNormal(double x, double mean, double variance) {
        double d = x - mean;
        return -0.5 * (LOG_2PI + Math.log(variance) + d * d / variance);
    }

    /** One standard normal draw (Box–Muller, the cosine branch), identical on every platform. */
    static double standardNormal(RandomGenerator rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianMixture g && Arrays.equals(weights, g.weights) && Arrays.equals(means, g.means)
                && Arrays.equals(variances, g.variances);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(weights) + Arrays.hashCode(means)) + Arrays.hashCode(variances);
    }

    @Override
    public String toString() {
        return "GaussianMixture{weights=" + Arrays.toString(weights) + ", means=" + Arrays.toString(means)
                + ", variances=" + Arrays.toString(variances) + "}";
    }
}
