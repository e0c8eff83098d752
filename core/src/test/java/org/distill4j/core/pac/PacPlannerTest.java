package org.distill4j.core.pac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Reference plans from a brute-force scan over m with {@code scipy.stats.beta.ppf} (scipy 1.x) and from
 * {@code ceil(log(delta) / log1p(-epsilon))}.
 */
class PacPlannerTest {

    @Test
    void zeroDisagreementPlanMatchesClosedForm() {
        assertThat(PacPlanner.samplesNeeded(0.05, 0.05)).isEqualTo(59);
        assertThat(PacPlanner.samplesNeeded(0.01, 1e-9)).isEqualTo(2062);
        assertThat(PacPlanner.samplesNeeded(0.5, 0.5)).isEqualTo(1);
        assertThat(PacPlanner.samplesNeeded(1e-6, 0.05)).isEqualTo(2_995_731);
    }

    @Test
    void zeroDisagreementPlanIsTightForTheCertificate() {
        for (double epsilon : new double[] {0.3, 0.05, 0.01, 1e-4}) {
            for (double delta : new double[] {0.2, 0.05, 1e-6}) {
                long m = PacPlanner.samplesNeeded(epsilon, delta);
                assertThat(PacCertificate.of(m, 0, delta).upperBound()).isLessThanOrEqualTo(epsilon);
                if (m > 1) {
                    assertThat(PacCertificate.of(m - 1, 0, delta).upperBound()).isGreaterThan(epsilon);
                }
            }
        }
    }

    @Test
    void expectedDisagreementPlanMatchesBruteForceScipy() {
        assertThat(PacPlanner.samplesNeeded(0.05, 0.05, 0.01)).isEqualTo(59);
        // The bound is a saw-tooth in m: m = 156 qualifies although m = 182 does not.
        assertThat(PacPlanner.samplesNeeded(0.1, 0.01, 0.05)).isEqualTo(156);
        assertThat(PacPlanner.samplesNeeded(0.02, 0.05, 0.005)).isEqualTo(149);
        assertThat(PacPlanner.samplesNeeded(0.2, 1e-6, 0.1)).isEqualTo(307);
        assertThat(PacPlanner.samplesNeeded(0.11, 1e-3, 0.1)).isEqualTo(9049);
    }

    @Test
    void expectedDisagreementPlanIsTheSmallestQualifyingM() {
        double epsilon = 0.1;
        double delta = 0.01;
        double expected = 0.05;
        long m = PacPlanner.samplesNeeded(epsilon, delta, expected);
        assertThat(PacCertificate.of(m, (long) Math.floor(expected * m), delta).upperBound())
                .isLessThanOrEqualTo(epsilon);
        for (long smaller = 1; smaller < m; smaller++) {
            assertThat(PacCertificate.of(smaller, (long) Math.floor(expected * smaller), delta).upperBound())
                    .as("m=%s", smaller).isGreaterThan(epsilon);
        }
    }

    @Test
    void hoeffdingPlanIsClosedFormAndNeverSmaller() {
        // ceil(log(1/0.05) / (2 * 0.04^2)) = ceil(936.0) with log(20) = 2.9957
        assertThat(PacPlanner.hoeffdingSamplesNeeded(0.05, 0.05, 0.01)).isEqualTo(937);
        assertThat(PacPlanner.hoeffdingSamplesNeeded(0.1, 0.01, 0.0)).isEqualTo(231);
        for (double expected : new double[] {0, 0.001, 0.01, 0.03}) {
            assertThat(PacPlanner.samplesNeeded(0.05, 0.01, expected))
                    .isLessThanOrEqualTo(PacPlanner.hoeffdingSamplesNeeded(0.05, 0.01, expected));
        }
    }

    @Test
    void plansGrowAsTargetsTighten() {
        assertThat(PacPlanner.samplesNeeded(0.01, 0.05)).isGreaterThan(PacPlanner.samplesNeeded(0.02, 0.05));
        assertThat(PacPlanner.samplesNeeded(0.02, 1e-6)).isGreaterThan(PacPlanner.samplesNeeded(0.02, 0.05));
        assertThat(PacPlanner.samplesNeeded(0.05, 0.05, 0.02))
                .isGreaterThan(PacPlanner.samplesNeeded(0.05, 0.05, 0.01));
        assertThat(PacPlanner.samplesNeeded(0.05, 0.05, 0.0)).isEqualTo(PacPlanner.samplesNeeded(0.05, 0.05));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> PacPlanner.samplesNeeded(0, 0.05))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsilon must be in (0, 1)");
        assertThatThrownBy(() -> PacPlanner.samplesNeeded(0.1, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delta must be in (0, 1)");
        assertThatThrownBy(() -> PacPlanner.samplesNeeded(0.1, 0.05, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expectedDisagreement");
        assertThatThrownBy(() -> PacPlanner.samplesNeeded(0.1, 0.05, -0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expectedDisagreement");
        assertThatThrownBy(() -> PacPlanner.hoeffdingSamplesNeeded(0.1, 0.05, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expectedDisagreement");
        assertThatThrownBy(() -> PacPlanner.samplesNeeded(1e-300, 0.05))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1e15");
    }
}
