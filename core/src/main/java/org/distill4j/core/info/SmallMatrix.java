package org.distill4j.core.info;

/**
 * Dense {@code double[][]} helpers for the small matrices of the Gaussian decompositions (a few dozen rows at
 * most): products, blocks, triangular and positive definite inverses. Stateless; every result is a new array.
 */
final class SmallMatrix {

    private SmallMatrix() {
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b.length == 0 ? 0 : b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                double v = a[i][k];
                if (v == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    out[i][j] += v * b[k][j];
                }
            }
        }
        return out;
    }

    static double[][] transpose(double[][] a) {
        int n = a.length;
        int m = n == 0 ? 0 : a[0].length;
        double[][] out = new double[m][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    static double[][] add(double[][] a, double[][] b) {
        return axpy(a, 1, b);
    }

    static double[][] subtract(double[][] a, double[][] b) {
        return axpy(a, -1, b);
    }

    /** {@code a + s·b}. */
    static double[][] axpy(double[][] a, double s, double[][] b) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = a[i][j] + s * b[i][j];
            }
        }
        return out;
    }

    static double[][] scale(double[][] a, double s) {
        return axpy(new double[a.length][a.length == 0 ? 0 : a[0].length], s, a);
    }

    static double frobenius2(double[][] a) {
        double sum = 0;
        for (double[] row : a) {
            for (double v : row) {
                sum += v * v;
            }
        }
        return sum;
    }

    /** Rows {@code [r, r + rows)} and columns {@code [c, c + cols)}. */
    static double[][] block(double[][] a, int r, int rows, int c, int cols) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a[r + i], c, out[i], 0, cols);
        }
        return out;
    }

    static double[][] choleskyOrNull(double[][] a) {
        double[][] l = new double[a.length][a.length];
        return Cholesky.factor(a, l) ? l : null;
    }

    static double[][] cholesky(double[][] a) {
        double[][] l = choleskyOrNull(a);
        if (l == null) {
            throw new IllegalArgumentException("a conditional covariance block is not positive definite");
        }
        return l;
    }

    /** The inverse of a lower-triangular matrix with a non-zero diagonal, by forward substitution. */
    static double[][] inverseLower(double[][] l) {
        int n = l.length;
        double[][] out = new double[n][n];
        for (int col = 0; col < n; col++) {
            for (int i = col; i < n; i++) {
                double sum = i == col ? 1 : 0;
                for (int k = col; k < i; k++) {
                    sum -= l[i][k] * out[k][col];
                }
                out[i][col] = sum / l[i][i];
            }
        }
        return out;
    }

    /** The inverse of a symmetric positive definite matrix through its Cholesky factor. */
    static double[][] inversePd(double[][] a) {
        double[][] li = inverseLower(cholesky(a));
        return multiply(transpose(li), li);
    }
}
