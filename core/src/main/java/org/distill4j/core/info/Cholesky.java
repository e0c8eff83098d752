package org.distill4j.core.info;

/**
 * Dense Cholesky factorisation {@code A = L Lᵀ} of a symmetric positive definite matrix in {@code double}, with
 * triangular solves, iterative refinement and log-determinants. Only the lower triangle of A is read. Stateless.
 */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * Writes L into the lower triangle of {@code l} (the upper triangle is zeroed).
     *
     * @return false if a pivot is not positive and finite (A is not positive definite to working precision)
     */
    static boolean factor(double[][] a, double[][] l) {
        return firstFailedPivot(a, l) < 0;
    }

    /** Factors like {@link #factor}; returns the 0-based index of the first bad pivot, or −1 on success. */
    static int firstFailedPivot(double[][] a, double[][] l) {
        int m = a.length;
        for (int i = 0; i < m; i++) {
            double[] li = l[i];
            for (int j = 0; j <= i; j++) {
                double[] lj = l[j];
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= li[k] * lj[k];
                }
                if (i == j) {
                    if (!(sum > 0) || Double.isInfinite(sum)) {
                        return i;
                    }
                    li[i] = Math.sqrt(sum);
                } else {
                    li[j] = sum / lj[j];
                }
            }
            java.util.Arrays.fill(li, i + 1, m, 0);
        }
        return -1;
    }

    /** Solves {@code L Lᵀ x = rhs} into {@code x}. */
    static void solve(double[][] l, double[] rhs, double[] x) {
        int m = l.length;
        for (int i = 0; i < m; i++) {
            double sum = rhs[i];
            double[] li = l[i];
            for (int k = 0; k < i; k++) {
                sum -= li[k] * x[k];
            }
            x[i] = sum / li[i];
        }
        for (int i = m - 1; i >= 0; i--) {
            double sum = x[i];
            for (int k = i + 1; k < m; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
    }

    /**
     * Factors the equilibrated matrix {@code D A D} with {@code D = diag(1/sqrt(A_ii))}, writing the factor into
     * {@code l} and D into {@code scale}: far better conditioned than A when A's rows differ in scale.
     *
     * @return false if A is not positive definite to working precision
     */
    static boolean factorScaled(double[][] a, double[][] l, double[] scale) {
        int m = a.length;
        for (int i = 0; i < m; i++) {
            if (!(a[i][i] > 0) || Double.isInfinite(a[i][i])) {
                return false;
            }
            scale[i] = 1 / Math.sqrt(a[i][i]);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                l[i][j] = a[i][j] * scale[i] * scale[j];
            }
        }
        return factor(l, l);
    }

    /** Solves {@code A x = rhs} with a factor from {@link #factorScaled}. */
    static void solveScaled(double[][] l, double[] scale, double[] rhs, double[] x) {
        int m = l.length;
        double[] scaled = new double[m];
        for (int i = 0; i < m; i++) {
            scaled[i] = rhs[i] * scale[i];
        }
        solve(l, scaled, x);
        for (int i = 0; i < m; i++) {
            x[i] *= scale[i];
        }
    }

    /**
     * Solves {@code A x = rhs} with a factor from {@link #factorScaled} and one step of iterative refinement
     * (A full and symmetric).
     */
    static void solveRefined(double[][] a, double[][] l, double[] scale, double[] rhs, double[] x) {
        int m = a.length;
        solveScaled(l, scale, rhs, x);
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = rhs[i];
            double[] ai = a[i];
            for (int k = 0; k < m; k++) {
                sum -= ai[k] * x[k];
            }
            r[i] = sum;
        }
        double[] correction = new double[m];
        solveScaled(l, scale, r, correction);
        for (int i = 0; i < m; i++) {
            x[i] += correction[i];
        }
    }

    /** Solves {@code A x = rhs} with the factor of A and one step of iterative refinement (A full, symmetric). */
    static void solveRefined(double[][] a, double[][] l, double[] rhs, double[] x) {
        int m = a.length;
        solve(l, rhs, x);
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = rhs[i];
            double[] ai = a[i];
            for (int k = 0; k < m; k++) {
                sum -= ai[k] * x[k];
            }
            r[i] = sum;
        }
        double[] correction = new double[m];
        solve(l, r, correction);
        for (int i = 0; i < m; i++) {
            x[i] += correction[i];
        }
    }

    /** {@code log det A = 2 Σ log L_ii}. */
    static double logDeterminant(double[][] l) {
        double sum = 0;
        for (int i = 0; i < l.length; i++) {
            sum += Math.log(l[i][i]);
        }
        return 2 * sum;
    }
}
