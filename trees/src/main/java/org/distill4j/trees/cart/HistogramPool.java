package org.distill4j.trees.cart;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Whole-node histograms of one tree's growth, recycled within a memory budget: {@link #acquire} returns a zeroed
 * buffer or {@code null} when the budget is spent (the caller then works without one). Not thread-safe.
 */
final class HistogramPool {

    private final int length;
    private final int capacity;
    private final ArrayDeque<double[]> free = new ArrayDeque<>();
    private int outstanding;

    /**
     * @param length doubles per histogram
     * @param budgetBytes the most bytes held by all histograms together
     */
    HistogramPool(int length, long budgetBytes) {
        this.length = length;
        long fits = budgetBytes / (8L * Math.max(1, length));
        this.capacity = (int) Math.min(Integer.MAX_VALUE, fits < 2 ? 0 : fits);
    }

    /** Whether the pool can ever lend a histogram. */
    boolean enabled() {
        return capacity > 0;
    }

    /** A zeroed histogram, or null when the budget is spent. */
    double[] acquire() {
        double[] h = free.pollLast();
        if (h != null) {
            Arrays.fill(h, 0);
        } else if (outstanding + free.size() < capacity) {
            h = new double[length];
        } else {
            return null;
        }
        outstanding++;
        return h;
    }

    /** Returns a histogram (null is ignored). */
    void release(double[] histogram) {
        if (histogram != null) {
            outstanding--;
            free.addLast(histogram);
        }
    }
}
