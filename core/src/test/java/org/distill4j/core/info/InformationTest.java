package org.distill4j.core.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InformationTest {

    private static final long SEED = 11L;

    @Test
    void entropyOfKnownVectors() {
        assertThat(Information.entropy(0.5, 0.5)).isCloseTo(1, within(1e-15));
        assertThat(Information.entropy(0.25, 0.25, 0.25, 0.25)).isCloseTo(2, within(1e-15));
        assertThat(Information.entropy(1, 0)).isZero();
        assertThat(Information.entropy(InformationUnit.NATS, 0.5, 0.5)).isCloseTo(Math.log(2), within(1e-15));
        assertThatThrownBy(() -> Information.entropy(0.5, 0.6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> Information.entropy(-0.5, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probabilities[0]");
    }

    @Test
    void gatesHaveTheirTextbookInformations() {
        JointDistribution xor = GateFixtures.xor();
        assertThat(Information.mutualInformationYT(xor)).isCloseTo(0, within(1e-15));
        assertThat(Information.mutualInformationYTS(xor)).isCloseTo(1, within(1e-15));
        assertThat(Information.conditionalMutualInformationYTGivenS(xor)).isCloseTo(1, within(1e-15));
        JointDistribution and = GateFixtures.and();
        // I(Y;T) = h(1/4) − H(Y|T) = h(1/4) − 1/2 (Y = 0 when T = 0, a fair bit when T = 1)
        double h = -0.25 * log2(0.25) - 0.75 * log2(0.75);
        assertThat(Information.mutualInformationYT(and)).isCloseTo(h - 0.5, within(1e-15));
        assertThat(Information.entropyY(and)).isCloseTo(0.811278124459133, within(1e-12));
        assertThat(Information.mutualInformationYTS(and)).isCloseTo(0.811278124459133, within(1e-12));
        JointDistribution rdn = GateFixtures.rdn();
        assertThat(Information.conditionalMutualInformationYTGivenS(rdn)).isCloseTo(0, within(1e-15));
        assertThat(Information.mutualInformationYS(rdn)).isCloseTo(1, within(1e-15));
    }

    @Test
    void chainRuleAndUnitsOnRandomTables() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int trial = 0; trial < 50; trial++) {
            JointDistribution p = GateFixtures.random(rng, 2 + rng.nextInt(3), 2 + rng.nextInt(3), 1 + rng.nextInt(3),
                    0.2);
            String where = "trial " + trial + " seed " + SEED;
            double yts = Information.mutualInformationYTS(p);
            assertThat(Information.mutualInformationYS(p)
                    + Information.conditionalMutualInformationYTGivenS(p)).as(where).isCloseTo(yts, within(1e-12));
            assertThat(Information.mutualInformationYT(p)
                    + Information.conditionalMutualInformationYSGivenT(p)).as(where).isCloseTo(yts, within(1e-12));
            assertThat(yts).as(where).isLessThanOrEqualTo(Information.entropyY(p) + 1e-12);
            assertThat(Information.mutualInformationYT(p, InformationUnit.NATS)).as(where)
                    .isCloseTo(Information.mutualInformationYT(p) * Math.log(2), within(1e-12));
            assertThat(Information.jointEntropy(p, InformationUnit.BITS)).as(where)
                    .isGreaterThanOrEqualTo(Information.entropyY(p) - 1e-12);
        }
    }

    @Test
    void unitsConvert() {
        assertThat(InformationUnit.BITS.convert(1, InformationUnit.NATS)).isCloseTo(Math.log(2), within(1e-15));
        assertThat(InformationUnit.NATS.convert(Math.log(2), InformationUnit.BITS)).isCloseTo(1, within(1e-15));
        assertThat(InformationUnit.BITS.toNats(InformationUnit.BITS.fromNats(0.3))).isCloseTo(0.3, within(1e-15));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
