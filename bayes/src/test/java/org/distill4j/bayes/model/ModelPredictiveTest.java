package org.distill4j.bayes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.distill4j.core.data.EmbeddedDatasets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Predictive outputs, the exact conjugate posterior, and input validation of the models. */
class ModelPredictiveTest {

    private static final long SEED = 7L;

    @Test
    void conjugatePosteriorIsTheModeAndInvertsTheHessian() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[][] x = ModelGradientTest.features(rng, 30, 3);
        BayesianLinearRegression model = BayesianLinearRegression.of(x, ModelGradientTest.targets(rng, 30), 2.0,
                0.3);
        double[] mean = model.posteriorMean();
        double[] g = new double[3];
        model.logDensity(mean, g);
        for (double gj : g) {
            assertThat(gj).isCloseTo(0.0, within(1e-9));
        }
        // Hessian of the log-density is -Σ⁻¹: check (-H) Σ = I by differencing the gradient.
        double[][] cov = model.posteriorCovariance();
        for (int a = 0; a < 3; a++) {
            double[] plus = mean.clone();
            plus[a] += 1.0;
            double[] gp = new double[3];
            model.logDensity(plus, gp);
            for (int c = 0; c < 3; c++) {
                double s = 0;
                for (int b = 0; b < 3; b++) {
                    double precision = -(gp[b]); // row a of -H (symmetric), since g(mean) = 0 and g is linear
                    s += precision * cov[b][c];
                }
                assertThat(s).isCloseTo(a == c ? 1.0 : 0.0, within(1e-9));
            }
        }
        INDArray in = Nd4j.create(new double[][] {{1, 0, 0}, {0.5, -1, 2}});
        INDArray pred = model.exactPredictive(in);
        assertThat(pred.getDouble(0, 0)).isCloseTo(mean[0], within(1e-12));
        assertThat(pred.getDouble(0, 1)).isCloseTo(0.3 + cov[0][0], within(1e-12));
        assertThat(model.predictive(mean, in).getDouble(1, 1)).isEqualTo(0.3);
    }

    /** A logistic, a softmax and an MLP classifier on 20 rows of {@code x}, with random labels. */
    private static PredictiveModel[] categoricalModels(SplittableRandom rng, double[][] x) {
        return new PredictiveModel[] {
            BayesianLogisticRegression.of(x, ModelGradientTest.labels(rng, 20, 2), 100, true),
            BayesianSoftmaxRegression.of(x, ModelGradientTest.labels(rng, 20, 3), 3, 1, true),
            BayesianMlp.builder().hiddenUnits(3).classifier(x, ModelGradientTest.labels(rng, 20, 5), 5)};
    }

    @Test
    void categoricalPredictivesAreDistributions() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[][] x = ModelGradientTest.features(rng, 20, 4);
        PredictiveModel[] models = categoricalModels(rng, x);
        INDArray in = Nd4j.create(ModelGradientTest.features(rng, 6, 4));
        INDArray before = in.dup();
        for (PredictiveModel m : models) {
            double[] theta = new double[m.parameterDimension()];
            for (int j = 0; j < theta.length; j++) {
                theta[j] = rng.nextGaussian();
            }
            INDArray p = m.predictive(theta, in);
            assertThat(p.shape()).containsExactly(6, m.outputSize());
            for (int i = 0; i < 6; i++) {
                assertThat(p.getRow(i).sumNumber().doubleValue()).isCloseTo(1.0, within(1e-12));
                assertThat(p.getRow(i).minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
            }
            assertThat(m.response()).isEqualTo(PredictiveModel.Response.CATEGORICAL);
        }
        assertThat(in).isEqualTo(before);
    }

    @Test
    void thePlainArrayPredictiveEqualsTheArrayOneForEveryModel() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[][] x = ModelGradientTest.features(rng, 20, 4);
        PredictiveModel[] categorical = categoricalModels(rng, x);
        PredictiveModel[] models = {categorical[0], categorical[1], categorical[2],
            BayesianMlp.builder().hiddenUnits(3).regressor(x, ModelGradientTest.targets(rng, 20)),
            BayesianLinearRegression.of(x, ModelGradientTest.targets(rng, 20), 2.0, 0.3)};
        double[][] rows = ModelGradientTest.features(rng, 6, 4);
        double[] flat = new double[6 * 4];
        for (int i = 0; i < 6; i++) {
            System.arraycopy(rows[i], 0, flat, 4 * i, 4);
        }
        double[] flatBefore = flat.clone();
        for (PredictiveModel m : models) {
            double[] theta = new double[m.parameterDimension()];
            for (int j = 0; j < theta.length; j++) {
                theta[j] = rng.nextGaussian();
            }
            double[] expected = m.predictive(theta, Nd4j.create(rows)).castTo(DataType.DOUBLE).dup('c').data()
                    .asDouble();
            double[] out = new double[expected.length + 3];
            java.util.Arrays.fill(out, -7);
            m.predictive(theta, flat, 6, out);
            assertThat(java.util.Arrays.copyOf(out, expected.length)).as(m.getClass().getSimpleName())
                    .containsExactly(expected);
            assertThat(java.util.Arrays.copyOfRange(out, expected.length, out.length)).as("beyond the rows")
                    .containsOnly(-7.0);
            assertThatThrownBy(() -> m.predictive(theta, flat, 5, out)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("inputs").hasMessageContaining("rows=5");
            assertThatThrownBy(() -> m.predictive(theta, flat, 6, new double[expected.length - 1]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out")
                    .hasMessageContaining(String.valueOf(expected.length));
            assertThatThrownBy(() -> m.predictive(theta, null, 6, out)).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("inputs");
        }
        assertThat(flat).containsExactly(flatBefore);
    }

    @Test
    void logisticEqualsSoftmaxWithAZeroClassRow() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[][] x = ModelGradientTest.features(rng, 10, 2);
        int[] y = ModelGradientTest.labels(rng, 10, 2);
        BayesianLogisticRegression logistic = BayesianLogisticRegression.of(x, y, 5, true);
        BayesianSoftmaxRegression softmax = BayesianSoftmaxRegression.of(x, y, 2, 5, true);
        double[] w = {0.4, -1.2, 0.3};
        double[] ws = {0, 0, 0, 0.4, -1.2, 0.3};
        assertThat(softmax.logDensity(ws, null)).isCloseTo(logistic.logDensity(w, null), within(1e-10));
    }

    @Test
    void regressionMlpPredictsMeanAndNoiseVariance() {
        SplittableRandom rng = new SplittableRandom(SEED);
        BayesianMlp mlp = BayesianMlp.builder().hiddenUnits(2).regressor(ModelGradientTest.features(rng, 5, 2),
                ModelGradientTest.targets(rng, 5));
        double[] theta = mlp.initialParameters(3);
        assertThat(mlp.initialParameters(3)).containsExactly(theta);
        theta[theta.length - 1] = Math.log(0.25);
        INDArray p = mlp.predictive(theta, Nd4j.create(new double[][] {{1, 2}}));
        assertThat(p.shape()).containsExactly(1, 2);
        assertThat(p.getDouble(0, 1)).isCloseTo(0.25, within(1e-12));
        assertThat(mlp.response()).isEqualTo(PredictiveModel.Response.GAUSSIAN);
        assertThat(mlp.dimension()).isEqualTo(2 * 3 + 1 * 3 + 1);
    }

    @Test
    void buildsFromTheEmbeddedBreastCancerData() {
        var data = EmbeddedDatasets.breastCancer().head(40);
        BayesianLogisticRegression m = BayesianLogisticRegression.of(data, 10, true);
        assertThat(m.dimension()).isEqualTo(data.numFeatures() + 1);
        assertThat(m.dataSize()).isEqualTo(40);
        assertThat(BayesianSoftmaxRegression.of(data, 1, false).dimension()).isEqualTo(2 * data.numFeatures());
    }

    @Test
    void concurrentEvaluationsAgreeWithSerialOnes() throws Exception {
        SplittableRandom rng = new SplittableRandom(SEED);
        BayesianLogisticRegression model = BayesianLogisticRegression.of(ModelGradientTest.features(rng, 200, 6),
                ModelGradientTest.labels(rng, 200, 2), 10, true);
        double[][] thetas = new double[40][7];
        double[] expected = new double[thetas.length];
        for (int t = 0; t < thetas.length; t++) {
            for (int j = 0; j < 7; j++) {
                thetas[t][j] = rng.nextGaussian();
            }
            expected[t] = model.logDensity(thetas[t], new double[7]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Double>> futures = new java.util.ArrayList<>();
            for (int rep = 0; rep < 5; rep++) {
                for (double[] theta : thetas) {
                    futures.add(pool.submit(() -> model.logDensity(theta, new double[7])));
                }
            }
            for (int f = 0; f < futures.size(); f++) {
                assertThat(futures.get(f).get()).isEqualTo(expected[f % thetas.length]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsBadInputsNamingThem() {
        double[][] x = {{1, 2}, {3, 4}};
        assertThatThrownBy(() -> BayesianLogisticRegression.of(x, new int[] {0, 2}, 1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels[1]");
        assertThatThrownBy(() -> BayesianLogisticRegression.of(x, new int[] {0}, 1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels");
        assertThatThrownBy(() -> BayesianSoftmaxRegression.of(new double[][] {{1, Double.NaN}}, new int[] {0}, 2,
                1, true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> BayesianLinearRegression.of(new double[][] {{1, 2}, {3}}, new double[] {1, 2}, 1,
                1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rectangular");
        assertThatThrownBy(() -> BayesianLinearRegression.of(x, new double[] {1, 2}, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noiseVariance");
        assertThatThrownBy(() -> BayesianLinearRegression.of(x, new double[] {1, 2}, -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priorVariance");
        assertThatThrownBy(() -> BayesianLinearRegression.of(x, new double[] {1, 2, 3}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targets");
        assertThatThrownBy(() -> BayesianMlp.builder().hiddenUnits(0).classifier(x, new int[] {0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hiddenUnits");
        BayesianLogisticRegression m = BayesianLogisticRegression.of(x, new int[] {0, 1}, 1, true);
        assertThatThrownBy(() -> m.logDensity(new double[2], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("theta must have length 3");
        assertThatThrownBy(() -> m.logDensity(new double[3], new int[] {2}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows");
        assertThatThrownBy(() -> m.predictive(new double[3], Nd4j.create(DataType.DOUBLE, 1, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 3]");
        assertThatThrownBy(() -> BayesianLogisticRegression.of(Nd4j.create(x), Nd4j.create(new double[] {0, 0.5}), 1,
                true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number");
    }
}
