package org.distill4j.core.contract;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded inputs for contract tests, generated in Java so they are the same on every platform. */
public final class ContractInputs {

    private ContractInputs() {
    }

    /** {@code [n, d]} standard normal values from {@code new SplittableRandom(seed)}. */
    public static INDArray gaussian(int n, int d, long seed, DataType type) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[n * d];
        for (int i = 0; i < values.length; i++) {
            values[i] = gaussian(rng);
        }
        return Nd4j.create(values, new long[] {n, d}, DataType.DOUBLE).castTo(type);
    }

    /** {@code [n, k]} probability rows (a softmax of Gaussian logits). */
    public static INDArray probabilities(int n, int k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[n * k];
        for (int r = 0; r < n; r++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                values[r * k + c] = Math.exp(1.5 * gaussian(rng));
                sum += values[r * k + c];
            }
            for (int c = 0; c < k; c++) {
                values[r * k + c] /= sum;
            }
        }
        return Nd4j.create(values, new long[] {n, k}, DataType.DOUBLE);
    }

    /** One standard normal draw (Box–Muller). */
    public static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
