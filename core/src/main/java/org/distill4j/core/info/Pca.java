package org.distill4j.core.info;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Principal component scores in {@code double}, as in the reference code of Dissanayake et al. (2025): rows
 * optionally L2-normalised (zero rows stay zero), columns centred, then projected on the leading eigenvectors of
 * the covariance (LAPACK {@code syev} through ND4J; the n × n Gram matrix instead when there are fewer rows than
 * columns). Component signs are fixed so that each eigenvector's largest entry is positive. Stateless; the input
 * is never modified.
 */
final class Pca {

    private Pca() {
    }

    /** Scores {@code [n][k]} and the variance of each component, largest first. */
    record Result(double[][] scores, double[] variances) {
    }

    static Result reduce(INDArray x, int components, boolean normaliseRows) {
        long n = x.rows();
        long d = x.columns();
        INDArray z = x.dataType() == DataType.DOUBLE ? x.dup('c') : x.castTo(DataType.DOUBLE).dup('c');
        if (normaliseRows) {
            INDArray norms = z.norm2(1).reshape(n, 1);
            double[] values = norms.toDoubleVector();
            for (int i = 0; i < values.length; i++) {
                if (!(values[i] > 0)) {
                    norms.putScalar(i, 0, 1.0);
                }
            }
            z.diviColumnVector(norms);
        }
        z.subiRowVector(z.mean(0).reshape(1, d));
        int k = (int) Math.min(components, Math.min(n, d));
        double denominator = Math.max(1, n - 1);
        if (d <= n) {
            INDArray covariance = z.transpose().mmul(z).divi(denominator).dup('c');
            INDArray values = Nd4j.create(DataType.DOUBLE, d);
            Nd4j.getBlasWrapper().lapack().syev('V', 'U', covariance, values);
            INDArray basis = Nd4j.create(DataType.DOUBLE, d, k);
            double[] variances = new double[k];
            for (int j = 0; j < k; j++) {
                int column = (int) d - 1 - j;
                variances[j] = Math.max(0, values.getDouble(column));
                INDArray v = covariance.getColumn(column).dup();
                double sign = signOfLargest(v);
                basis.putColumn(j, v.muli(sign));
            }
            return new Result(z.mmul(basis).toDoubleMatrix(), variances);
        }
        // fewer rows than columns: eigenvectors u of Z Zᵀ / (n − 1) give scores u * sqrt((n − 1) λ)
        INDArray gram = z.mmul(z.transpose()).divi(denominator).dup('c');
        INDArray values = Nd4j.create(DataType.DOUBLE, n);
        Nd4j.getBlasWrapper().lapack().syev('V', 'U', gram, values);
        double[][] scores = new double[(int) n][k];
        double[] variances = new double[k];
        for (int j = 0; j < k; j++) {
            int column = (int) n - 1 - j;
            double lambda = Math.max(0, values.getDouble(column));
            variances[j] = lambda;
            INDArray u = gram.getColumn(column).dup();
            // fix the sign on the loading vector Zᵀ u, as in the other branch
            double sign = signOfLargest(z.transpose().mmul(u.reshape(n, 1)));
            double factor = sign * Math.sqrt(denominator * lambda);
            for (int i = 0; i < n; i++) {
                scores[i][j] = u.getDouble(i) * factor;
            }
        }
        return new Result(scores, variances);
    }

    private static double signOfLargest(INDArray v) {
        double[] values = v.toDoubleVector();
        double best = 0;
        for (double value : values) {
            if (Math.abs(value) > Math.abs(best)) {
                best = value;
            }
        }
        return best < 0 ? -1 : 1;
    }
}
