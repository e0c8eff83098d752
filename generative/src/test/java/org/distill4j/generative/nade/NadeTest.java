package org.distill4j.generative.nade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.generative.math.LogMath;
import org.distill4j.generative.testing.TinyNadeFixtures;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NadeTest {

    private static final long SEED = 2011;

    static Nade randomNade(int d, int h, int[] ordering, DataType type, long seed) {
        return TinyNadeFixtures.random(d, h, ordering, type, seed);
    }

    /** log q(x) by the definition, one example and one position at a time, in double. */
    static double naiveLogProbability(Nade nade, double[] x) {
        double[][] w = nade.inputWeights().castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] v = nade.outputWeights().castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] b = nade.visibleBias().castTo(DataType.DOUBLE).toDoubleVector();
        double[] a = nade.hiddenBias().castTo(DataType.DOUBLE).toDoubleVector();
        int[] o = nade.ordering();
        double logq = 0;
        for (int i : o) {
            double logit = b[i];
            for (int j = 0; j < a.length; j++) {
                logit += v[i][j] / (1 + Math.exp(-a[j]));
            }
            logq += x[i] * logit - (Math.max(logit, 0) + Math.log1p(Math.exp(-Math.abs(logit))));
            for (int j = 0; j < a.length; j++) {
                a[j] += w[j][i] * x[i];
            }
        }
        return logq;
    }

    static INDArray randomBinary(int n, int d, long seed) {
        return TinyNadeFixtures.randomBinary(n, d, seed);
    }

    @Test
    void blockwiseLogProbabilityMatchesTheDefinitionForAnyBlockSizeAndOrdering() {
        int[] ordering = {3, 0, 6, 1, 5, 2, 4};
        INDArray x = randomBinary(11, 7, SEED);
        double[][] rows = x.toDoubleMatrix();
        for (int[] order : new int[][] {null, ordering}) {
            Nade nade = randomNade(7, 5, order, DataType.DOUBLE, SEED);
            for (int block : new int[] {1, 3, 7, 16}) {
                double[] logq = nade.withBlockSize(block).logProbability(x).toDoubleVector();
                for (int r = 0; r < rows.length; r++) {
                    assertThat(logq[r]).as("row %s, block %s, ordering %s", r, block, order != null)
                            .isCloseTo(naiveLogProbability(nade, rows[r]), within(1e-10));
                }
            }
            double[] f = nade.castTo(DataType.FLOAT).logProbability(x.castTo(DataType.FLOAT)).toDoubleVector();
            for (int r = 0; r < rows.length; r++) {
                assertThat(f[r]).isCloseTo(naiveLogProbability(nade, rows[r]), within(1e-3));
            }
        }
    }

    @Test
    void probabilitiesSumToOneOverAllStates() {
        Nade nade = randomNade(8, 6, new int[] {7, 6, 5, 4, 3, 2, 1, 0}, DataType.DOUBLE, SEED + 1).withBlockSize(3);
        double[] logq = nade.logProbability(TinyRbmFixtures.allVisibleStates(8)).toDoubleVector();
        assertThat(LogMath.logSumExp(logq)).isCloseTo(0, within(1e-12));
    }

    @Test
    void conditionalsAgreeWithTheLogProbability() {
        Nade nade = randomNade(6, 4, new int[] {2, 0, 1, 5, 4, 3}, DataType.DOUBLE, SEED + 2).withBlockSize(4);
        INDArray x = randomBinary(5, 6, SEED);
        double[][] p = nade.conditionalProbabilities(x).toDoubleMatrix();
        double[][] rows = x.toDoubleMatrix();
        double[] logq = nade.logProbability(x).toDoubleVector();
        for (int r = 0; r < rows.length; r++) {
            double sum = 0;
            for (int i = 0; i < 6; i++) {
                sum += Math.log(rows[r][i] == 1 ? p[r][i] : 1 - p[r][i]);
            }
            assertThat(sum).isCloseTo(logq[r], within(1e-10));
        }
    }

    @Test
    void samplesFollowTheModelAndCarryTheirLogProbabilities() {
        Nade nade = randomNade(4, 3, new int[] {1, 3, 0, 2}, DataType.FLOAT, SEED + 3);
        NadeSamples s = nade.sampleWithLogProbabilities(30_000, 5);
        double[] q = new double[16];
        double[] logq = nade.logProbability(TinyRbmFixtures.allVisibleStates(4)).toDoubleVector();
        for (int i = 0; i < 16; i++) {
            q[i] = Math.exp(logq[i]);
        }
        assertThat(TinyRbmFixtures.totalVariation(s.samples(), q)).isLessThan(0.02);
        double[] direct = nade.logProbability(s.samples().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 50),
                org.nd4j.linalg.indexing.NDArrayIndex.all())).toDoubleVector();
        double[] carried = s.logProbabilities();
        for (int i = 0; i < 50; i++) {
            assertThat(carried[i]).isCloseTo(direct[i], within(1e-4));
        }
        assertThat(nade.sample(20, 9)).isEqualTo(nade.sample(20, 9)).isNotEqualTo(nade.sample(20, 10));
    }

    @Test
    void saveAndLoadKeepEverything(@TempDir Path dir) throws IOException {
        Nade nade = randomNade(5, 3, new int[] {4, 2, 0, 1, 3}, DataType.FLOAT, SEED).withBlockSize(2);
        Path file = dir.resolve("nade.d4j");
        nade.save(file);
        Nade loaded = Nade.load(file);
        assertThat(loaded).isEqualTo(nade);
        assertThat(loaded.ordering()).containsExactly(4, 2, 0, 1, 3);
        assertThat(loaded.blockSize()).isEqualTo(2);
        INDArray x = randomBinary(4, 5, 1).castTo(DataType.FLOAT);
        assertThat(loaded.logProbability(x)).isEqualTo(nade.logProbability(x));
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Nade.load(file)).isInstanceOf(IOException.class);
    }

    @Test
    void parametersComeBackInNaturalOrder() {
        Nade nade = randomNade(5, 3, new int[] {4, 2, 0, 1, 3}, DataType.DOUBLE, SEED);
        Nade copy = Nade.of(nade.inputWeights(), nade.outputWeights(), nade.visibleBias(), nade.hiddenBias(),
                nade.ordering());
        assertThat(copy).isEqualTo(nade);
        assertThat(nade.inputWeights().shape()).containsExactly(3, 5);
        assertThat(nade.outputWeights().shape()).containsExactly(5, 3);
        assertThat(nade.parameterCount()).isEqualTo(2 * 15 + 5 + 3);
    }

    @Test
    void badArguments() {
        Nade nade = Nade.initialize(4, 3, DataType.FLOAT, 1);
        assertThatThrownBy(() -> nade.logProbability(Nd4j.createFromArray(new float[][] {{0, 1, 0.5f, 1}})))
                .hasMessageContaining("binary");
        assertThatThrownBy(() -> nade.logProbability(Nd4j.zeros(DataType.FLOAT, 2, 5)))
                .hasMessageContaining("[n, 4]").hasMessageContaining("[2, 5]");
        assertThatThrownBy(() -> Nade.initialize(3, 2, new int[] {0, 0, 1}, 0.01, DataType.FLOAT, 1))
                .hasMessageContaining("permutation");
        assertThatThrownBy(() -> Nade.of(Nd4j.zeros(DataType.FLOAT, 3, 4), Nd4j.zeros(DataType.FLOAT, 3, 4),
                Nd4j.zeros(DataType.FLOAT, 4), Nd4j.zeros(DataType.FLOAT, 3), null))
                .hasMessageContaining("v must be [D, H] = [4, 3]").hasMessageContaining("[3, 4]");
        INDArray nan = Nd4j.zeros(DataType.FLOAT, 3, 4);
        nan.putScalar(0, 0, Float.NaN);
        assertThatThrownBy(() -> Nade.of(nan, Nd4j.zeros(DataType.FLOAT, 4, 3), Nd4j.zeros(DataType.FLOAT, 4),
                Nd4j.zeros(DataType.FLOAT, 3), null)).hasMessageContaining("w must be finite");
        assertThatThrownBy(() -> nade.sample(0, 1)).hasMessageContaining("n must be >= 1");
    }
}
