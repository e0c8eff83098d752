package org.distill4j.generative.rbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.distill4j.generative.math.LogMath;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GibbsChainsTest {

    private static final long SEED = 42;

    @Test
    void chainsConvergeToTheExactDistribution() {
        Rbm rbm = TinyRbmFixtures.random(4, 3, 1.0, SEED, DataType.FLOAT);
        double[] p = TinyRbmFixtures.exactVisibleProbabilities(rbm.castTo(DataType.DOUBLE));
        INDArray samples = GibbsChains.fromBiases(rbm, 20_000, SEED).sweep(30).visible();
        assertThat(LogMath.isBinary(samples)).isTrue();
        // 16 states, 20k samples: sampling noise alone gives a total variation around 0.01
        assertThat(TinyRbmFixtures.totalVariation(samples, p)).as("total variation to the exact p(v)").isLessThan(0.03);
    }

    @Test
    void sameSeedSameSamplesAndOtherSeedOtherSamples() {
        Rbm rbm = TinyRbmFixtures.random(8, 5, 1.0, SEED, DataType.FLOAT);
        INDArray a = rbm.sample(50, 10, 7);
        INDArray b = rbm.sample(50, 10, 7);
        INDArray c = rbm.sample(50, 10, 8);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void startsFromGivenStatesWithoutTouchingThem() {
        Rbm rbm = TinyRbmFixtures.random(3, 2, 1.0, SEED, DataType.DOUBLE);
        INDArray start = Nd4j.createFromArray(new double[][] {{1, 0, 1}, {0, 1, 1}});
        INDArray before = start.dup();
        GibbsChains chains = GibbsChains.fromStates(rbm, start, 3);
        assertThat(chains.visible()).isEqualTo(start);
        chains.sweep(5);
        assertThat(start).isEqualTo(before);
        assertThat(chains.sweepsRun()).isEqualTo(5);
        assertThat(chains.visible(1, 1).shape()).containsExactly(1, 3);
        assertThat(chains.hiddenProbabilities().shape()).containsExactly(2, 2);
    }

    @Test
    void rejectsNonBinaryStartsAndBadRanges() {
        Rbm rbm = TinyRbmFixtures.random(3, 2, 1.0, SEED, DataType.DOUBLE);
        assertThatThrownBy(() -> GibbsChains.fromStates(rbm, Nd4j.createFromArray(new double[][] {{2, 0, 1}}), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary");
        GibbsChains chains = GibbsChains.fromBiases(rbm, 4, 1);
        assertThatThrownBy(() -> chains.visible(3, 2)).hasMessageContaining("4 chains");
        assertThatThrownBy(() -> chains.sweep(-1)).hasMessageContaining("count");
    }
}
