package org.distill4j.bayes.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ESS against the known value for AR(1) chains, R-hat on mixed and on separated chains, summaries, bad input. */
class DiagnosticsTest {

    private static final long SEED = 11L;

    /** A stationary AR(1) chain x_t = φ x_{t−1} + sqrt(1−φ²) ε_t with unit marginal variance. */
    static double[] ar1(SplittableRandom rng, int n, double phi, double offset) {
        double[] x = new double[n];
        double v = rng.nextGaussian();
        double s = Math.sqrt(1 - phi * phi);
        for (int i = 0; i < n; i++) {
            v = phi * v + s * rng.nextGaussian();
            x[i] = v + offset;
        }
        return x;
    }

    @Test
    void essOfAnAr1ChainMatchesItsKnownValue() {
        // The integrated autocorrelation time of AR(1) is (1 + φ)/(1 − φ), so ESS = n (1 − φ)/(1 + φ).
        SplittableRandom rng = new SplittableRandom(SEED);
        int n = 20000;
        for (double phi : new double[] {0.0, 0.5, 0.9}) {
            double expected = n * (1 - phi) / (1 + phi);
            double ess = EffectiveSampleSize.singleChain(ar1(rng, n, phi, 0));
            assertThat(ess).as("phi %s (seed %s)", phi, SEED).isCloseTo(expected, within(0.15 * expected));
        }
        double[][] chains = {ar1(rng, 5000, 0.5, 0), ar1(rng, 5000, 0.5, 0), ar1(rng, 5000, 0.5, 0),
            ar1(rng, 5000, 0.5, 0)};
        double expected = 4 * 5000 / 3.0;
        assertThat(EffectiveSampleSize.multiChain(chains)).isCloseTo(expected, within(0.15 * expected));
    }

    @Test
    void antitheticChainHasEssAboveN() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] x = ar1(rng, 10000, -0.5, 0);
        assertThat(EffectiveSampleSize.singleChain(x)).isGreaterThan(10000);
    }

    @Test
    void rhatIsNearOneForMixedChainsAndLargeForSeparatedOnes() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[][] mixed = {ar1(rng, 2000, 0.3, 0), ar1(rng, 2000, 0.3, 0), ar1(rng, 2000, 0.3, 0)};
        assertThat(SplitRhat.of(mixed)).isCloseTo(1.0, within(0.01));
        double[][] apart = {ar1(rng, 2000, 0.3, -3), ar1(rng, 2000, 0.3, 3)};
        assertThat(SplitRhat.of(apart)).isGreaterThan(2.0);
        // A trending single chain is caught by the split.
        double[] trend = new double[1000];
        for (int i = 0; i < trend.length; i++) {
            trend[i] = i / 100.0 + rng.nextGaussian();
        }
        assertThat(SplitRhat.of(new double[][] {trend})).isGreaterThan(1.5);
    }

    @Test
    void summaryReportsMomentsQuantilesAndErrors() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double[][] chains = {ar1(rng, 4000, 0.0, 2.0), ar1(rng, 4000, 0.0, 2.0)};
        ParameterSummary s = Diagnostics.summarize(3, chains);
        assertThat(s.index()).isEqualTo(3);
        assertThat(s.mean()).isCloseTo(2.0, within(4 * s.mcse()));
        assertThat(s.sd()).isCloseTo(1.0, within(0.05));
        assertThat(s.q50()).isCloseTo(2.0, within(0.08));
        assertThat(s.q95() - s.q05()).isCloseTo(2 * 1.6449, within(0.15));
        assertThat(s.mcse()).isCloseTo(s.sd() / Math.sqrt(s.ess()), within(1e-12));
        assertThat(Diagnostics.quantile(new double[] {1, 2, 3, 4}, 0.5)).isEqualTo(2.5);
    }

    @Test
    void constantDrawsGiveNaN() {
        double[] c = {1, 1, 1, 1, 1};
        assertThat(EffectiveSampleSize.singleChain(c)).isNaN();
        assertThat(SplitRhat.of(new double[][] {c, c})).isNaN();
    }

    @Test
    void rejectsShortOrRaggedChains() {
        assertThatThrownBy(() -> EffectiveSampleSize.singleChain(new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> SplitRhat.of(new double[][] {new double[5], new double[6]}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("equal lengths");
        assertThatThrownBy(() -> EffectiveSampleSize.multiChain(new double[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one chain");
    }
}
