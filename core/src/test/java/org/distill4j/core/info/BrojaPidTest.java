package org.distill4j.core.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BrojaPidTest {

    private static final long SEED = 20140611L;
    private static final double TOL = 1e-6;
    private final BrojaPid broja = BrojaPid.withDefaults();

    @Test
    void xorIsPureSynergy() {
        PidAtoms a = broja.decompose(GateFixtures.xor());
        assertAtoms(a, 0, 0, 0, 1);
    }

    @Test
    void andHasRedundancyAndSynergy() {
        BrojaSolution solution = broja.solve(GateFixtures.and());
        // Red = I(Y;T) = h(1/4) − 1/2 = 0.311278 bits, Syn = 1/2 (Bertschinger et al. 2014, Table 1)
        double h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.log(2);
        assertAtoms(solution.atoms(), h - 0.5, 0, 0, 0.5);
        assertThat(h - 0.5).isCloseTo(0.311278, within(1e-6));
        assertThat(solution.converged()).isTrue();
        assertThat(solution.dualityGap()).isLessThanOrEqualTo(broja.tolerance());
        assertThat(solution.iterations()).isPositive();
    }

    @Test
    void andOptimumIsTheCopyVertexExactly() {
        // the optimum lies on a face (two (t,s) groups vanish): Q* is T = S, found exactly by the purification
        BrojaSolution solution = broja.solve(GateFixtures.and());
        JointDistribution q = solution.optimum();
        assertThat(q.probability(0, 0, 0)).isCloseTo(0.5, within(1e-12));
        assertThat(q.probability(0, 1, 1)).isCloseTo(0.25, within(1e-12));
        assertThat(q.probability(1, 1, 1)).isCloseTo(0.25, within(1e-12));
        assertThat(q.probability(0, 0, 1)).isZero();
        assertThat(solution.atoms().uniqueT()).isCloseTo(0, within(1e-12));
    }

    @Test
    void tablesWithTinyProbabilitiesStillCertify() {
        double[][][] p = {{{0, 0, 6e-10}, {0, 0.269, 0.383}}, {{0, 0, 4.4e-10}, {0, 0.2516, 0}},
            {{0, 0.0962, 0}, {2.3e-11, 1.1e-10, 3.2e-10}}};
        double sum = 0;
        for (double[][] block : p) {
            for (double[] row : block) {
                for (double v : row) {
                    sum += v;
                }
            }
        }
        for (double[][] block : p) {
            for (double[] row : block) {
                for (int s = 0; s < row.length; s++) {
                    row[s] /= sum;
                }
            }
        }
        BrojaSolution solution = broja.solve(JointDistribution.of(p));
        assertThat(solution.dualityGap()).isLessThan(1e-8);
        assertThat(solution.atoms().minimum()).isGreaterThanOrEqualTo(-1e-9);
    }

    @Test
    void rdnIsPureRedundancy() {
        BrojaSolution solution = broja.solve(GateFixtures.rdn());
        assertAtoms(solution.atoms(), 1, 0, 0, 0);
        assertThat(solution.iterations()).isZero();
    }

    @Test
    void unqIsUniqueToTheTeacher() {
        assertAtoms(broja.decompose(GateFixtures.unq()), 0, 1, 0, 0);
        assertAtoms(broja.decompose(GateFixtures.unq().swapSources()), 0, 0, 1, 0);
    }

    @Test
    void randomTablesSatisfyTheInvariants() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int trial = 0; trial < 60; trial++) {
            JointDistribution p = GateFixtures.random(rng, 2 + rng.nextInt(4), 2 + rng.nextInt(4), 2 + rng.nextInt(4),
                    trial % 3 == 0 ? 0.3 : 0);
            BrojaSolution solution = broja.solve(p);
            PidAtoms a = solution.atoms();
            String where = "trial " + trial + " seed " + SEED;
            assertThat(solution.converged()).as(where).isTrue();
            assertThat(a.minimum()).as(where).isGreaterThanOrEqualTo(-1e-9);
            assertThat(a.total()).as(where).isCloseTo(Information.mutualInformationYTS(p), within(1e-12));
            assertThat(a.teacherInformation()).as(where).isCloseTo(Information.mutualInformationYT(p),
                    within(1e-12));
            assertThat(a.studentInformation()).as(where).isCloseTo(Information.mutualInformationYS(p),
                    within(1e-12));
            assertThat(a.redundancy()).as(where).isLessThanOrEqualTo(
                    Math.min(Information.mutualInformationYT(p), Information.mutualInformationYS(p)) + 1e-12);
            // the optimum lies in Δ_P
            assertMarginalsEqual(solution.optimum(), p, where);
            // exchanging the sources exchanges the unique atoms
            PidAtoms swapped = broja.decompose(p.swapSources());
            assertThat(swapped.uniqueT()).as(where).isCloseTo(a.uniqueS(), within(TOL));
            assertThat(swapped.redundancy()).as(where).isCloseTo(a.redundancy(), within(TOL));
        }
    }

    @Test
    void agreesWithBruteForceOnBinaryTables() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        for (int trial = 0; trial < 40; trial++) {
            int ny = 2 + trial % 2;
            JointDistribution p = GateFixtures.random(rng, ny, 2, 2, trial % 4 == 0 ? 0.2 : 0);
            double expected = BruteForceFixture.uniqueT(p);
            double actual = broja.decompose(p).uniqueT();
            assertThat(actual).as("trial %s seed %s", trial, SEED + 1).isCloseTo(expected, within(TOL));
        }
    }

    @Test
    void tablesOfFourThousandCellsSolveFast() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        JointDistribution p = GateFixtures.random(rng, 10, 20, 20, 0.1);
        broja.solve(GateFixtures.random(rng, 5, 8, 8, 0)); // warm-up
        long start = System.nanoTime();
        BrojaSolution solution = broja.solve(p);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(solution.converged()).isTrue();
        assertThat(solution.atoms().minimum()).isGreaterThanOrEqualTo(-1e-9);
        assertThat(seconds).as("seconds (about 0.3 s warm on one core; generous for a loaded machine)").isLessThan(5);
    }

    @Test
    void constantTargetGivesZeroAtoms() {
        double[][][] p = {{{0.1, 0.2}, {0.3, 0.4}}};
        assertAtoms(broja.decompose(JointDistribution.of(p)), 0, 0, 0, 0);
    }

    @Test
    void constantSourceLeavesTheOtherSourceUnique() {
        double[][][] p = {{{0.5}, {0}}, {{0}, {0.5}}}; // S constant, Y = T
        PidAtoms a = broja.decompose(JointDistribution.of(p));
        assertAtoms(a, 0, 1, 0, 0);
    }

    @Test
    void builderValidates() {
        assertThatThrownBy(() -> BrojaPid.builder().tolerance(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> BrojaPid.builder().maxIterations(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIterations");
    }

    @Test
    void reportsNonConvergenceHonestly() {
        BrojaSolution solution = BrojaPid.builder().maxIterations(1).build().solve(GateFixtures.and());
        assertThat(solution.converged()).isFalse();
        assertThat(solution.dualityGap()).isGreaterThan(BrojaPid.DEFAULT_TOLERANCE);
    }

    static void assertAtoms(PidAtoms a, double red, double ut, double us, double syn) {
        assertThat(a.redundancy()).as("redundancy").isCloseTo(red, within(TOL));
        assertThat(a.uniqueT()).as("uniqueT").isCloseTo(ut, within(TOL));
        assertThat(a.uniqueS()).as("uniqueS").isCloseTo(us, within(TOL));
        assertThat(a.synergy()).as("synergy").isCloseTo(syn, within(TOL));
    }

    private static void assertMarginalsEqual(JointDistribution q, JointDistribution p, String where) {
        double[][] qyt = q.marginalYT();
        double[][] pyt = p.marginalYT();
        double[][] qys = q.marginalYS();
        double[][] pys = p.marginalYS();
        for (int y = 0; y < p.ySize(); y++) {
            for (int t = 0; t < p.tSize(); t++) {
                assertThat(qyt[y][t]).as(where).isCloseTo(pyt[y][t], within(1e-12));
            }
            for (int s = 0; s < p.sSize(); s++) {
                assertThat(qys[y][s]).as(where).isCloseTo(pys[y][s], within(1e-12));
            }
        }
    }
}
