package org.distill4j.bayes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model's gradient (full and minibatch) against float64 central differences, at random points. */
class ModelGradientTest {

    private static final long SEED = 20260401L;

    static double[][] features(SplittableRandom rng, int n, int p) {
        double[][] x = new double[n][p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return x;
    }

    static int[] labels(SplittableRandom rng, int n, int k) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(k);
        }
        return y;
    }

    static double[] targets(SplittableRandom rng, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextGaussian() * 2;
        }
        return y;
    }

    static Stream<Arguments> models() {
        SplittableRandom rng = new SplittableRandom(SEED);
        int n = 13;
        int p = 3;
        double[][] x = features(rng, n, p);
        return Stream.of(
                Arguments.of("linear", BayesianLinearRegression.of(x, targets(rng, n), 4.0, 0.5)),
                Arguments.of("logistic+bias", BayesianLogisticRegression.of(x, labels(rng, n, 2), 100.0, true)),
                Arguments.of("logistic", BayesianLogisticRegression.of(x, labels(rng, n, 2), 2.0, false)),
                // 9 features: the blocked four-column passes and their tail
                Arguments.of("logistic-9", BayesianLogisticRegression.of(features(rng, n, 9), labels(rng, n, 2), 3.0,
                        true)),
                Arguments.of("softmax+bias", BayesianSoftmaxRegression.of(x, labels(rng, n, 4), 4, 3.0, true)),
                Arguments.of("softmax", BayesianSoftmaxRegression.of(x, labels(rng, n, 3), 3, 3.0, false)),
                Arguments.of("softmax-9", BayesianSoftmaxRegression.of(features(rng, n, 9), labels(rng, n, 3), 3, 3.0,
                        true)),
                Arguments.of("mlp-tanh-clf", BayesianMlp.builder().hiddenUnits(4).priorVariance(2.0)
                        .classifier(x, labels(rng, n, 3), 3)),
                Arguments.of("mlp-relu-clf", BayesianMlp.builder().hiddenUnits(5)
                        .activation(BayesianMlp.Activation.RELU).classifier(x, labels(rng, n, 2), 2)),
                Arguments.of("mlp-tanh-reg", BayesianMlp.builder().hiddenUnits(4)
                        .logNoiseVariancePrior(-1.0, 2.0).regressor(x, targets(rng, n))),
                Arguments.of("mlp-relu-reg", BayesianMlp.builder().hiddenUnits(3)
                        .activation(BayesianMlp.Activation.RELU).regressor(x, targets(rng, n))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void gradientMatchesCentralDifferences(String name, MinibatchLogDensity model) {
        SplittableRandom rng = new SplittableRandom(SEED + name.hashCode());
        int d = model.dimension();
        int[] rows = {0, 3, 3, 7, 12};
        for (int trial = 0; trial < 3; trial++) {
            double[] theta = new double[d];
            for (int j = 0; j < d; j++) {
                theta[j] = rng.nextGaussian() * 0.7;
            }
            double[] copy = theta.clone();
            double[] g = new double[d];
            double[] gb = new double[d];
            double value = model.logDensity(theta, g);
            double batchValue = model.logDensity(theta, rows, gb);
            assertThat(theta).containsExactly(copy);
            assertThat(model.logDensity(theta, null)).isEqualTo(value);
            assertThat(model.logDensity(theta, rows, null)).isEqualTo(batchValue);
            for (int j = 0; j < d; j++) {
                double h = 1e-5;
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[j] += h;
                minus[j] -= h;
                double fd = (model.logDensity(plus, null) - model.logDensity(minus, null)) / (2 * h);
                double fdb = (model.logDensity(plus, rows, null) - model.logDensity(minus, rows, null)) / (2 * h);
                assertThat(g[j]).as("%s d/dθ%s (seed %s)", name, j, SEED).isCloseTo(fd,
                        within(1e-5 * (1 + Math.abs(fd))));
                assertThat(gb[j]).as("%s minibatch d/dθ%s", name, j).isCloseTo(fdb,
                        within(1e-5 * (1 + Math.abs(fdb))));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void minibatchOfAllRowsEqualsFullDensity(String name, MinibatchLogDensity model) {
        int[] all = new int[model.dataSize()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        double[] theta = new double[model.dimension()];
        java.util.Arrays.fill(theta, 0.3);
        double[] g1 = new double[theta.length];
        double[] g2 = new double[theta.length];
        assertThat(model.logDensity(theta, all, g2)).isCloseTo(model.logDensity(theta, g1), within(1e-9));
        for (int j = 0; j < theta.length; j++) {
            assertThat(g2[j]).isCloseTo(g1[j], within(1e-9));
        }
    }
}
