package org.distill4j.core.pac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference Clopper–Pearson values from {@code scipy.stats.beta.ppf(1 - delta, k + 1, m - k)} (scipy 1.x).
 */
class PacCertificateTest {

    private static void assertClopperPearson(long m, long k, double delta, double scipyPpf) {
        assertThat(PacCertificate.of(m, k, delta).clopperPearsonUpper())
                .as("m=%s k=%s delta=%s", m, k, delta)
                .isCloseTo(scipyPpf, within(1e-12 * Math.max(1, scipyPpf / 1e-3)));
    }

    @Test
    void clopperPearsonMatchesScipyBetaPpf() {
        assertClopperPearson(100, 0, 0.05, 0.02951304960703993);
        assertClopperPearson(100, 5, 0.05, 0.1022533776432745);
        assertClopperPearson(10, 3, 0.1, 0.551730832383599);
        assertClopperPearson(1, 0, 0.5, 0.5);
        assertClopperPearson(50, 49, 0.01, 0.9997990134834266);
        assertClopperPearson(20, 10, 0.05, 0.6980460887135065);
        assertClopperPearson(5000, 250, 0.001, 0.06024131946926631);
        assertClopperPearson(7, 6, 0.3, 0.9503227992486909);
    }

    @Test
    void tinyDeltaAndLargeSampleCounts() {
        assertClopperPearson(1000, 10, 1e-9, 0.042900802324760325);
        assertClopperPearson(1, 0, 1e-12, 0.999999999999);
        assertThat(PacCertificate.of(1_000_000, 1000, 0.05).clopperPearsonUpper())
                .isCloseTo(0.001053574877454436, within(1e-14));
        // Few disagreements in a billion draws. Reference: the root of the exact binomial sum
        // P[Bin(1e9, p) <= 3] = 1e-6, solved with mpmath at 50 digits (scipy.stats.beta.isf(1e-6, 4, 1e9 - 3)
        // gives 2.1350456728840166e-08, 1.8e-9 too low).
        assertThat(PacCertificate.of(1_000_000_000, 3, 1e-6).clopperPearsonUpper())
                .isCloseTo(2.1350456767376816e-08, within(1e-9 * 2.1350456767376816e-08));
        assertThat(PacCertificate.of(10_000_000, 50_000, 1e-6).clopperPearsonUpper())
                .isCloseTo(0.0051068377649762155, within(1e-14));
        assertThat(PacCertificate.of(1_000_000, 0, 0.05).clopperPearsonUpper())
                .isCloseTo(2.9957277863525433e-06, within(1e-17));
    }

    @Test
    void allDisagreementsGiveOne() {
        PacCertificate certificate = PacCertificate.of(40, 40, 0.05);
        assertThat(certificate.clopperPearsonUpper()).isEqualTo(1);
        assertThat(certificate.hoeffdingUpper()).isEqualTo(1);
        assertThat(certificate.observedDisagreement()).isEqualTo(1);
    }

    @Test
    void hoeffdingIsTheClosedFormCappedAtOne() {
        PacCertificate certificate = PacCertificate.of(200, 10, 0.05);
        assertThat(certificate.hoeffdingUpper())
                .isCloseTo(0.05 + Math.sqrt(Math.log(1 / 0.05) / 400), within(1e-15));
        assertThat(PacCertificate.of(3, 2, 0.01).hoeffdingUpper()).isEqualTo(1);
        assertThat(certificate.upperBound()).isEqualTo(certificate.clopperPearsonUpper());
        assertThat(certificate.sampleCount()).isEqualTo(200);
        assertThat(certificate.disagreements()).isEqualTo(10);
        assertThat(certificate.delta()).isEqualTo(0.05);
    }

    @Test
    void clopperPearsonNeverExceedsHoeffdingAndLiesAboveTheObservedRate() {
        for (long m : new long[] {1, 2, 10, 137, 5000}) {
            for (long k = 0; k <= m; k += Math.max(1, m / 7)) {
                for (double delta : new double[] {0.3, 0.05, 1e-6}) {
                    PacCertificate c = PacCertificate.of(m, k, delta);
                    assertThat(c.clopperPearsonUpper()).as("m=%s k=%s delta=%s", m, k, delta)
                            .isLessThanOrEqualTo(c.hoeffdingUpper() + 1e-15)
                            .isGreaterThanOrEqualTo(c.observedDisagreement());
                }
            }
        }
    }

    @Test
    void boundIsMonotone() {
        double previous = 0;
        for (long k = 0; k <= 100; k++) { // more disagreements: larger bound
            double bound = PacCertificate.of(100, k, 0.05).upperBound();
            assertThat(bound).as("k=%s", k).isGreaterThan(previous);
            previous = bound;
        }
        previous = 1;
        for (long m = 20; m <= 2000; m += 20) { // more draws at the same k: smaller bound
            double bound = PacCertificate.of(m, 5, 0.05).upperBound();
            assertThat(bound).as("m=%s", m).isLessThan(previous);
            previous = bound;
        }
        previous = 0;
        for (double delta : new double[] {0.5, 0.1, 0.05, 1e-3, 1e-6, 1e-12}) { // more confidence: larger bound
            double bound = PacCertificate.of(300, 12, delta).upperBound();
            assertThat(bound).as("delta=%s", delta).isGreaterThan(previous);
            previous = bound;
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> PacCertificate.of(0, 0, 0.05))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleCount must be >= 1, got 0");
        assertThatThrownBy(() -> PacCertificate.of(10, 11, 0.05))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disagreements");
        assertThatThrownBy(() -> PacCertificate.of(10, -1, 0.05))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disagreements");
        assertThatThrownBy(() -> PacCertificate.of(10, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delta must be in (0, 1), got 0");
        assertThatThrownBy(() -> PacCertificate.of(10, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delta");
        assertThatThrownBy(() -> PacCertificate.of(10, 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delta");
        assertThatThrownBy(() -> new PacCertificate(10, 1, 0.05, 1.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clopperPearsonUpper");
    }
}
