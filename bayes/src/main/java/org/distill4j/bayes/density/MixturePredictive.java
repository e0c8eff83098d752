package org.distill4j.bayes.density;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.SplittableRandom;
import org.distill4j.core.DensityTeacher;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Monte-Carlo posterior predictive density of a bag of mean samples of the thesis's mixture model
 * (Papamakarios 2015, arXiv:1510.02437, ch. 3): {@code p(x|D) ≈ (1/S) Σ_s Σ_k π_k N(x; μ_sk, σ²)}, an
 * {@code S·K}-component mixture that a {@link GmmStudent} of {@code K} components imitates.
 *
 * <p>As a core {@link DensityTeacher} it answers normalised log-densities (the "unnormalised" log-density is
 * exact here) of inputs {@code [n, 1]} and draws samples {@code [n, 1]} (DOUBLE): a sample index, a component,
 * then a normal value.
 *
 * <p>Immutable and thread-safe; the bag is copied in. Memory: {@code S·K} doubles.
 */
public final class MixturePredictive implements DensityTeacher {

    private final double[][] means;
    private final double[] weights;
    private final double variance;
    private final GaussianMixture[] members;

    private MixturePredictive(double[][] means, double[] weights, double variance) {
        this.means = means;
        this.weights = weights;
        this.variance = variance;
        this.members = new GaussianMixture[means.length];
        for (int s = 0; s < means.length; s++) {
            members[s] = GaussianMixture.sharedVariance(weights, means[s], variance);
        }
    }

    /**
     * The predictive of a bag of mean vectors.
     *
     * @param samples {@code S ≥ 1} samples of the means, each {@code [K]} and finite; copied
     * @param weights the known weights {@code [K]}
     * @param variance the known variance, > 0
     * @throws IllegalArgumentException for an empty bag, samples of another length than the weights, non-finite
     *     means, bad weights or a non-positive variance
     */
    public static MixturePredictive of(List<double[]> samples, double[] weights, double variance) {
        checkNotNull(samples, "samples");
        checkNotNull(weights, "weights");
        checkArgument(!samples.isEmpty(), "samples must hold at least 1 posterior sample, got an empty bag");
        double[][] copy = new double[samples.size()][];
        for (int s = 0; s < copy.length; s++) {
            double[] mu = checkNotNull(samples.get(s), "samples[%s]", s);
            checkArgument(mu.length == weights.length, "samples[%s] has %s means but there are %s weights", s,
                    mu.length, weights.length);
            copy[s] = mu.clone();
        }
        GaussianMixture.sharedVariance(weights, copy[0], variance); // validates weights and variance
        return new MixturePredictive(copy, weights.clone(), variance);
    }

    /** The predictive of a posterior's bag: its weights and variance with the given mean samples. */
    public static MixturePredictive of(MixtureMeansPosterior posterior, List<double[]> samples) {
        return of(samples, checkNotNull(posterior, "posterior").weights(), posterior.variance());
    }

    @Override
    public int inputSize() {
        return 1;
    }

    /** The number of samples {@code S} in the bag. */
    public int sampleCount() {
        return means.length;
    }

    /** The number of components {@code K} of each sample's mixture. */
    public int components() {
        return weights.length;
    }

    /** The bytes of the bag's means ({@code 8·S·K}). */
    public long memoryBytes() {
        return 8L * means.length * weights.length;
    }

    /** {@code log p(x|D)} for one finite {@code x}. */
    public double logDensity(double x) {
        checkArgument(Double.isFinite(x), "x must be finite, got %s", x);
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[members.length];
        for (int s = 0; s < members.length; s++) {
            terms[s] = members[s].logDensity(x);
            max = Math.max(max, terms[s]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum / members.length);
    }

    @Override
    public INDArray unnormalizedLogDensity(INDArray inputs) {
        double[] x = DensityInputs.column(inputs, "inputs");
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = logDensity(x[i]);
        }
        return Nd4j.createFromArray(out);
    }

    @Override
    public INDArray sample(int n, long seed) {
        checkArgument(n >= 1, "n must be >= 1, got %s", n);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = draw(rng);
        }
        return Nd4j.create(x, new long[] {n, 1}, DataType.DOUBLE);
    }

    /** One draw from the predictive. */
    public double draw(SplittableRandom rng) {
        return members[rng.nextInt(members.length)].sample(rng);
    }
}
