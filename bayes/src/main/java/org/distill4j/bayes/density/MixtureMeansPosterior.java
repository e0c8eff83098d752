package org.distill4j.bayes.density;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.distill4j.bayes.model.LogDensity;

/**
 * The posterior over the means {@code μ = (μ_1..μ_K)} of a 1-D Gaussian mixture with known weights {@code π} and a
 * known shared variance {@code σ²}, under independent priors {@code μ_k ~ N(m₀, s₀²)}: the thesis's density
 * example (Papamakarios 2015, arXiv:1510.02437, ch. 3), sampled by slice sampling or HMC.
 *
 * <pre>
 *   log p(μ|D) = Σ_k log N(μ_k; m₀, s₀²) + Σ_i log Σ_k π_k N(x_i; μ_k, σ²) + const
 *   ∂/∂μ_k     = −(μ_k − m₀)/s₀² + Σ_i r_ik (x_i − μ_k)/σ²,   r_ik the responsibilities
 * </pre>
 *
 * <p>Settings: the thesis uses a 3-component mixture with unknown means; the exact weights, variance and prior of
 * its figure are not restated here, so this class's defaults ({@link #DEFAULT_COMPONENTS} components, equal weights,
 * variance {@link #DEFAULT_VARIANCE}, prior {@code N(0, }{@link #DEFAULT_PRIOR_VARIANCE}{@code )}, true means
 * {@link #defaultTrueMeans()}) are this library's choice, not numbers quoted from the thesis. The posterior is
 * invariant to permutations of the means when the weights are equal (label switching); predictive densities are not
 * affected.
 *
 * <p>Immutable and thread-safe; works on plain {@code double[]} as {@link LogDensity} asks.
 */
public final class MixtureMeansPosterior implements LogDensity {

    /** Default number of components: the thesis's 3. */
    public static final int DEFAULT_COMPONENTS = 3;
    /** Default known variance of every component. */
    public static final double DEFAULT_VARIANCE = 1.0;
    /** Default prior variance of each mean (prior mean 0). */
    public static final double DEFAULT_PRIOR_VARIANCE = 100.0;

    private final double[] data;
    private final double[] weights;
    private final double[] logWeights;
    private final double variance;
    private final double priorMean;
    private final double priorVariance;

    private MixtureMeansPosterior(double[] data, double[] weights, double variance, double priorMean,
            double priorVariance) {
        this.data = data;
        this.weights = weights;
        this.variance = variance;
        this.priorMean = priorMean;
        this.priorVariance = priorVariance;
        this.logWeights = Arrays.stream(weights).map(Math::log).toArray();
    }

    /**
     * The posterior of the means given {@code data}.
     *
     * @param data the observations {@code [N]}, N ≥ 1, finite; copied
     * @param weights the known weights {@code [K]}, positive, summing to 1
     * @param variance the known shared variance, > 0
     * @param priorMean {@code m₀}
     * @param priorVariance {@code s₀²} > 0
     */
    public static MixtureMeansPosterior of(double[] data, double[] weights, double variance, double priorMean,
            double priorVariance) {
        checkNotNull(data, "data");
        checkArgument(data.length >= 1, "data must hold at least 1 observation, got 0");
        for (int i = 0; i < data.length; i++) {
            checkArgument(Double.isFinite(data[i]), "data[%s] must be finite, got %s", (Object) i, data[i]);
        }
        checkArgument(Double.isFinite(priorMean), "priorMean must be finite, got %s", priorMean);
        checkArgument(priorVariance > 0 && Double.isFinite(priorVariance),
                "priorVariance must be finite and > 0, got %s", priorVariance);
        double[] means = new double[checkNotNull(weights, "weights").length];
        GaussianMixture valid = GaussianMixture.sharedVariance(weights, means, variance);
        return new MixtureMeansPosterior(data.clone(), valid.weights(), variance, priorMean, priorVariance);
    }

    /** The posterior of the default model ({@link #DEFAULT_COMPONENTS} equal weights, unit variance, N(0, 100)). */
    public static MixtureMeansPosterior withDefaults(double[] data) {
        double[] w = new double[DEFAULT_COMPONENTS];
        Arrays.fill(w, 1.0 / DEFAULT_COMPONENTS);
        return of(data, w, DEFAULT_VARIANCE, 0, DEFAULT_PRIOR_VARIANCE);
    }

    /** The default true means {-4, 0, 3} used to generate data for the example. */
    public static double[] defaultTrueMeans() {
        return new double[] {-4, 0, 3};
    }

    /**
     * {@code n} observations from the mixture with these weights and variance and the given true means.
     *
     * @param trueMeans {@code [K]}, one per weight
     */
    public static double[] generate(double[] weights, double[] trueMeans, double variance, int n, long seed) {
        return GaussianMixture.sharedVariance(weights, trueMeans, variance).sample(n, seed);
    }

    @Override
    public int dimension() {
        return weights.length;
    }

    /** The number of observations {@code N}. */
    public int dataSize() {
        return data.length;
    }

    /** A copy of the known weights. */
    public double[] weights() {
        return weights.clone();
    }

    /** The known shared variance. */
    public double variance() {
        return variance;
    }

    /** The mixture with means {@code theta} and this posterior's weights and variance. */
    public GaussianMixture mixture(double[] theta) {
        return GaussianMixture.sharedVariance(weights, theta, variance);
    }

    @Override
    public double logDensity(double[] theta, double[] gradient) {
        checkNotNull(theta, "theta");
        int k = weights.length;
        checkArgument(theta.length == k, "theta must have %s entries (one mean per component), got %s", k,
                theta.length);
        checkArgument(gradient == null || gradient.length == k, "gradient must have %s entries, got %s", k,
                gradient == null ? 0 : gradient.length);
        for (double t : theta) {
            if (!Double.isFinite(t)) {
                if (gradient != null) {
                    Arrays.fill(gradient, Double.NaN);
                }
                return Double.NaN;
            }
        }
        double logp = 0;
        for (int j = 0; j < k; j++) {
            double d = theta[j] - priorMean;
            logp -= 0.5 * d * d / priorVariance;
            if (gradient != null) {
                gradient[j] = -d / priorVariance;
            }
        }
        double logNorm = -0.5 * Math.log(2 * Math.PI * variance);
        double[] r = new double[k];
        for (double x : data) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double d = x - theta[j];
                r[j] = logWeights[j] - 0.5 * d * d / variance;
                max = Math.max(max, r[j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                r[j] = Math.exp(r[j] - max);
                sum += r[j];
            }
            logp += max + Math.log(sum) + logNorm;
            if (gradient != null) {
                for (int j = 0; j < k; j++) {
                    gradient[j] += r[j] / sum * (x - theta[j]) / variance;
                }
            }
        }
        return logp;
    }
}
