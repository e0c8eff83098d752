package org.distill4j.generative.ais;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * The inverse temperatures {@code 0 = β_0 ≤ β_1 ≤ … ≤ β_K = 1} of annealed importance sampling. Immutable and
 * thread-safe.
 */
public final class AisSchedule {

    private final double[] betas;

    private AisSchedule(double[] betas) {
        this.betas = betas;
    }

    /**
     * Salakhutdinov and Murray (2008)'s schedule: {@code [0:1e-3:0.5, 0.5:1e-4:0.9, 0.9:1e-5:1]} as MATLAB colon
     * ranges, 14,503 values (the duplicates at 0.5 and 0.9 kept, as in the paper's code and in
     * {@code rbm_ais.py}).
     */
    public static AisSchedule salakhutdinovMurray() {
        return salakhutdinovMurray(1);
    }

    /**
     * Salakhutdinov and Murray's schedule with the number of steps of each range divided by {@code coarsen}
     * ({@code rbm_ais.py --ais-coarsen}): ranges of 500, 4000 and 10000 steps become {@code steps / coarsen}.
     *
     * @param coarsen in [1, 500]
     */
    public static AisSchedule salakhutdinovMurray(int coarsen) {
        checkArgument(coarsen >= 1 && coarsen <= 500, "coarsen must be in [1, 500], got %s", coarsen);
        double[][] ranges = {{0.0, 0.5, 500}, {0.5, 0.9, 4000}, {0.9, 1.0, 10000}};
        int total = 0;
        for (double[] r : ranges) {
            total += (int) r[2] / coarsen + 1;
        }
        double[] betas = new double[total];
        int k = 0;
        for (double[] r : ranges) {
            int steps = (int) r[2] / coarsen;
            for (int i = 0; i <= steps; i++) {
                betas[k++] = i == steps ? r[1] : r[0] + (r[1] - r[0]) * i / steps;
            }
        }
        return new AisSchedule(betas);
    }

    /**
     * {@code temperatures} equally spaced values from 0 to 1.
     *
     * @param temperatures at least 2
     */
    public static AisSchedule linear(int temperatures) {
        checkArgument(temperatures >= 2, "temperatures must be >= 2, got %s", temperatures);
        double[] betas = new double[temperatures];
        for (int i = 0; i < temperatures; i++) {
            betas[i] = i == temperatures - 1 ? 1.0 : (double) i / (temperatures - 1);
        }
        return new AisSchedule(betas);
    }

    /**
     * A given schedule (copied).
     *
     * @param betas at least 2 finite values, starting at 0, ending at 1, never decreasing
     */
    public static AisSchedule of(double... betas) {
        checkNotNull(betas, "betas");
        checkArgument(betas.length >= 2, "betas must have at least 2 values, got %s", betas.length);
        checkArgument(betas[0] == 0 && betas[betas.length - 1] == 1, "betas must start at 0 and end at 1, got %s "
                + "and %s", betas[0], betas[betas.length - 1]);
        for (int i = 1; i < betas.length; i++) {
            checkArgument(betas[i] >= betas[i - 1] && Double.isFinite(betas[i]),
                    "betas must be finite and never decrease, got betas[%s] = %s after %s", i, betas[i], betas[i - 1]);
        }
        return new AisSchedule(betas.clone());
    }

    /** The number of temperatures {@code K + 1}. */
    public int size() {
        return betas.length;
    }

    /** The {@code k}-th inverse temperature. */
    public double beta(int k) {
        return betas[k];
    }

    /** A copy of the inverse temperatures. */
    public double[] betas() {
        return betas.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AisSchedule other && Arrays.equals(betas, other.betas);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(betas);
    }

    @Override
    public String toString() {
        return "AisSchedule[" + betas.length + " temperatures]";
    }
}
