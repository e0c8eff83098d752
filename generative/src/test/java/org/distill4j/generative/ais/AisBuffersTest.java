package org.distill4j.generative.ais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class AisBuffersTest {

    private static double softplus(double y) {
        return Math.max(y, 0) + Math.log1p(Math.exp(-Math.abs(y)));
    }

    /** The product form of the increments equals the softplus differences, for small and huge pre-activations. */
    @Test
    void incrementsAreSoftplusDifferences() {
        int runs = 3;
        int hidden = 700; // more than one product chunk
        AisBuffers buf = new AisBuffers(runs, 4, hidden, DataType.DOUBLE);
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < runs * hidden; i++) {
            buf.x[i] = i % 97 == 0 ? rng.nextDouble(-5000, 5000) : rng.nextDouble(-30, 30);
        }
        for (int r = 0; r < runs; r++) {
            buf.visibleTerm[r] = rng.nextDouble(-3, 3);
            double s = 0;
            for (int j = 0; j < hidden; j++) {
                s += Math.max(buf.x[r * hidden + j], 0);
            }
            buf.positivePart[r] = s;
        }
        double[][] betas = {{0.5, 0.5001}, {0, 1e-3}, {0.9, 1.0}, {0.2, 0.7}};
        for (double[] pair : betas) {
            double[] logWeights = new double[runs];
            buf.addIncrements(pair[1], pair[0], logWeights);
            for (int r = 0; r < runs; r++) {
                double expected = (pair[1] - pair[0]) * buf.visibleTerm[r];
                for (int j = 0; j < hidden; j++) {
                    double x = buf.x[r * hidden + j];
                    expected += softplus(pair[1] * x) - softplus(pair[0] * x);
                }
                assertThat(logWeights[r]).as("β %s → %s, run %s", pair[0], pair[1], r)
                        .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
            }
        }
    }
}
