package org.distill4j.generative.logz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill4j.generative.rbm.Rbm;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ExactLogZTest {

    @Test
    void matchesBruteForceOverBothLayers() {
        for (long seed = 1; seed <= 4; seed++) {
            Rbm hiddenSmaller = TinyRbmFixtures.random(6, 4, 1.5, seed, DataType.DOUBLE);
            Rbm visibleSmaller = TinyRbmFixtures.random(3, 7, 1.5, seed, DataType.DOUBLE);
            assertThat(ExactLogZ.of(hiddenSmaller)).as("seed %s, V=6 H=4", seed)
                    .isCloseTo(TinyRbmFixtures.bruteForceLogZ(hiddenSmaller), within(1e-10));
            assertThat(ExactLogZ.of(visibleSmaller)).as("seed %s, V=3 H=7", seed)
                    .isCloseTo(TinyRbmFixtures.bruteForceLogZ(visibleSmaller), within(1e-10));
        }
    }

    @Test
    void batchedEnumerationOfALargeOtherLayerMatchesTheVisibleSum() {
        // H = 12 enumerated over V = 2000 visible units: several batches of low bits; compare with the sum over
        // the 2^12 hidden states computed the other way round, by enumerating h through the free energy of v...
        // Instead: an RBM with V = 12 small and H = 2000 large, and its transpose, must have the same log Z.
        Rbm rbm = TinyRbmFixtures.random(12, 2000, 0.05, 9, DataType.DOUBLE);
        Rbm transposed = Rbm.of(rbm.weights().transpose().dup(), rbm.hiddenBias(), rbm.visibleBias());
        double a = ExactLogZ.of(rbm);
        double b = ExactLogZ.of(transposed);
        assertThat(a).isCloseTo(b, within(1e-8));
        // against p~(v) summed over all 2^12 visible states
        double[] logp = rbm.unnormalizedLogDensity(TinyRbmFixtures.allVisibleStates(12)).toDoubleVector();
        assertThat(a).isCloseTo(org.distill4j.generative.math.LogMath.logSumExp(logp), within(1e-8));
    }

    @Test
    void hugeWeightsDoNotOverflow() {
        Rbm rbm = Rbm.of(Nd4j.createFromArray(new double[][] {{800, -800}, {300, 10}, {0, 900}}),
                Nd4j.createFromArray(-400.0, 2.0, 1.0), Nd4j.createFromArray(0.5, -300.0));
        assertThat(ExactLogZ.of(rbm)).isCloseTo(TinyRbmFixtures.bruteForceLogZ(rbm), within(1e-9));
        Rbm transposed = Rbm.of(rbm.weights().transpose().dup(), rbm.hiddenBias(), rbm.visibleBias());
        assertThat(ExactLogZ.of(transposed)).isCloseTo(TinyRbmFixtures.bruteForceLogZ(rbm), within(1e-9));
    }

    @Test
    void floatRbmIsEnumeratedInDouble() {
        Rbm d = TinyRbmFixtures.random(5, 4, 1.0, 3, DataType.DOUBLE);
        assertThat(ExactLogZ.of(d.castTo(DataType.FLOAT))).isCloseTo(ExactLogZ.of(d), within(1e-5));
    }

    @Test
    void zeroRbmHasLogZOfTheUniformDistribution() {
        Rbm zero = Rbm.of(Nd4j.zeros(DataType.DOUBLE, 30, 5), Nd4j.zeros(DataType.DOUBLE, 30),
                Nd4j.zeros(DataType.DOUBLE, 5));
        assertThat(ExactLogZ.of(zero)).isCloseTo(35 * Math.log(2), within(1e-9));
    }

    @Test
    void refusesLayersTooLargeToEnumerateSayingWhy() {
        Rbm big = Rbm.of(Nd4j.zeros(DataType.FLOAT, 30, 26), Nd4j.zeros(DataType.FLOAT, 30),
                Nd4j.zeros(DataType.FLOAT, 26));
        assertThat(ExactLogZ.isTractable(big)).isFalse();
        assertThatThrownBy(() -> ExactLogZ.of(big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k = 26").hasMessageContaining("limit 25").hasMessageContaining("AIS");
        assertThatThrownBy(() -> ExactLogZ.of(big, 41)).hasMessageContaining("maxUnits");
    }
}
