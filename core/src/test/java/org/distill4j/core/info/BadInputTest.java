package org.distill4j.core.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bad-input list, one place for each item: tables not summing to 1 within 1e-9 or with negative
 * entries, degenerate marginals (a constant source or target) for every decomposition, fewer samples than
 * clusters, and covariances that are not positive definite.
 */
class BadInputTest {

    @Test
    void theSumToleranceIsOneBillionth() {
        assertThat(JointDistribution.SUM_TOLERANCE).isEqualTo(1e-9);
        assertThatThrownBy(() -> JointDistribution.of(new double[][][] {{{0.5, 0.5 + 2e-9}}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> JointDistribution.of(new double[][][] {{{0.5, 0.5 - 2e-9}}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 1");
        assertThat(JointDistribution.of(new double[][][] {{{0.5, 0.5 + 0.9e-9}}}).probability(0, 0, 0))
                .isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aNegativeEntryIsRejectedEvenWhenTheSumIsOne() {
        assertThatThrownBy(() -> JointDistribution.of(new double[][][] {{{0.6, 0.5}, {-0.1, 0}}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.1");
    }

    @Test
    void aConstantTargetGivesZeroAtomsInEveryDecomposition() {
        JointDistribution p = JointDistribution.of(new double[][][] {{{0.1, 0.2}, {0.3, 0.4}}});
        for (PidAtoms a : new PidAtoms[] {BrojaPid.withDefaults().decompose(p), WilliamsBeerPid.decompose(p),
                MmiPid.decompose(p)}) {
            assertThat(a.total()).isCloseTo(0, within(1e-12));
            assertThat(a.redundancy()).isCloseTo(0, within(1e-12));
            assertThat(a.synergy()).isCloseTo(0, within(1e-12));
        }
    }

    @Test
    void aConstantSourceHasNoRedundancyInEveryDecomposition() {
        // T constant, Y = S (one bit)
        JointDistribution p = JointDistribution.of(new double[][][] {{{0.5, 0}}, {{0, 0.5}}});
        for (PidAtoms a : new PidAtoms[] {BrojaPid.withDefaults().decompose(p), WilliamsBeerPid.decompose(p),
                MmiPid.decompose(p)}) {
            assertThat(a.redundancy()).isCloseTo(0, within(1e-9));
            assertThat(a.uniqueT()).isCloseTo(0, within(1e-9));
            assertThat(a.uniqueS()).isCloseTo(1, within(1e-9));
            assertThat(a.synergy()).isCloseTo(0, within(1e-9));
        }
    }

    @Test
    void aConstantRepresentationCarriesNothingOnBothRoutes() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 60;
        int[] y = new int[n];
        double[][] s = new double[n][3];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 3; j++) {
                s[i][j] = y[i] * 2 + rng.nextGaussian();
            }
        }
        INDArray constant = Nd4j.ones(DataType.FLOAT, n, 4);
        INDArray student = Nd4j.create(s).castTo(DataType.FLOAT);
        for (KnowledgeEstimator.Route route : KnowledgeEstimator.Route.values()) {
            KnowledgeEstimate e = KnowledgeEstimator.builder().route(route).clusters(3).replicates(5).build()
                    .estimate(constant, student, y);
            assertThat(e.distillable()).as(route.name()).isCloseTo(0, within(1e-9));
            assertThat(e.distilled()).as(route.name()).isCloseTo(0, within(1e-9));
            assertThat(e.atoms().studentInformation()).as(route.name()).isGreaterThan(0.1);
        }
    }

    @Test
    void fewerSamplesThanClustersIsAClearError() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3);
        assertThatThrownBy(() -> KnowledgeEstimator.builder().clusters(5).build().estimate(x, x, new int[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clusters=5")
                .hasMessageContaining("got 4");
        // the Gaussian route needs no clusters: 4 samples are enough there
        assertThat(KnowledgeEstimator.builder().route(KnowledgeEstimator.Route.GAUSSIAN).clusters(5).replicates(0)
                .build().estimate(x, x, new int[] {0, 1, 0, 1}).samples()).isEqualTo(4);
    }

    @Test
    void covariancesThatAreNotPositiveDefiniteAreRejectedByBothGaussianDecompositions() {
        double[][] semidefinite = {{1, 1, 0}, {1, 1, 0}, {0, 0, 1}};
        double[][] indefinite = {{1, 0.9, 0.9}, {0.9, 1, -0.9}, {0.9, -0.9, 1}};
        for (double[][] c : new double[][][] {semidefinite, indefinite}) {
            assertThatThrownBy(() -> GaussianPid.fromCovariance(c, 1, 1, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive definite");
            assertThatThrownBy(() -> GaussianBroja.withDefaults().decompose(c, 1, 1, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive definite");
        }
    }
}
