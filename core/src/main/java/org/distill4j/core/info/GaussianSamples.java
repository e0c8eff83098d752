package org.distill4j.core.info;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * The Gaussian route of {@link KnowledgeEstimator}: one-hot labels (the last class dropped, so the target has
 * K − 1 columns) next to the PCA scores of teacher and student (components of variance below 1e-12 of the
 * largest dropped), their covariance over all rows or a bootstrap resample, a relative ridge on each block's
 * variances (at least 1e-12), and {@link GaussianPid#mmi()} or {@link GaussianBroja}. Immutable.
 */
final class GaussianSamples {

    private final double[][] z;
    private final int dy;
    private final int dt;
    private final int ds;
    private final double ridge;
    private final boolean broja;

    GaussianSamples(int[] labels, Pca.Result teacher, Pca.Result student, double ridge, boolean broja) {
        this.broja = broja;
        TreeMap<Integer, Integer> classes = new TreeMap<>();
        for (int label : labels) {
            classes.putIfAbsent(label, 0);
        }
        int index = 0;
        for (Integer key : classes.keySet()) {
            classes.put(key, index++);
        }
        this.dy = classes.size() - 1;
        int[] tKeep = kept(teacher.variances());
        int[] sKeep = kept(student.variances());
        this.dt = tKeep.length;
        this.ds = sKeep.length;
        this.ridge = ridge;
        int n = labels.length;
        z = new double[n][dy + dt + ds];
        for (int i = 0; i < n; i++) {
            int c = classes.get(labels[i]);
            if (c < dy) {
                z[i][c] = 1;
            }
            for (int j = 0; j < dt; j++) {
                z[i][dy + j] = teacher.scores()[i][tKeep[j]];
            }
            for (int j = 0; j < ds; j++) {
                z[i][dy + dt + j] = student.scores()[i][sKeep[j]];
            }
        }
    }

    /** The MMI atoms in bits over {@code rows} (all rows when null); zero for a single class. */
    PidAtoms decompose(int[] rows) {
        if (dy == 0) {
            return new PidAtoms(0, 0, 0, 0, InformationUnit.BITS);
        }
        int d = dy + dt + ds;
        int n = rows == null ? z.length : rows.length;
        double[] mean = new double[d];
        for (int k = 0; k < n; k++) {
            double[] row = z[rows == null ? k : rows[k]];
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] c = new double[d][d];
        double[] centred = new double[d];
        for (int k = 0; k < n; k++) {
            double[] row = z[rows == null ? k : rows[k]];
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double va = centred[a];
                if (va == 0) {
                    continue;
                }
                for (int b = 0; b <= a; b++) {
                    c[a][b] += va * centred[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                c[a][b] /= Math.max(1, n - 1);
                c[b][a] = c[a][b];
            }
        }
        addRidge(c, 0, dy);
        addRidge(c, dy, dt);
        addRidge(c, dy + dt, ds);
        return broja ? GaussianBroja.withDefaults().decompose(c, dy, dt, ds)
                : GaussianPid.fromCovariance(c, dy, dt, ds).mmi();
    }

    private void addRidge(double[][] c, int from, int count) {
        if (count == 0) {
            return;
        }
        double mean = 0;
        for (int j = from; j < from + count; j++) {
            mean += c[j][j];
        }
        mean /= count;
        // at least 1e-12 of the mean variance (and never 0), so that a resample in which a class is missing
        // still has a positive definite covariance
        double add = Math.max(ridge, 1e-12) * mean + Double.MIN_NORMAL;
        for (int j = from; j < from + count; j++) {
            c[j][j] += add;
        }
    }

    private static int[] kept(double[] variances) {
        double max = variances.length == 0 ? 0 : variances[0];
        return Arrays.stream(range(variances.length)).filter(j -> variances[j] > 1e-12 * max && max > 0).toArray();
    }

    private static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
