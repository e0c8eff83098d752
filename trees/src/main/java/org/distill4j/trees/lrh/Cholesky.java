package org.distill4j.trees.lrh;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inverse of a symmetric positive definite matrix through its Cholesky factor {@code A = L Lᵀ}:
 * {@code A⁻¹ = L⁻ᵀ L⁻¹}. The factor and its inverse are computed in double in Java with row-wise, cache-friendly
 * loops ({@code n³/3 + n³/6} multiply-adds); the last product is one matrix multiplication. (ND4J's
 * {@code matrix_inverse} and {@code cholesky} ops reject well-conditioned 1000 × 1000 systems whose determinant
 * underflows.) Stateless.
 */
final class Cholesky {

    private Cholesky() {
    }

    /**
     * {@code A⁻¹} of a symmetric positive definite {@code [n, n]} matrix (only its lower triangle is read).
     *
     * @return a new {@code [n, n]} DOUBLE array
     * @throws IllegalStateException if A is not numerically positive definite
     */
    static INDArray inverse(INDArray matrix) {
        int n = matrix.rows();
        double[] a = matrix.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] l = factor(a, n);
        double[] x = inverseOfLower(l, n);
        INDArray inverseLower = Nd4j.create(x, new long[] {n, n}, DataType.DOUBLE);
        return inverseLower.transpose().mmul(inverseLower);
    }

    /** L, row-major, with {@code A = L Lᵀ}. */
    static double[] factor(double[] a, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            for (int j = 0; j <= i; j++) {
                int rj = j * n;
                double sum = a[ri + j];
                for (int k = 0; k < j; k++) {
                    sum -= l[ri + k] * l[rj + k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalStateException("the matrix is not positive definite (pivot " + i + " is "
                                + sum + "); increase the ridge");
                    }
                    l[ri + i] = Math.sqrt(sum);
                } else {
                    l[ri + j] = sum / l[rj + j];
                }
            }
        }
        return l;
    }

    /** {@code L⁻¹} (lower triangular), row-major: column j of it solves {@code L x = e_j}, kept as row j of a transpose. */
    static double[] inverseOfLower(double[] l, int n) {
        double[] transposed = new double[n * n]; // row j holds column j of L⁻¹
        for (int j = 0; j < n; j++) {
            int rj = j * n;
            for (int k = j; k < n; k++) {
                int rk = k * n;
                double sum = k == j ? 1 : 0;
                for (int p = j; p < k; p++) {
                    sum -= l[rk + p] * transposed[rj + p];
                }
                transposed[rj + k] = sum / l[rk + k];
            }
        }
        double[] x = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int k = j; k < n; k++) {
                x[k * n + j] = transposed[j * n + k];
            }
        }
        return x;
    }
}
