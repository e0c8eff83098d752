package org.distill4j.core.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class JointDistributionTest {

    @Test
    void keepsLabelsAndComputesMarginals() {
        double[][][] p = {{{0.1, 0.2}, {0.0, 0.1}}, {{0.3, 0.0}, {0.1, 0.2}}};
        JointDistribution d = JointDistribution.of(List.of("no", "yes"), List.of("a", "b"), List.of("x", "y"), p);
        assertThat(d.yLabels()).containsExactly("no", "yes");
        assertThat(d.probability(1, 0, 0)).isEqualTo(0.3);
        assertThat(d.marginalY()).containsExactly(new double[] {0.4, 0.6}, within(1e-15));
        assertThat(d.marginalT()).containsExactly(new double[] {0.6, 0.4}, within(1e-15));
        assertThat(d.marginalS()).containsExactly(new double[] {0.5, 0.5}, within(1e-15));
        assertThat(d.marginalYT()[1]).containsExactly(new double[] {0.3, 0.3}, within(1e-15));
        assertThat(d.marginalYS()[0]).containsExactly(new double[] {0.1, 0.3}, within(1e-15));
        assertThat(d.marginalTS()[1]).containsExactly(new double[] {0.1, 0.3}, within(1e-15));
        assertThat(d.toArray()).isDeepEqualTo(p);
        assertThat(d.swapSources().probability(1, 1, 0)).isEqualTo(d.probability(1, 0, 1));
        assertThat(d.swapSources().tLabels()).containsExactly("x", "y");
    }

    @Test
    void copiesItsInput() {
        double[][][] p = {{{0.5, 0.5}}};
        JointDistribution d = JointDistribution.of(p);
        p[0][0][0] = 7;
        assertThat(d.probability(0, 0, 0)).isEqualTo(0.5);
        d.toArray()[0][0][0] = 9;
        assertThat(d.probability(0, 0, 0)).isEqualTo(0.5);
    }

    @Test
    void rejectsNegativeEntriesNamingTheCell() {
        double[][][] p = {{{0.6, -0.1}}, {{0.5, 0}}};
        assertThatThrownBy(() -> JointDistribution.of(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p[y=0, t=0, s=1]").hasMessageContaining("-0.1");
    }

    @Test
    void rejectsNanAndInfinity() {
        assertThatThrownBy(() -> JointDistribution.of(new double[][][] {{{Double.NaN, 1}}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> JointDistribution.of(new double[][][] {{{Double.POSITIVE_INFINITY, 0}}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    }

    @Test
    void rejectsTablesThatDoNotSumToOne() {
        assertThatThrownBy(() -> JointDistribution.of(new double[][][] {{{0.5, 0.4}}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 1")
                .hasMessageContaining("0.9");
        // within the tolerance the table is accepted and renormalised exactly
        JointDistribution d = JointDistribution.of(new double[][][] {{{0.5, 0.5 + 5e-10}}});
        assertThat(d.probability(0, 0, 0) + d.probability(0, 0, 1)).isEqualTo(1.0);
    }

    @Test
    void rejectsRaggedTablesAndBadLabels() {
        assertThatThrownBy(() -> JointDistribution.of(new double[][][] {{{0.5}, {0.25, 0.25}}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p[0][1]");
        assertThatThrownBy(() -> JointDistribution.of(new double[][][] {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JointDistribution.of(List.of("a", "a"), List.of("t"), List.of("s"),
                new double[][][] {{{0.5}}, {{0.5}}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yLabels").hasMessageContaining("\"a\" repeats");
        assertThatThrownBy(() -> JointDistribution.of(List.of("a"), List.of("t"), List.of("s"),
                new double[][][] {{{0.5}}, {{0.5}}})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 rows");
    }

    @Test
    void empiricalDistributionCountsSamples() {
        int[] y = {0, 1, 1, 1};
        int[] t = {5, 5, 7, 7};
        int[] s = {2, 2, 2, 3};
        JointDistribution d = JointDistribution.fromSamples(y, t, s);
        assertThat(d.tLabels()).containsExactly("5", "7");
        assertThat(d.probability(1, 1, 0)).isEqualTo(0.25);
        assertThat(d.probability(1, 0, 0)).isEqualTo(0.25);
        assertThat(d.probability(0, 1, 1)).isZero();
        assertThatThrownBy(() -> JointDistribution.fromSamples(y, t, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4, 4 and 1");
        assertThatThrownBy(() -> JointDistribution.fromSamples(new int[0], new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void equalTablesAreEqual() {
        assertThat(GateFixtures.and()).isEqualTo(GateFixtures.and()).hasSameHashCodeAs(GateFixtures.and());
        assertThat(GateFixtures.and()).isNotEqualTo(GateFixtures.xor());
    }
}
