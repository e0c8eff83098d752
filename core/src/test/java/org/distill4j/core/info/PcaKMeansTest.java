package org.distill4j.core.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PcaKMeansTest {

    private static final long SEED = 5L;

    @Test
    void pcaFindsTheDirectionOfLargestVariance() {
        SplittableRandom rng = new SplittableRandom(SEED);
        int n = 400;
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            double a = 3 * rng.nextGaussian();
            double b = rng.nextGaussian();
            x[i] = new double[] {a + b, a - b, 0.1 * rng.nextGaussian()}; // largest along (1, 1, 0)
        }
        INDArray input = Nd4j.create(x);
        INDArray before = input.dup();
        Pca.Result r = Pca.reduce(input, 2, false);
        assertThat(input).isEqualTo(before);
        assertThat(r.scores()[0]).hasSize(2);
        assertThat(r.variances()[0]).isGreaterThan(r.variances()[1]);
        assertThat(r.variances()[0]).isCloseTo(18, within(3.0));
        // the first score is (x0 + x1) / sqrt 2 up to centring
        double mean0 = 0;
        double mean1 = 0;
        for (double[] row : x) {
            mean0 += row[0] / n;
            mean1 += row[1] / n;
        }
        for (int i = 0; i < 5; i++) {
            double expected = ((x[i][0] - mean0) + (x[i][1] - mean1)) / Math.sqrt(2);
            assertThat(Math.abs(r.scores()[i][0])).isCloseTo(Math.abs(expected), within(0.05));
        }
    }

    @Test
    void wideInputUsesTheGramMatrix() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        double[][] x = new double[6][10];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextGaussian() * (j + 1);
            }
        }
        Pca.Result wide = Pca.reduce(Nd4j.create(x), 5, true);
        assertThat(wide.scores()).hasDimensions(6, 5);
        // each score column has its component's variance, columns are uncorrelated, and the 5 = n − 1
        // components carry the whole variance of the normalised, centred rows
        double[][] z = new double[6][10];
        double[] mean = new double[10];
        for (int i = 0; i < 6; i++) {
            double norm = 0;
            for (double v : x[i]) {
                norm += v * v;
            }
            for (int j = 0; j < 10; j++) {
                z[i][j] = x[i][j] / Math.sqrt(norm);
                mean[j] += z[i][j] / 6;
            }
        }
        double trace = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 10; j++) {
                trace += (z[i][j] - mean[j]) * (z[i][j] - mean[j]) / 5;
            }
        }
        double sum = 0;
        for (int k = 0; k < 5; k++) {
            double variance = 0;
            double cross = 0;
            for (double[] row : wide.scores()) {
                variance += row[k] * row[k] / 5;
                cross += row[k] * row[(k + 1) % 5];
            }
            assertThat(variance).isCloseTo(wide.variances()[k], within(1e-9));
            assertThat(cross).isCloseTo(0, within(1e-9));
            sum += wide.variances()[k];
        }
        assertThat(sum).isCloseTo(trace, within(1e-9));
    }

    @Test
    void floatInputGivesDoubleScores() {
        INDArray f = Nd4j.create(new double[][] {{1, 0}, {0, 1}, {1, 1}, {2, 0}}).castTo(DataType.FLOAT);
        Pca.Result r = Pca.reduce(f, 5, true);
        assertThat(r.scores()[0]).hasSize(2);
        assertThat(f.dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void kMeansSeparatesBlobsAndIsSeeded() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        double[][] x = new double[90][2];
        for (int i = 0; i < 90; i++) {
            int c = i % 3;
            x[i] = new double[] {10 * c + rng.nextGaussian() * 0.3, -5 * c + rng.nextGaussian() * 0.3};
        }
        int[] a = KMeans.cluster(x, 3, 2, 100, new SplittableRandom(1));
        int[] b = KMeans.cluster(x, 3, 2, 100, new SplittableRandom(1));
        assertThat(a).isEqualTo(b);
        for (int i = 3; i < 90; i++) {
            assertThat(a[i]).as("point %s", i).isEqualTo(a[i % 3]);
        }
        assertThat(a[0]).isNotEqualTo(a[1]);
        assertThat(a[1]).isNotEqualTo(a[2]);
    }

    @Test
    void kMeansCopesWithFewerDistinctPointsThanClusters() {
        double[][] x = {{0, 0}, {0, 0}, {1, 1}, {1, 1}, {0, 0}};
        int[] labels = KMeans.cluster(x, 4, 1, 50, new SplittableRandom(3));
        assertThat(labels).hasSize(5);
        assertThat(labels[0]).isEqualTo(labels[1]).isEqualTo(labels[4]);
        assertThat(labels[2]).isEqualTo(labels[3]).isNotEqualTo(labels[0]);
    }
}
