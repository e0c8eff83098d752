package org.distill4j.generative.testing;

import java.util.SplittableRandom;
import org.distill4j.generative.nade.Nade;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small random NADEs and binary data for tests. */
public final class TinyNadeFixtures {

    private TinyNadeFixtures() {
    }

    /** A NADE with N(0, 1) parameters (larger than the default initialisation, so that tests are not trivial). */
    public static Nade random(int d, int h, int[] ordering, DataType type, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] w = new double[h][d];
        double[][] v = new double[d][h];
        double[] b = new double[d];
        double[] c = new double[h];
        for (int i = 0; i < d; i++) {
            b[i] = rng.nextGaussian();
            for (int j = 0; j < h; j++) {
                w[j][i] = rng.nextGaussian();
                v[i][j] = rng.nextGaussian();
            }
        }
        for (int j = 0; j < h; j++) {
            c[j] = rng.nextGaussian();
        }
        return Nade.of(Nd4j.createFromArray(w).castTo(type), Nd4j.createFromArray(v).castTo(type),
                Nd4j.createFromArray(b).castTo(type), Nd4j.createFromArray(c).castTo(type), ordering);
    }

    /** {@code [n, d]} DOUBLE fair coin flips. */
    public static INDArray randomBinary(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                row[i] = rng.nextBoolean() ? 1 : 0;
            }
        }
        return Nd4j.createFromArray(x);
    }
}
