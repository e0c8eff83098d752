package org.distill4j.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GemmTest {

    private static final long SEED = 7;

    /** op(a)·op(b) in plain double loops. */
    private static double[][] reference(double[][] a, double[][] b, boolean ta, boolean tb) {
        int m = ta ? a[0].length : a.length;
        int k = ta ? a.length : a[0].length;
        int n = tb ? b.length : b[0].length;
        double[][] c = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (ta ? a[p][i] : a[i][p]) * (tb ? b[j][p] : b[p][j]);
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    private static double[][] random(SplittableRandom rng, int r, int c) {
        double[][] x = new double[r][c];
        for (double[] row : x) {
            for (int j = 0; j < c; j++) {
                row[j] = rng.nextDouble(-1, 1);
            }
        }
        return x;
    }

    @Test
    void matchesAFloat64ReferenceForEveryOrderTransposeAndDtype() {
        SplittableRandom rng = new SplittableRandom(SEED);
        int m = 5;
        int k = 7;
        int n = 3;
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int mask = 0; mask < 32; mask++) {
                boolean ta = (mask & 1) != 0;
                boolean tb = (mask & 2) != 0;
                char oa = (mask & 4) != 0 ? 'f' : 'c';
                char ob = (mask & 8) != 0 ? 'f' : 'c';
                char oc = (mask & 16) != 0 ? 'f' : 'c';
                double[][] a = random(rng, ta ? k : m, ta ? m : k);
                double[][] b = random(rng, tb ? n : k, tb ? k : n);
                double[][] c0 = random(rng, m, n);
                INDArray aa = Nd4j.create(a).castTo(type).dup(oa);
                INDArray bb = Nd4j.create(b).castTo(type).dup(ob);
                INDArray cc = Nd4j.create(c0).castTo(type).dup(oc);
                INDArray aCopy = aa.dup();
                Gemm.gemm(aa, bb, cc, ta, tb, 0.5, 2.0);
                double[][] expected = reference(a, b, ta, tb);
                double tol = type == DataType.FLOAT ? 1e-5 : 1e-12;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        assertThat(cc.getDouble(i, j)).as("%s mask %s at (%s,%s)", type, mask, i, j)
                                .isCloseTo(0.5 * expected[i][j] + 2.0 * c0[i][j], within(tol));
                    }
                }
                assertThat(aa).isEqualTo(aCopy);
            }
        }
    }

    @Test
    void handlesViewsWithAnOffsetAndFallsBackOnStridedViews() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        double[][] big = random(rng, 6, 4);
        double[][] b = random(rng, 4, 2);
        INDArray whole = Nd4j.create(big);
        INDArray rows = whole.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all()); // dense, offset 8
        INDArray cols = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)); // strided
        assertThat(Gemm.dense(rows)).isTrue();
        assertThat(Gemm.dense(cols)).isFalse();
        INDArray c = Gemm.mmul(rows, Nd4j.create(b));
        double[][] expected = reference(new double[][] {big[2], big[3], big[4]}, b, false, false);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(c.getDouble(i, j)).isCloseTo(expected[i][j], within(1e-12));
            }
        }
        INDArray viaFallback = Gemm.mmul(cols, Nd4j.create(random(rng, 2, 3)));
        assertThat(viaFallback.shape()).containsExactly(6, 3);
    }

    @Test
    void ignoresNanInTheOutputWhenBetaIsZero() {
        INDArray a = Nd4j.ones(DataType.FLOAT, 2, 3);
        INDArray b = Nd4j.ones(DataType.FLOAT, 3, 2);
        INDArray c = Nd4j.valueArrayOf(new long[] {2, 2}, Float.NaN, DataType.FLOAT);
        Gemm.gemm(a, b, c, false, false, 1.0, 0.0);
        assertThat(c.reshape(4).toFloatVector()).containsOnly(3f);
    }

    @Test
    void rejectsShapesAndDtypesThatDoNotFit() {
        INDArray a = Nd4j.ones(DataType.FLOAT, 2, 3);
        assertThatThrownBy(() -> Gemm.gemm(a, Nd4j.ones(DataType.FLOAT, 2, 2), Nd4j.ones(DataType.FLOAT, 2, 2),
                false, false, 1, 0)).hasMessageContaining("shapes do not fit");
        assertThatThrownBy(() -> Gemm.mmul(a, Nd4j.ones(DataType.DOUBLE, 3, 2)))
                .hasMessageContaining("one dtype");
        assertThatThrownBy(() -> Gemm.mmul(Nd4j.ones(DataType.FLOAT, 2), a)).hasMessageContaining("rank-2");
    }
}
