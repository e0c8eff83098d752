package org.distill4j.docs;

import java.util.SplittableRandom;
import org.distill4j.bayes.student.MixtureInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 2-D toy problem of the thesis's Bayesian logistic regression (Papamakarios 2015, arXiv:1510.02437, ch. 3):
 * two Gaussian classes with unit covariance, class 0 centred at {@code (−1, −1)} and class 1 at {@code (1, 1)},
 * equally many points of each. The thesis does not list its exact generator; this choice keeps the classes
 * overlapping and the data set small, so the posterior stays broad and its predictive is not a single logistic
 * regressor. Also the Gaussian input distribution {@code N(0, σ² I)} of the transfer and held-out inputs.
 */
final class PosteriorToyData {

    /** The class centres. */
    static final double[][] CENTRES = {{-1, -1}, {1, 1}};

    private PosteriorToyData() {
    }

    /**
     * {@code perClass} points of each class, interleaved (0, 1, 0, 1, ...).
     *
     * @return features {@code [2·perClass][2]}; labels are {@link #labels}
     */
    static double[][] features(int perClass, SplittableRandom rng) {
        double[][] x = new double[2 * perClass][2];
        for (int i = 0; i < x.length; i++) {
            double[] c = CENTRES[i % 2];
            x[i][0] = c[0] + MixtureInit.gaussian(rng);
            x[i][1] = c[1] + MixtureInit.gaussian(rng);
        }
        return x;
    }

    /** The labels of {@link #features}: 0, 1, 0, 1, ... */
    static int[] labels(int perClass) {
        int[] y = new int[2 * perClass];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2;
        }
        return y;
    }

    /** {@code n} points of {@code N(0, variance · I)} in 2-D, as a new DOUBLE {@code [n, 2]} array. */
    static INDArray gaussianInputs(int n, double variance, SplittableRandom rng) {
        double sd = Math.sqrt(variance);
        double[] v = new double[2 * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = sd * MixtureInit.gaussian(rng);
        }
        return Nd4j.create(v, new long[] {n, 2}, DataType.DOUBLE);
    }

    /** The same points as {@link #features}, as an array. */
    static INDArray array(double[][] x) {
        return Nd4j.create(x).castTo(DataType.DOUBLE);
    }
}
