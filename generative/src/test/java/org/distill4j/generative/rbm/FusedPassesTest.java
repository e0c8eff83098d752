package org.distill4j.generative.rbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.distill4j.core.linalg.HostView;
import org.distill4j.core.random.SplitMix64;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FusedPassesTest {

    @Test
    void sigmoidAndExpMatchTheLibraryFunctions() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 20_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < 10 ? new double[] {0, -0.0, 1e-300, -1e-300, 40, -40, 39.99, 1e-9, -1e-9, 17}[i]
                    : rng.nextDouble(-40, 40);
        }
        double[] s = x.clone();
        FusedPasses.sigmoid(s, n);
        double[] e = new double[n];
        FusedPasses.expOfMinusAbs(x, 0.7, e, n);
        for (int i = 0; i < n; i++) {
            double exact = 1 / (1 + Math.exp(-x[i]));
            assertThat(Math.abs(s[i] - exact)).as("σ(%s)", x[i]).isLessThanOrEqualTo(1e-13 * exact);
            double exactE = Math.exp(-Math.abs(0.7 * x[i]));
            assertThat(Math.abs(e[i] - exactE)).as("exp(−|0.7·%s|)", x[i]).isLessThanOrEqualTo(1e-13 * exactE);
        }
        // beyond the clip: 1 above, e^{−40}·(1 + tiny) below, never NaN
        double[] far = {80, 1e6, Double.MAX_VALUE, -80, -1e6, -Double.MAX_VALUE};
        FusedPasses.sigmoid(far, far.length);
        assertThat(far[0]).isEqualTo(1.0);
        assertThat(far[2]).isEqualTo(1.0);
        assertThat(far[3]).isCloseTo(Math.exp(-40), within(1e-30)).isEqualTo(far[5]);
    }

    @Test
    void bernoulliMeansMatchTheProbabilities() {
        double[] p = {0, 1, 0.5, 0.1, 0.9, 1e-3, 0.37};
        int draws = 200_000;
        int n = p.length * draws;
        double[] probabilities = new double[n];
        for (int i = 0; i < n; i++) {
            probabilities[i] = p[i % p.length];
        }
        double[] states = new double[n];
        FusedPasses.bernoulli(probabilities, states, n, new SplitMix64(42), states);
        double[] sums = new double[p.length];
        for (int i = 0; i < n; i++) {
            assertThat(Double.doubleToRawLongBits(states[i])).as("a state is +0.0 or 1.0")
                    .isIn(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(1.0));
            sums[i % p.length] += states[i];
        }
        for (int k = 0; k < p.length; k++) {
            double mean = sums[k] / draws;
            double se = Math.sqrt(p[k] * (1 - p[k]) / draws);
            assertThat(mean).as("p = %s", p[k]).isCloseTo(p[k], within(5 * se + 1e-12));
        }
    }

    @Test
    void loadAddsBiasesAndStoreScalesForBothTypes() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}).castTo(type);
            double[] z = new double[6];
            float[] staging = new float[6];
            FusedPasses.load(HostView.of(x), new double[] {10, 20, 30}, z, staging);
            assertThat(z).containsExactly(11, 22, 33, 14, 25, 36);
            INDArray out = Nd4j.create(type, 2, 3);
            FusedPasses.store(z, -1, HostView.of(out), staging, new double[6]);
            assertThat(out.toDoubleMatrix()).isEqualTo(new double[][] {{-11, -22, -33}, {-14, -25, -36}});
        }
    }
}
