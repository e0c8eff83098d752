package org.distill4j.core.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link GaussianBroja} against closed forms: scalar target (= MMI), degraded sources, independent halves. */
class GaussianBrojaTest {

    private static final long SEED = 2307L;

    private static double[][] randomCovariance(int d, SplittableRandom rng) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = rng.nextGaussian();
            }
        }
        double[][] c = SmallMatrix.multiply(a, SmallMatrix.transpose(a));
        for (int i = 0; i < d; i++) {
            c[i][i] += 0.2;
        }
        return c;
    }

    /** Covariance of (Y, T, S) for linear-Gaussian T = A·Y + noise_T, S = B·Y (+ C·noise_T) + noise_S. */
    private static double[][] linear(double[][] a, double[][] b, double[][] passNoise, double noiseT, double noiseS) {
        int dy = a[0].length;
        int dt = a.length;
        int ds = b.length;
        int d = dy + dt + ds;
        // z = M · (y, eT, eS) with independent standard parts; covariance M diag(1, noiseT², noiseS²) Mᵀ
        int e = dy + dt + ds;
        double[][] m = new double[d][e];
        for (int i = 0; i < dy; i++) {
            m[i][i] = 1;
        }
        for (int i = 0; i < dt; i++) {
            System.arraycopy(a[i], 0, m[dy + i], 0, dy);
            m[dy + i][dy + i] = noiseT;
        }
        for (int i = 0; i < ds; i++) {
            System.arraycopy(b[i], 0, m[dy + dt + i], 0, dy);
            if (passNoise != null) {
                for (int j = 0; j < dt; j++) {
                    m[dy + dt + i][dy + j] = passNoise[i][j] * noiseT;
                }
            }
            m[dy + dt + i][dy + dt + i] = noiseS;
        }
        return SmallMatrix.multiply(m, SmallMatrix.transpose(m));
    }

    @Test
    void scalarTargetEqualsMmi() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int trial = 0; trial < 8; trial++) {
            int dt = 1 + trial % 3;
            int ds = 1 + (trial / 3) % 3;
            double[][] c = randomCovariance(1 + dt + ds, rng);
            GaussianBroja.Solution s = GaussianBroja.withDefaults().solve(c, 1, dt, ds, InformationUnit.BITS);
            PidAtoms mmi = GaussianPid.fromCovariance(c, 1, dt, ds).mmi();
            assertThat(s.atoms().redundancy()).as("trial %s (seed %s)", trial, SEED)
                    .isCloseTo(mmi.redundancy(), within(1e-6));
            assertThat(s.atoms().synergy()).as("trial %s", trial).isCloseTo(mmi.synergy(), within(1e-6));
        }
    }

    @Test
    void aDegradedStudentHasNoUniqueInformation() {
        // Y (2-d) -> T (3-d) -> S = P·T + noise: S is a garbling of T, so Red = I(Y;S) and Uni(Y:S\T) = 0
        double[][] a = {{1, 0.5}, {-0.3, 1}, {0.8, 0.8}};
        double[][] p = {{0.7, 0.2, -0.4}, {0.1, 0.9, 0.3}};
        double[][] b = SmallMatrix.multiply(p, a);
        double[][] c = linear(a, b, p, 0.6, 0.9);
        PidAtoms atoms = GaussianBroja.withDefaults().decompose(c, 2, 3, 2);
        GaussianPid mi = GaussianPid.fromCovariance(c, 2, 3, 2);
        assertThat(atoms.uniqueS()).isCloseTo(0, within(1e-6));
        assertThat(atoms.redundancy()).isCloseTo(mi.mutualInformationYS(InformationUnit.BITS), within(1e-6));
        assertThat(atoms.uniqueT()).isCloseTo(mi.mutualInformationYT(InformationUnit.BITS)
                - mi.mutualInformationYS(InformationUnit.BITS), within(1e-6));
    }

    @Test
    void sourcesAboutIndependentHalvesOfTheTargetShareNothing() {
        // Y = (Y1, Y2) independent, T sees Y1, S sees Y2: Red = 0 although MMI reports min(I(Y;T), I(Y;S)) > 0
        double[][] c = linear(new double[][] {{1, 0}}, new double[][] {{0, 1}}, null, 0.5, 0.7);
        PidAtoms atoms = GaussianBroja.withDefaults().decompose(c, 2, 1, 1);
        assertThat(atoms.redundancy()).isCloseTo(0, within(1e-6));
        assertThat(atoms.synergy()).isCloseTo(0, within(1e-6));
        assertThat(GaussianPid.fromCovariance(c, 2, 1, 1).mmi().redundancy()).isGreaterThan(0.4);
    }

    @Test
    void vectorTargetsGiveConsistentAtomsBelowMmi() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        for (int trial = 0; trial < 6; trial++) {
            double[][] c = randomCovariance(2 + 2 + 3, rng);
            GaussianBroja.Solution s = GaussianBroja.withDefaults().solve(c, 2, 2, 3, InformationUnit.NATS);
            PidAtoms a = s.atoms();
            GaussianPid mi = GaussianPid.fromCovariance(c, 2, 2, 3);
            assertThat(a.redundancy()).as("trial %s", trial).isGreaterThanOrEqualTo(0)
                    .isLessThanOrEqualTo(mi.mmi(InformationUnit.NATS).redundancy() + 1e-9);
            assertThat(a.uniqueT()).isGreaterThanOrEqualTo(-1e-9);
            assertThat(a.uniqueS()).isGreaterThanOrEqualTo(-1e-9);
            assertThat(a.synergy()).isGreaterThanOrEqualTo(-1e-9);
            assertThat(a.total()).isCloseTo(mi.mutualInformationYTS(InformationUnit.NATS), within(1e-9));
            assertThat(s.unionInformationNats()).isLessThanOrEqualTo(mi.mutualInformationYTS(InformationUnit.NATS)
                    + 1e-12);
        }
    }

    @Test
    void theEstimatorsGaussianBrojaRouteIsBelowMmiAndEqualForTwoClasses() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        for (int classes : new int[] {2, 4}) {
            int n = 300;
            int[] y = new int[n];
            double[][] t = new double[n][3];
            double[][] s = new double[n][3];
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextInt(classes);
                for (int j = 0; j < 3; j++) {
                    t[i][j] = (y[i] == j ? 2 : 0) + rng.nextGaussian();
                    s[i][j] = (y[i] == (j + 1) % classes ? 1.5 : 0) + rng.nextGaussian();
                }
            }
            org.nd4j.linalg.api.ndarray.INDArray tt = org.nd4j.linalg.factory.Nd4j.create(t);
            org.nd4j.linalg.api.ndarray.INDArray ss = org.nd4j.linalg.factory.Nd4j.create(s);
            KnowledgeEstimator.Builder b = KnowledgeEstimator.builder().components(3).replicates(5).seed(1);
            KnowledgeEstimate mmi = b.route(KnowledgeEstimator.Route.GAUSSIAN).build().estimate(tt, ss, y);
            KnowledgeEstimate broja = b.route(KnowledgeEstimator.Route.GAUSSIAN_BROJA).build().estimate(tt, ss, y);
            assertThat(broja.route()).isEqualTo(KnowledgeEstimator.Route.GAUSSIAN_BROJA);
            assertThat(broja.distilled()).as("%s classes", classes).isLessThanOrEqualTo(mmi.distilled() + 1e-9);
            assertThat(broja.atoms().teacherInformation())
                    .isCloseTo(mmi.atoms().teacherInformation(), within(1e-9));
            if (classes == 2) {
                assertThat(broja.distilled()).isCloseTo(mmi.distilled(), within(1e-6));
            } else {
                assertThat(broja.distilled()).isLessThan(mmi.distilled() - 0.01);
            }
        }
    }

    @Test
    void anEmptySourceHasNoRedundancyAndBadInputsFail() {
        double[][] c = {{1, 0.5}, {0.5, 1}};
        PidAtoms atoms = GaussianBroja.withDefaults().decompose(c, 1, 1, 0);
        assertThat(atoms.redundancy()).isZero();
        assertThat(atoms.uniqueT()).isCloseTo(GaussianPid.fromCovariance(c, 1, 1, 0)
                .mutualInformationYT(InformationUnit.BITS), within(1e-12));
        double[][] singular = {{1, 1, 0}, {1, 1, 0}, {0, 0, 1}};
        assertThatThrownBy(() -> GaussianBroja.withDefaults().decompose(singular, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive definite");
        double[][] negative = {{1, 0, 0}, {0, -1, 0}, {0, 0, 1}};
        assertThatThrownBy(() -> GaussianBroja.withDefaults().decompose(negative, 1, 1, 1))
                .hasMessageContaining("positive definite");
        assertThatThrownBy(() -> GaussianBroja.of(0, 1e-9)).hasMessageContaining("maxIterations");
        assertThatThrownBy(() -> GaussianBroja.of(10, 0)).hasMessageContaining("tolerance");
    }
}
