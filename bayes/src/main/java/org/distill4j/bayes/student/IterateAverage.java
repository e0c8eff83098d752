package org.distill4j.bayes.student;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

/**
 * The running mean of parameter vectors after each optimiser step: Polyak–Ruppert averaging (Polyak &amp;
 * Juditsky 1992), which turns the noisy iterates of stochastic gradients into a low-variance estimate. Mutable;
 * not thread-safe.
 */
public final class IterateAverage {

    private final double[] mean;
    private long count;

    /** @param size the number of parameters, at least 1 */
    public IterateAverage(int size) {
        checkArgument(size >= 1, "size must be >= 1, got %s", size);
        this.mean = new double[size];
    }

    /** Adds one iterate (not modified). */
    public void add(double[] params) {
        checkArgument(params.length == mean.length, "params must have length %s, got %s", mean.length,
                params.length);
        count++;
        double w = 1.0 / count;
        for (int i = 0; i < mean.length; i++) {
            mean[i] += w * (params[i] - mean[i]);
        }
    }

    /** The number of iterates averaged. */
    public long count() {
        return count;
    }

    /**
     * A copy of the mean.
     *
     * @throws IllegalStateException if nothing was added
     */
    public double[] mean() {
        checkState(count > 0, "no iterate was averaged yet");
        return mean.clone();
    }

    /** The bytes of the mean, {@code 8·size}. */
    public long memoryBytes() {
        return 8L * mean.length;
    }

    /** A copy of the running mean, also before anything was added (zeros), for a checkpoint. */
    public double[] meanCopy() {
        return mean.clone();
    }

    /**
     * Replaces the state by a checkpoint's.
     *
     * @throws IllegalArgumentException if the length differs from the size or count < 0
     */
    public void restore(double[] savedMean, long savedCount) {
        checkArgument(savedMean.length == mean.length, "the averaged mean must have length %s, got %s",
                mean.length, savedMean.length);
        checkArgument(savedCount >= 0, "the averaged count must be >= 0, got %s", savedCount);
        System.arraycopy(savedMean, 0, mean, 0, mean.length);
        count = savedCount;
    }
}
