package org.distill4j.bayes.model;

import static com.google.common.base.Preconditions.checkArgument;

/** Small dense symmetric positive-definite linear algebra on {@code double[][]} (Cholesky). Package-private. */
final class SymmetricMatrices {

    private SymmetricMatrices() {
    }

    /** The lower Cholesky factor L of a symmetric positive-definite {@code a} ({@code a = L Lᵀ}). */
    static double[][] cholesky(double[][] a) {
        int p = a.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    checkArgument(s > 0, "matrix is not positive definite (pivot %s = %s)", (Integer) i, (Double) s);
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** The inverse of a symmetric positive-definite matrix, via its Cholesky factor. */
    static double[][] inverse(double[][] a) {
        int p = a.length;
        double[][] l = cholesky(a);
        double[][] inv = new double[p][p];
        double[] col = new double[p];
        for (int c = 0; c < p; c++) {
            // solve L z = e_c, then Lᵀ x = z
            for (int i = 0; i < p; i++) {
                double s = i == c ? 1.0 : 0.0;
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * col[k];
                }
                col[i] = s / l[i][i];
            }
            for (int i = p - 1; i >= 0; i--) {
                double s = col[i];
                for (int k = i + 1; k < p; k++) {
                    s -= l[k][i] * inv[k][c];
                }
                inv[i][c] = s / l[i][i];
            }
        }
        return inv;
    }

    /** {@code a v}. */
    static double[] times(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += a[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }
}
