package org.distill4j.core.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Williams–Beer I_min and MMI against the gates of Bertschinger et al. (2014), Table 1, and BROJA. */
class ComparisonPidTest {

    private static final long SEED = 1004L;
    private static final double TOL = 1e-12;

    @Test
    void iminOnTheGates() {
        assertThat(WilliamsBeerPid.redundancy(GateFixtures.xor())).isCloseTo(0, within(TOL));
        assertThat(WilliamsBeerPid.redundancy(GateFixtures.and())).isCloseTo(0.311278124459133, within(TOL));
        assertThat(WilliamsBeerPid.redundancy(GateFixtures.rdn())).isCloseTo(1, within(TOL));
        PidAtoms unq = WilliamsBeerPid.decompose(GateFixtures.unq());
        assertThat(unq.redundancy()).isCloseTo(0, within(TOL));
        assertThat(unq.uniqueT()).isCloseTo(1, within(TOL));
        assertThat(unq.synergy()).isCloseTo(0, within(TOL));
        assertThat(WilliamsBeerPid.decompose(GateFixtures.and()).synergy()).isCloseTo(0.5, within(TOL));
    }

    @Test
    void iminOverstatesRedundancyOnTheCopyGate() {
        // Y = (T, S) with independent fair bits: I_min = 1 bit, BROJA = 0 (Harder et al. 2013)
        double[][][] p = new double[4][2][2];
        for (int t = 0; t < 2; t++) {
            for (int s = 0; s < 2; s++) {
                p[2 * t + s][t][s] = 0.25;
            }
        }
        JointDistribution copy = JointDistribution.of(p);
        assertThat(WilliamsBeerPid.redundancy(copy)).isCloseTo(1, within(TOL));
        assertThat(WilliamsBeerPid.specificInformationT(copy)).containsOnly(1.0);
        PidAtoms broja = BrojaPid.withDefaults().decompose(copy);
        assertThat(broja.redundancy()).isCloseTo(0, within(1e-6));
        assertThat(broja.uniqueT()).isCloseTo(1, within(1e-6));
        assertThat(broja.uniqueS()).isCloseTo(1, within(1e-6));
    }

    @Test
    void mmiOnTheGates() {
        assertThat(MmiPid.redundancy(GateFixtures.xor())).isCloseTo(0, within(TOL));
        assertThat(MmiPid.redundancy(GateFixtures.and())).isCloseTo(0.311278124459133, within(TOL));
        assertThat(MmiPid.redundancy(GateFixtures.rdn())).isCloseTo(1, within(TOL));
        PidAtoms unq = MmiPid.decompose(GateFixtures.unq(), InformationUnit.NATS);
        assertThat(unq.uniqueT()).isCloseTo(Math.log(2), within(TOL));
        assertThat(unq.unit()).isEqualTo(InformationUnit.NATS);
    }

    @Test
    void orderingOnRandomTables() {
        // BROJA ≤ MMI (BROJA's unique atoms are ≥ 0); all three decompositions sum to I(Y;T,S), atoms ≥ 0
        SplittableRandom rng = new SplittableRandom(SEED);
        BrojaPid broja = BrojaPid.withDefaults();
        for (int trial = 0; trial < 40; trial++) {
            JointDistribution p = GateFixtures.random(rng, 2 + rng.nextInt(3), 2 + rng.nextInt(3), 2 + rng.nextInt(3),
                    0.2);
            String where = "trial " + trial + " seed " + SEED;
            PidAtoms b = broja.decompose(p);
            PidAtoms w = WilliamsBeerPid.decompose(p);
            PidAtoms m = MmiPid.decompose(p);
            assertThat(b.redundancy()).as(where).isLessThanOrEqualTo(m.redundancy() + 1e-9);
            assertThat(w.redundancy()).as(where).isLessThanOrEqualTo(m.redundancy() + TOL);
            for (PidAtoms a : new PidAtoms[] {w, m}) {
                assertThat(a.minimum()).as(where).isGreaterThanOrEqualTo(-TOL);
                assertThat(a.total()).as(where).isCloseTo(Information.mutualInformationYTS(p), within(TOL));
            }
        }
    }

    @Test
    void atomsConvertBetweenUnits() {
        PidAtoms bits = MmiPid.decompose(GateFixtures.and());
        PidAtoms nats = bits.in(InformationUnit.NATS);
        assertThat(nats.redundancy()).isCloseTo(bits.redundancy() * Math.log(2), within(TOL));
        assertThat(nats.in(InformationUnit.BITS).synergy()).isCloseTo(bits.synergy(), within(TOL));
        assertThat(bits.teacherInformation()).isCloseTo(Information.mutualInformationYT(GateFixtures.and()),
                within(TOL));
    }
}
