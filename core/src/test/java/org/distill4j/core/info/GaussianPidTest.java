package org.distill4j.core.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaussianPidTest {

    private static final double TOL = 1e-12;

    @Test
    void bivariateMutualInformationIsMinusHalfLogOneMinusRhoSquared() {
        double rho = 0.6;
        double[][] c = {{1, rho, 0}, {rho, 1, 0}, {0, 0, 1}};
        GaussianPid g = GaussianPid.fromCovariance(c, 1, 1, 1);
        assertThat(g.mutualInformationYT(InformationUnit.NATS)).isCloseTo(-0.5 * Math.log(1 - rho * rho),
                within(TOL));
        assertThat(g.mutualInformationYS(InformationUnit.NATS)).isCloseTo(0, within(TOL));
        PidAtoms a = g.mmi();
        assertThat(a.redundancy()).isCloseTo(0, within(TOL));
        assertThat(a.uniqueT()).isCloseTo(-0.5 * Math.log(1 - rho * rho) / Math.log(2), within(TOL));
        assertThat(a.synergy()).isCloseTo(0, within(TOL));
        assertThat(g.isExact()).isTrue();
    }

    @Test
    void redundantCopiesAndSynergisticSum() {
        // T = S = Y + noise: I(Y;T) = I(Y;S); MMI gives all of it as redundancy
        double v = 1;
        double n = 0.5;
        double[][] same = {{v, v, v}, {v, v + n, v}, {v, v, v + n}};
        PidAtoms a = GaussianPid.fromCovariance(same, 1, 1, 1).mmi(InformationUnit.NATS);
        double each = 0.5 * Math.log((v + n) / n);
        assertThat(a.redundancy()).isCloseTo(each, within(TOL));
        assertThat(a.uniqueT()).isCloseTo(0, within(TOL));
        assertThat(a.uniqueS()).isCloseTo(0, within(TOL));
        // both see independent noise, so together they know more: synergy > 0 under MMI
        assertThat(a.synergy()).isGreaterThan(0.01);
        // Y = T + S with independent unit T, S: each alone 1/2 log 2, together infinite -> use small noise
        double e = 1e-3;
        double[][] sum = {{2 + e, 1, 1}, {1, 1, 0}, {1, 0, 1}};
        GaussianPid g = GaussianPid.fromCovariance(sum, 1, 1, 1);
        assertThat(g.mutualInformationYT(InformationUnit.NATS)).isCloseTo(0.5 * Math.log((2 + e) / (1 + e)),
                within(TOL));
        assertThat(g.mutualInformationYTS(InformationUnit.NATS)).isCloseTo(0.5 * Math.log((2 + e) / e),
                within(1e-9));
    }

    @Test
    void vectorSourcesAndTargets() {
        // Y scalar, T two-dimensional holding Y + noise twice: I(Y;T) = 1/2 log(1 + 2 v / n)
        double v = 1;
        double n = 1;
        double[][] c = {{v, v, v, 0}, {v, v + n, v, 0}, {v, v, v + n, 0}, {0, 0, 0, 1}};
        GaussianPid g = GaussianPid.fromCovariance(c, 1, 2, 1);
        assertThat(g.mutualInformationYT(InformationUnit.NATS)).isCloseTo(0.5 * Math.log(1 + 2 * v / n),
                within(TOL));
        assertThat(g.dimensions()).containsExactly(1, 2, 1);
        double[][] vectorTarget = {{1, 0, 0.5, 0}, {0, 1, 0, 0.5}, {0.5, 0, 1, 0}, {0, 0.5, 0, 1}};
        GaussianPid two = GaussianPid.fromCovariance(vectorTarget, 2, 1, 1);
        assertThat(two.isExact()).isFalse();
        assertThat(two.mmi().redundancy()).isCloseTo(two.mutualInformationYT(InformationUnit.BITS), within(TOL));
    }

    @Test
    void emptySourceCarriesNothing() {
        double[][] c = {{1, 0.5}, {0.5, 1}};
        GaussianPid g = GaussianPid.fromCovariance(c, 1, 1, 0);
        assertThat(g.mutualInformationYS(InformationUnit.BITS)).isZero();
        assertThat(g.mmi().uniqueT()).isCloseTo(g.mutualInformationYT(InformationUnit.BITS), within(TOL));
    }

    @Test
    void rejectsBadCovariances() {
        assertThatThrownBy(() -> GaussianPid.fromCovariance(new double[][] {{1, 1}, {1, 1}}, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive definite")
                .hasMessageContaining("leading 2 x 2 minor");
        assertThatThrownBy(() -> GaussianPid.fromCovariance(new double[][] {{1, 0.5}, {0.4, 1}}, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric");
        assertThatThrownBy(() -> GaussianPid.fromCovariance(new double[][] {{-1}}, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leading 1 x 1");
        assertThatThrownBy(() -> GaussianPid.fromCovariance(new double[][] {{1, Double.NaN}, {0, 1}}, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> GaussianPid.fromCovariance(new double[][] {{1}}, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 x 2");
        assertThatThrownBy(() -> GaussianPid.fromCovariance(new double[][] {{1}}, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dy");
    }
}
