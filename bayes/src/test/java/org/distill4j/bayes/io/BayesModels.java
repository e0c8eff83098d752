package org.distill4j.bayes.io;

import java.util.SplittableRandom;
import org.distill4j.bayes.bag.LinearPredictive;
import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.density.GaussianMixture;
import org.distill4j.bayes.density.GmmStudent;
import org.distill4j.bayes.regression.GaussianRegressionStudent;
import org.distill4j.bayes.student.LogisticMixtureStudent;
import org.distill4j.bayes.student.MixtureShape;

/** One small, fixed instance of each saved bayes model type, for the fixture, validation and fuzz tests. */
final class BayesModels {

    private BayesModels() {
    }

    private static double[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * 0.7;
        }
        return v;
    }

    /** A softmax-regression bag: 3 inputs, 4 classes, bias, 5 samples. */
    static PosteriorBag bag() {
        LinearPredictive model = LinearPredictive.softmax(3, 4, true);
        int d = model.parameterDimension();
        double[][] samples = new double[5][];
        for (int s = 0; s < samples.length; s++) {
            samples[s] = gaussian(d, 100 + s);
        }
        return PosteriorBag.of(model, samples);
    }

    /** A three-component softmax mixture over 3 inputs and 4 classes. */
    static LogisticMixtureStudent mixture() {
        MixtureShape shape = MixtureShape.softmax(3, 3, 4);
        return LogisticMixtureStudent.of(shape, gaussian(shape.parameterCount(), 200));
    }

    /** A three-component one-dimensional GMM. */
    static GmmStudent gmm() {
        return new GmmStudent(GaussianMixture.of(new double[] {0.2, 0.5, 0.3}, new double[] {-2, 0.5, 3},
                new double[] {0.5, 1.0, 2.0}));
    }

    /** A Gaussian regression MLP, 3 inputs, hidden 5 and 4. */
    static GaussianRegressionStudent regression() {
        return GaussianRegressionStudent.initialize(3, new int[] {5, 4}, 300);
    }
}
