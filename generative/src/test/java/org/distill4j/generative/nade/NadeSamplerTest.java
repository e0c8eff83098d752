package org.distill4j.generative.nade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.distill4j.generative.testing.TinyNadeFixtures;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The heap-loop ancestral sampler: exact log-probabilities, the model's frequencies, determinism, chunking. */
class NadeSamplerTest {

    private static final int[] ORDER = {5, 2, 7, 0, 3, 6, 1, 4};

    @Test
    void carriedLogProbabilitiesEqualTheModels() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Nade nade = TinyNadeFixtures.random(8, 13, ORDER, type, 31);
            NadeSamples s = nade.sampleWithLogProbabilities(300, 4);
            assertThat(s.samples().dataType()).isEqualTo(type);
            double[] direct = nade.logProbability(s.samples()).toDoubleVector();
            double[] carried = s.logProbabilities();
            double tolerance = type == DataType.DOUBLE ? 1e-5 : 1e-4;
            for (int i = 0; i < direct.length; i++) {
                assertThat(carried[i]).as("sample %s, %s", i, type).isCloseTo(direct[i], within(tolerance));
            }
        }
    }

    @Test
    void frequenciesMatchTheEnumeratedProbabilities() {
        Nade nade = TinyNadeFixtures.random(8, 6, ORDER, DataType.DOUBLE, 7);
        double[] logq = nade.logProbability(TinyRbmFixtures.allVisibleStates(8)).toDoubleVector();
        int n = 60_000;
        double[][] rows = nade.sample(n, 11).toDoubleMatrix();
        long[] counts = new long[256];
        for (double[] row : rows) {
            counts[TinyRbmFixtures.stateIndex(row)]++;
        }
        // Pearson's chi-square over the states expected at least 10 times, the rest pooled
        double chi2 = 0;
        int cells = 0;
        double pooledExpected = 0;
        long pooledCount = 0;
        for (int k = 0; k < 256; k++) {
            double expected = n * Math.exp(logq[k]);
            if (expected >= 10) {
                chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
                cells++;
            } else {
                pooledExpected += expected;
                pooledCount += counts[k];
            }
        }
        if (pooledExpected > 0) {
            chi2 += (pooledCount - pooledExpected) * (pooledCount - pooledExpected) / pooledExpected;
            cells++;
        }
        int df = cells - 1;
        assertThat(cells).isGreaterThan(50);
        assertThat(chi2).isLessThan(df + 5 * Math.sqrt(2.0 * df));
    }

    @Test
    void theSameSeedGivesTheSameStreamAcrossChunks() {
        Nade nade = TinyNadeFixtures.random(8, 5, null, DataType.FLOAT, 3);
        int n = NadeSampler.CHUNK + 300;
        NadeSamples all = nade.sampleWithLogProbabilities(n, 21);
        int k = NadeSampler.CHUNK + 37;
        NadeSamples head = nade.sampleWithLogProbabilities(k, 21);
        INDArray prefix = all.samples().get(NDArrayIndex.interval(0, k), NDArrayIndex.all());
        assertThat(head.samples()).isEqualTo(prefix);
        for (int i = 0; i < k; i++) {
            assertThat(head.logProbabilities()[i]).isEqualTo(all.logProbabilities()[i]);
        }
        assertThat(nade.sample(50, 21)).isEqualTo(nade.sample(50, 21)).isNotEqualTo(nade.sample(50, 22));
        double[][] rows = all.samples().toDoubleMatrix();
        for (double[] row : rows) {
            for (double x : row) {
                assertThat(x == 0 || x == 1).isTrue();
            }
        }
    }

    @Test
    void fastSigmoidIsWithinTwoTenMillionthsEverywhere() {
        double worst = 0;
        for (double a = -60; a <= 60; a += 1e-3) {
            worst = Math.max(worst, Math.abs(FastSigmoid.of(a) - 1 / (1 + Math.exp(-a))));
        }
        assertThat(worst).isLessThan(2e-7);
        assertThat(FastSigmoid.of(0)).isEqualTo(0.5);
        assertThat(FastSigmoid.of(FastSigmoid.DOMAIN)).isCloseTo(1, within(2e-7));
        assertThat(FastSigmoid.of(-FastSigmoid.DOMAIN)).isCloseTo(0, within(2e-7));
    }

    @Test
    void hugeWeightsFallBackToTheExactSigmoid() {
        double[][] w = {{1e300, -1e300, 0.5}, {2, 1e299, -3}};
        double[][] v = {{1, -2}, {0.5, 0.25}, {-1, 1}};
        INDArray[] arrays = {Nd4j.createFromArray(w), Nd4j.createFromArray(v), Nd4j.createFromArray(0.1, -0.2, 0.3),
            Nd4j.createFromArray(0.0, 1.0)};
        Nade nade = Nade.of(arrays[0], arrays[1], arrays[2], arrays[3], null);
        NadeSamples s = nade.sampleWithLogProbabilities(200, 5);
        double[] direct = nade.logProbability(s.samples()).toDoubleVector();
        for (int i = 0; i < direct.length; i++) {
            assertThat(s.logProbabilities()[i]).isCloseTo(direct[i], within(1e-9));
        }
    }

    @Test
    void groupDotProductsAreTheEightRowDotProducts() {
        for (int n : new int[] {1, 7, 13}) {
            double[] m = new double[n + 3];
            double[] h = new double[NadeSampler.GROUP * n];
            for (int j = 0; j < n; j++) {
                m[3 + j] = j + 1;
            }
            for (int k = 0; k < h.length; k++) {
                h[k] = 0.25 * (k % 11) - 1;
            }
            double[] out = new double[NadeSampler.GROUP];
            NadeSampler.dots(m, 3, h, n, out);
            for (int i = 0; i < NadeSampler.GROUP; i++) {
                double expected = 0;
                for (int j = 0; j < n; j++) {
                    expected += m[3 + j] * h[i * n + j];
                }
                assertThat(out[i]).isCloseTo(expected, within(1e-12));
            }
        }
    }
}
