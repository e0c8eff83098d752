package org.distill4j.trees.cart;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A slow, obviously correct reference: the impurity decrease of every axis-aligned split of a small data set,
 * computed from scratch in double (Breiman et al. 1984).
 */
final class ExhaustiveSplitFixtures {

    private ExhaustiveSplitFixtures() {
    }

    /** A split and its decrease of {@code n · impurity}. */
    record Scored(int feature, double threshold, double gain) {
    }

    /**
     * Every split between consecutive distinct values of every feature, with at least {@code minLeaf} rows per side.
     *
     * @param x row-major {@code [n, d]}
     * @param y row-major {@code [n, k]} targets (one-hot, probabilities or regression values)
     */
    static List<Scored> all(float[] x, int n, int d, double[] y, int k, Criterion criterion, int minLeaf) {
        List<Scored> out = new ArrayList<>();
        double parent = weighted(x, n, d, y, k, criterion, -1, 0, true);
        for (int f = 0; f < d; f++) {
            TreeSet<Float> values = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                values.add(x[i * d + f]);
            }
            Float prev = null;
            for (Float v : values) {
                if (prev != null) {
                    double t = (prev + (double) v) / 2;
                    int left = 0;
                    for (int i = 0; i < n; i++) {
                        left += x[i * d + f] <= t ? 1 : 0;
                    }
                    if (left >= minLeaf && n - left >= minLeaf) {
                        double children = weighted(x, n, d, y, k, criterion, f, t, true)
                                + weighted(x, n, d, y, k, criterion, f, t, false);
                        out.add(new Scored(f, t, parent - children));
                    }
                }
                prev = v;
            }
        }
        return out;
    }

    /** The best gain over {@link #all}, or 0 when there is no split. */
    static double bestGain(float[] x, int n, int d, double[] y, int k, Criterion criterion, int minLeaf) {
        return all(x, n, d, y, k, criterion, minLeaf).stream().mapToDouble(Scored::gain).max().orElse(0);
    }

    /** The gain of one split. */
    static double gainOf(float[] x, int n, int d, double[] y, int k, Criterion criterion, int f, double t) {
        return weighted(x, n, d, y, k, criterion, -1, 0, true) - weighted(x, n, d, y, k, criterion, f, t, true)
                - weighted(x, n, d, y, k, criterion, f, t, false);
    }

    /** {@code n_side · impurity} of the rows on one side of {@code x_f <= t} (all rows when f < 0). */
    private static double weighted(float[] x, int n, int d, double[] y, int k, Criterion criterion, int f, double t,
            boolean leftSide) {
        double[] sums = new double[k];
        double squares = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            boolean in = f < 0 || (x[i * d + f] <= t) == leftSide;
            if (!in) {
                continue;
            }
            count++;
            for (int j = 0; j < k; j++) {
                sums[j] += y[i * k + j];
                squares += y[i * k + j] * y[i * k + j];
            }
        }
        if (count == 0) {
            return 0;
        }
        double impurity = 0;
        switch (criterion) {
            case GINI -> {
                impurity = 1;
                for (double s : sums) {
                    impurity -= (s / count) * (s / count);
                }
            }
            case ENTROPY -> {
                for (double s : sums) {
                    double p = s / count;
                    impurity -= p > 0 ? p * Math.log(p) : 0;
                }
            }
            case VARIANCE -> {
                double mean2 = 0;
                for (double s : sums) {
                    mean2 += (s / count) * (s / count);
                }
                impurity = squares / count - mean2;
            }
        }
        return count * impurity;
    }
}
