package org.distill4j.bayes.testing;

import java.util.SplittableRandom;
import org.distill4j.bayes.model.BayesianLinearRegression;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tiny conjugate regression problem: features {@code [1, x]} with {@code x ~ U(-2, 2)},
 * {@code y = 0.5 + 1.5x + N(0, 0.25)}, prior variance 10, known noise variance 0.25.
 */
public final class LinearProblem {

    public static final double NOISE_VARIANCE = 0.25;

    public final INDArray trainInputs;
    public final double[] trainTargets;
    public final INDArray testInputs;
    public final double[] testTargets;
    public final BayesianLinearRegression model;

    public LinearProblem(int n, int nTest, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] train = features(n, rng);
        trainTargets = targets(train, rng);
        double[][] test = features(nTest, rng);
        testTargets = targets(test, rng);
        trainInputs = Nd4j.create(train).castTo(DataType.DOUBLE);
        testInputs = Nd4j.create(test).castTo(DataType.DOUBLE);
        model = BayesianLinearRegression.of(train, trainTargets, 10.0, NOISE_VARIANCE);
    }

    private static double[][] features(int n, SplittableRandom rng) {
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {1, rng.nextDouble(-2, 2)};
        }
        return x;
    }

    private static double[] targets(double[][] x, SplittableRandom rng) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 0.5 + 1.5 * x[i][1] + Math.sqrt(NOISE_VARIANCE) * Gaussians.standard(rng);
        }
        return y;
    }

    /** The exact predictive's mean test log-likelihood. */
    public double exactTestLogLikelihood() {
        double[] pred = model.exactPredictive(testInputs).dup('c').data().asDouble();
        double sum = 0;
        for (int i = 0; i < testTargets.length; i++) {
            double d = testTargets[i] - pred[2 * i];
            double v = pred[2 * i + 1];
            sum += -0.5 * (Math.log(2 * Math.PI * v) + d * d / v);
        }
        return sum / testTargets.length;
    }
}
