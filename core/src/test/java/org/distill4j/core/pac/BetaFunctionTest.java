package org.distill4j.core.pac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Reference values from scipy 1.x ({@code scipy.special.betainc}, {@code scipy.stats.beta.isf}) and, where scipy
 * is less accurate than this class, from mpmath at 40 digits.
 */
class BetaFunctionTest {

    @Test
    void logGammaMatchesFactorialsAndHalfIntegers() {
        assertThat(BetaFunction.logGamma(1)).isCloseTo(0, within(1e-14));
        assertThat(BetaFunction.logGamma(2)).isCloseTo(0, within(1e-14));
        assertThat(BetaFunction.logGamma(5)).isCloseTo(Math.log(24), within(1e-14));
        assertThat(BetaFunction.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
        // 20! = 2432902008176640000
        assertThat(BetaFunction.logGamma(21)).isCloseTo(Math.log(2432902008176640000.0), within(1e-13));
        // scipy.special.gammaln(1e6) = 12815504.569147611
        assertThat(BetaFunction.logGamma(1e6)).isCloseTo(12815504.569147611, within(1e-7));
    }

    @Test
    void logBetaIsAccurateAlsoForHugeArguments() {
        // mpmath.log(mpmath.beta(a, b)) at 40 digits; scipy.special.betaln is off by up to 1e-9 on these.
        assertThat(BetaFunction.logBeta(4, 1e9)).isCloseTo(-81.101303884557589617, within(1e-12));
        assertThat(BetaFunction.logBeta(1e9, 4)).isCloseTo(-81.101303884557589617, within(1e-12));
        assertThat(BetaFunction.logBeta(0.5, 1e6)).isCloseTo(-6.335390211057436965, within(1e-13));
        assertThat(BetaFunction.logBeta(3.5, 12)).isCloseTo(-7.8336330428946535598, within(1e-13));
        assertThat(BetaFunction.logBeta(1e3, 2e6)).isCloseTo(-8603.6870237212434293, within(1e-11));
    }

    @Test
    void regularizedMatchesScipyBetainc() {
        // scipy.special.betainc(a, b, x)
        assertThat(BetaFunction.regularized(0.4, 2, 3)).isCloseTo(0.5248, within(1e-14));
        assertThat(BetaFunction.regularized(0.3, 0.5, 0.5)).isCloseTo(0.3690101195655454, within(1e-13));
        assertThat(BetaFunction.regularized(0.3, 10, 20)).isCloseTo(0.3640040810719437, within(1e-13));
        assertThat(BetaFunction.regularized(0.34, 100, 200)).isCloseTo(0.6016229345924191, within(1e-12));
        assertThat(BetaFunction.regularized(1e-6, 1, 1_000_000)).isCloseTo(0.6321207427684626, within(1e-12));
        assertThat(BetaFunction.regularized(0.001, 1001, 999_000)).isCloseTo(0.49159063176976375, within(1e-10));
        assertThat(BetaFunction.regularized(0.9, 5, 1)).isCloseTo(0.59049, within(1e-14));
    }

    @Test
    void complementIsAccurateInTheFarTail() {
        // 1 - I_x(1, b) = (1 - x)^b exactly.
        double x = 0.5;
        assertThat(BetaFunction.regularizedComplement(x, 1, 60)).isCloseTo(Math.pow(0.5, 60),
                within(1e-12 * Math.pow(0.5, 60)));
        // I_x(a, 1) = x^a: a tiny lower tail.
        assertThat(BetaFunction.regularized(0.01, 8, 1)).isCloseTo(1e-16, within(1e-28));
    }

    @Test
    void functionAndComplementSumToOne() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 200; i++) {
            double a = 0.2 + rng.nextDouble() * 50;
            double b = 0.2 + rng.nextDouble() * 50;
            double x = rng.nextDouble();
            assertThat(BetaFunction.regularized(x, a, b) + BetaFunction.regularizedComplement(x, a, b))
                    .as("seed 11, a=%s b=%s x=%s", a, b, x).isCloseTo(1, within(1e-13));
        }
    }

    @Test
    void symmetryAndMonotonicity() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int i = 0; i < 100; i++) {
            double a = 0.5 + rng.nextDouble() * 200;
            double b = 0.5 + rng.nextDouble() * 200;
            double x = rng.nextDouble();
            double y = Math.min(1, x + 0.01 * rng.nextDouble());
            assertThat(BetaFunction.regularized(x, a, b))
                    .as("seed 12, a=%s b=%s x=%s", a, b, x)
                    .isCloseTo(BetaFunction.regularizedComplement(1 - x, b, a), within(1e-12))
                    .isLessThanOrEqualTo(BetaFunction.regularized(y, a, b) + 1e-15);
        }
    }

    @Test
    void inversesRoundTrip() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int i = 0; i < 100; i++) {
            double a = 0.5 + rng.nextDouble() * 500;
            double b = 0.5 + rng.nextDouble() * 500;
            double p = rng.nextDouble();
            double x = BetaFunction.inverseRegularized(p, a, b);
            assertThat(BetaFunction.regularized(x, a, b)).as("seed 13, a=%s b=%s p=%s", a, b, p)
                    .isCloseTo(p, within(1e-10));
            double q = Math.pow(10, -1 - 12 * rng.nextDouble());
            double xq = BetaFunction.inverseRegularizedComplement(q, a, b);
            assertThat(BetaFunction.regularizedComplement(xq, a, b) / q).as("seed 13, a=%s b=%s q=%s", a, b, q)
                    .isCloseTo(1, within(1e-9));
        }
    }

    @Test
    void inverseComplementMatchesScipyIsf() {
        // scipy.stats.beta.isf(1e-12, 11, 90) and scipy.stats.beta.isf(1e-15, 3, 1000)
        assertThat(BetaFunction.inverseRegularizedComplement(1e-12, 11, 90))
                .isCloseTo(0.42432453633903044, within(1e-12));
        assertThat(BetaFunction.inverseRegularizedComplement(1e-15, 3, 1000))
                .isCloseTo(0.040455315982256684, within(1e-13));
    }

    @Test
    void edgesAndBadArguments() {
        assertThat(BetaFunction.regularized(0, 2, 3)).isZero();
        assertThat(BetaFunction.regularized(1, 2, 3)).isEqualTo(1);
        assertThat(BetaFunction.inverseRegularized(0, 2, 3)).isZero();
        assertThat(BetaFunction.inverseRegularized(1, 2, 3)).isEqualTo(1);
        assertThatThrownBy(() -> BetaFunction.regularized(1.5, 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must be in [0, 1]");
        assertThatThrownBy(() -> BetaFunction.regularized(0.5, 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a must be");
        assertThatThrownBy(() -> BetaFunction.regularized(0.5, 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b must be");
        assertThatThrownBy(() -> BetaFunction.inverseRegularizedComplement(-0.1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q must be");
        assertThatThrownBy(() -> BetaFunction.logGamma(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must be");
    }
}
