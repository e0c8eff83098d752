package org.distill4j.bayes.testing;

import java.util.SplittableRandom;
import org.distill4j.bayes.model.BayesianLinearRegression;
import org.distill4j.bayes.sampler.MarkovChain;

/** A test double chain: independent exact draws from a conjugate linear regression's Gaussian posterior. */
public final class ExactPosteriorChain implements MarkovChain {

    private final double[] mean;
    private final double[][] cholesky;
    private final SplittableRandom rng;
    private double[] state;

    public ExactPosteriorChain(BayesianLinearRegression model, long seed) {
        this.mean = model.posteriorMean();
        this.cholesky = cholesky(model.posteriorCovariance());
        this.rng = new SplittableRandom(seed);
        this.state = mean.clone();
    }

    @Override
    public int dimension() {
        return mean.length;
    }

    @Override
    public double[] state() {
        return state.clone();
    }

    @Override
    public double[] next() {
        int d = mean.length;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            z[i] = Gaussians.standard(rng);
        }
        double[] x = mean.clone();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                x[i] += cholesky[i][j] * z[j];
            }
        }
        state = x;
        return x.clone();
    }

    private static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
            }
        }
        return l;
    }
}
