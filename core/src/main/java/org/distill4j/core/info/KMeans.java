package org.distill4j.core.info;

import java.util.SplittableRandom;

/**
 * Lloyd's k-means with k-means++ seeding (D. Arthur and S. Vassilvitskii, <i>k-means++: the advantages of careful
 * seeding</i>, SODA 2007), in {@code double}, keeping the best of several seeded restarts by inertia (the sum of
 * squared distances to the nearest centre). Ties go to the lower centre index; a cluster left empty is re-seeded
 * with the point farthest from its centre. Deterministic given the random source. Stateless.
 */
final class KMeans {

    private KMeans() {
    }

    /** The assignment of each row of {@code x} to one of {@code k} clusters, numbered 0..k−1. */
    static int[] cluster(double[][] x, int k, int restarts, int maxIterations, SplittableRandom rng) {
        int[] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int r = 0; r < restarts; r++) {
            int[] labels = new int[x.length];
            double inertia = lloyd(x, seed(x, k, rng.split()), labels, maxIterations);
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = labels;
            }
        }
        return best;
    }

    /** k-means++: the first centre uniformly, each next one with probability proportional to D². */
    static double[][] seed(double[][] x, int k, SplittableRandom rng) {
        int n = x.length;
        double[][] centres = new double[k][];
        centres[0] = x[rng.nextInt(n)].clone();
        double[] distance = new double[n];
        for (int i = 0; i < n; i++) {
            distance[i] = squared(x[i], centres[0]);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : distance) {
                total += v;
            }
            int pick;
            if (total > 0) {
                double u = rng.nextDouble() * total;
                pick = n - 1;
                for (int i = 0; i < n; i++) {
                    u -= distance[i];
                    if (u < 0) {
                        pick = i;
                        break;
                    }
                }
            } else {
                pick = rng.nextInt(n); // every point coincides with a centre
            }
            centres[c] = x[pick].clone();
            for (int i = 0; i < n; i++) {
                distance[i] = Math.min(distance[i], squared(x[i], centres[c]));
            }
        }
        return centres;
    }

    /** Runs Lloyd's iterations from {@code centres}, writing the labels; returns the inertia. */
    private static double lloyd(double[][] x, double[][] centres, int[] labels, int maxIterations) {
        int n = x.length;
        int k = centres.length;
        int d = n == 0 ? 0 : x[0].length;
        java.util.Arrays.fill(labels, -1);
        double inertia = Double.POSITIVE_INFINITY;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            boolean changed = false;
            inertia = 0;
            double[] nearest = new double[n];
            for (int i = 0; i < n; i++) {
                int label = 0;
                double min = squared(x[i], centres[0]);
                for (int c = 1; c < k; c++) {
                    double dist = squared(x[i], centres[c]);
                    if (dist < min) {
                        min = dist;
                        label = c;
                    }
                }
                nearest[i] = min;
                inertia += min;
                if (labels[i] != label) {
                    labels[i] = label;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[][] sums = new double[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[labels[i]][j] += x[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    int far = 0;
                    for (int i = 1; i < n; i++) {
                        if (nearest[i] > nearest[far]) {
                            far = i;
                        }
                    }
                    centres[c] = x[far].clone();
                    nearest[far] = 0;
                } else {
                    for (int j = 0; j < d; j++) {
                        centres[c][j] = sums[c][j] / counts[c];
                    }
                }
            }
        }
        return inertia;
    }

    private static double squared(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            s += diff * diff;
        }
        return s;
    }
}
