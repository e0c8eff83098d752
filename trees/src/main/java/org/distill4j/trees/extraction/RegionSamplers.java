package org.distill4j.trees.extraction;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The input models of model extraction. */
public final class RegionSamplers {

    private RegionSamplers() {
    }

    /**
     * TREPAN's input model (Craven and Shavlik 1995): each feature of a new input is drawn independently from the
     * empirical marginal of that feature over the transfer points reaching the node. Every draw lies in the node's
     * region because every member does. Correlations between features are not kept. Stateless, thread-safe.
     */
    public static RegionSampler empiricalMarginals() {
        return named("empiricalMarginals", (region, count, rng) -> {
            checkArgument(count >= 1, "count must be >= 1, got %s", count);
            int m = region.memberCount();
            int d = region.inputSize();
            checkArgument(m >= 1, "the empirical marginals of a region without transfer points are undefined");
            float[] members = region.members().castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] out = new float[count * d];
            for (int r = 0; r < count; r++) {
                for (int f = 0; f < d; f++) {
                    out[r * d + f] = members[rng.nextInt(m) * d + f];
                }
            }
            return Nd4j.create(out, new long[] {count, d}, DataType.FLOAT);
        });
    }

    /**
     * TREPAN's input model for real-valued features (Craven and Shavlik 1995): each feature of a new input is drawn
     * independently from a Gaussian kernel density estimate of that feature over the transfer points reaching the
     * node — a member's value plus {@code N(0, h²)} noise, with Silverman's bandwidth
     * {@code h = 1.06 σ m^(-1/5)} from the members' standard deviation σ — clamped to the members' range of the
     * feature, which lies inside the region. Unlike {@link #empiricalMarginals()} it produces values between the
     * observed ones, so that thresholds can be placed more precisely than the transfer data allows. Correlations
     * between features are not kept. Stateless, thread-safe.
     */
    public static RegionSampler kernelMarginals() {
        return named("kernelMarginals", (region, count, rng) -> {
            checkArgument(count >= 1, "count must be >= 1, got %s", count);
            int m = region.memberCount();
            int d = region.inputSize();
            checkArgument(m >= 1, "the kernel marginals of a region without transfer points are undefined");
            float[] members = region.members().castTo(DataType.FLOAT).dup('c').data().asFloat();
            double[] bandwidth = new double[d];
            float[] min = new float[d];
            float[] max = new float[d];
            for (int f = 0; f < d; f++) {
                double sum = 0;
                double squares = 0;
                min[f] = Float.POSITIVE_INFINITY;
                max[f] = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < m; i++) {
                    float v = members[i * d + f];
                    sum += v;
                    squares += (double) v * v;
                    min[f] = Math.min(min[f], v);
                    max[f] = Math.max(max[f], v);
                }
                double mean = sum / m;
                double sigma = Math.sqrt(Math.max(0, squares / m - mean * mean));
                bandwidth[f] = 1.06 * sigma * Math.pow(m, -0.2);
            }
            float[] out = new float[count * d];
            for (int r = 0; r < count; r++) {
                for (int f = 0; f < d; f++) {
                    double v = members[rng.nextInt(m) * d + f];
                    if (bandwidth[f] > 0) {
                        v += bandwidth[f] * gaussian(rng);
                    }
                    out[r * d + f] = (float) Math.min(max[f], Math.max(min[f], v));
                }
            }
            return Nd4j.create(out, new long[] {count, d}, DataType.FLOAT);
        });
    }

    /**
     * An input model that keeps the correlations between features: each new input is a random transfer point of
     * the node plus Gaussian noise of {@code scale} times each feature's standard deviation over the node's
     * points, clamped to the members' range of each feature (which lies inside the region). Suits inputs such as
     * images, whose per-feature marginals recombine into unrealistic points. Stateless, thread-safe.
     *
     * @param scale the noise relative to each feature's spread in the node, {@code >= 0} (0 repeats members)
     */
    public static RegionSampler perturbedMembers(double scale) {
        checkArgument(scale >= 0 && Double.isFinite(scale), "scale must be finite and >= 0, got %s", scale);
        return named("perturbedMembers(" + scale + ")", (region, count, rng) -> {
            checkArgument(count >= 1, "count must be >= 1, got %s", count);
            int m = region.memberCount();
            int d = region.inputSize();
            checkArgument(m >= 1, "perturbed members of a region without transfer points are undefined");
            float[] members = region.members().castTo(DataType.FLOAT).dup('c').data().asFloat();
            double[] sigma = new double[d];
            float[] min = new float[d];
            float[] max = new float[d];
            spread(members, m, d, sigma, min, max);
            float[] out = new float[count * d];
            for (int r = 0; r < count; r++) {
                int row = rng.nextInt(m) * d;
                for (int f = 0; f < d; f++) {
                    double v = members[row + f] + (sigma[f] > 0 ? scale * sigma[f] * gaussian(rng) : 0);
                    out[r * d + f] = (float) Math.min(max[f], Math.max(min[f], v));
                }
            }
            return Nd4j.create(out, new long[] {count, d}, DataType.FLOAT);
        });
    }

    /**
     * An input model that keeps the correlations between features: each new input is a random convex combination
     * {@code λ a + (1 − λ) b}, {@code λ ~ U(0, 1)}, of two transfer points of the node (mixup, Zhang et al. 2018);
     * the region is a box, hence convex, so every draw lies inside it. Stateless, thread-safe.
     */
    public static RegionSampler mixup() {
        return named("mixup", (region, count, rng) -> {
            checkArgument(count >= 1, "count must be >= 1, got %s", count);
            int m = region.memberCount();
            int d = region.inputSize();
            checkArgument(m >= 1, "mixup of a region without transfer points is undefined");
            float[] members = region.members().castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[] out = new float[count * d];
            for (int r = 0; r < count; r++) {
                int a = rng.nextInt(m) * d;
                int b = rng.nextInt(m) * d;
                double lambda = rng.nextDouble();
                for (int f = 0; f < d; f++) {
                    float x = members[a + f];
                    float y = members[b + f];
                    double v = lambda * x + (1 - lambda) * y;
                    out[r * d + f] = (float) Math.min(Math.max(x, y), Math.max(Math.min(x, y), v));
                }
            }
            return Nd4j.create(out, new long[] {count, d}, DataType.FLOAT);
        });
    }

    /** Per-feature standard deviation, minimum and maximum of {@code m} rows of width d. */
    private static void spread(float[] rows, int m, int d, double[] sigma, float[] min, float[] max) {
        double[] sum = new double[d];
        double[] squares = new double[d];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < m; i++) {
            for (int f = 0; f < d; f++) {
                float v = rows[i * d + f];
                sum[f] += v;
                squares[f] += (double) v * v;
                min[f] = Math.min(min[f], v);
                max[f] = Math.max(max[f], v);
            }
        }
        for (int f = 0; f < d; f++) {
            double mean = sum[f] / m;
            sigma[f] = Math.sqrt(Math.max(0, squares[f] / m - mean * mean));
        }
    }

    /** One standard normal draw (Box-Muller). */
    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /**
     * A user-supplied input model, truncated to the region by rejection (Bastani et al. 2017 sample a fitted
     * mixture of Gaussians this way): {@code generator} draws a batch of candidate inputs, those inside the region
     * are kept, until {@code count} are found or {@code maxCandidates} candidates per wanted input were drawn.
     * Deep, small regions may thus get fewer inputs than asked.
     *
     * @param generator draws {@code [b, d]} candidates from the given generator (its only randomness); b >= 1
     * @param maxCandidates the most candidates drawn per wanted input, at least 1
     */
    public static RegionSampler rejection(Function<SplittableRandom, INDArray> generator, int maxCandidates) {
        checkNotNull(generator, "generator");
        checkArgument(maxCandidates >= 1, "maxCandidates must be >= 1, got %s", maxCandidates);
        return named("rejection(" + generator + ", " + maxCandidates + ")", (region, count, rng) -> {
            checkArgument(count >= 1, "count must be >= 1, got %s", count);
            int d = region.inputSize();
            float[] kept = new float[count * d];
            int found = 0;
            long drawn = 0;
            long limit = (long) maxCandidates * count;
            while (found < count && drawn < limit) {
                INDArray batch = generator.apply(rng);
                checkArgument(batch != null && batch.rank() == 2 && batch.columns() == d && batch.rows() >= 1,
                        "the generator must return [b >= 1, %s] candidates, got %s", d,
                        batch == null ? null : Arrays.toString(batch.shape()));
                float[] v = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
                for (int r = 0; r < batch.rows() && found < count; r++) {
                    if (region.contains(v, r * d)) {
                        System.arraycopy(v, r * d, kept, found * d, d);
                        found++;
                    }
                }
                drawn += batch.rows();
            }
            return found == 0 ? Nd4j.create(DataType.FLOAT, 0, d)
                    : Nd4j.create(Arrays.copyOf(kept, found * d), new long[] {found, d}, DataType.FLOAT);
        });
    }

    /** A sampler whose {@code toString} is its name, so that configurations print reproducibly. */
    private static RegionSampler named(String name, RegionSampler sampler) {
        return new RegionSampler() {
            @Override
            public INDArray sample(NodeRegion region, int count, SplittableRandom rng) {
                return sampler.sample(region, count, rng);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
