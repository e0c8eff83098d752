package org.distill4j.core.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KnowledgeEstimatorTest {

    private static final long SEED = 2411L;
    private static final int N = 600;

    /** Class-dependent blobs: informative representations of 3 classes in 6 dimensions. */
    private static INDArray informative(int[] labels, double noise, SplittableRandom rng) {
        double[][] x = new double[labels.length][6];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < 6; j++) {
                x[i][j] = (j % 3 == labels[i] ? 3 : 0) + noise * rng.nextGaussian() + 1;
            }
        }
        return Nd4j.create(x).castTo(DataType.FLOAT);
    }

    private static INDArray noise(int n, SplittableRandom rng) {
        double[][] x = new double[n][4];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = rng.nextGaussian();
            }
        }
        return Nd4j.create(x).castTo(DataType.FLOAT);
    }

    private static int[] labels(SplittableRandom rng) {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = rng.nextInt(3);
        }
        return y;
    }

    @Test
    void informedTeacherHasDistillableKnowledgeForAnUninformedStudent() {
        SplittableRandom rng = new SplittableRandom(SEED);
        int[] y = labels(rng);
        INDArray teacher = informative(y, 0.3, rng);
        INDArray student = noise(N, rng);
        INDArray teacherBefore = teacher.dup();
        KnowledgeEstimate e = KnowledgeEstimator.builder().clusters(6).replicates(20).seed(7).build()
                .estimate(teacher, student, y);
        // T determines Y (log2 3 bits), S is noise: nearly all of it is distillable
        double log3 = Math.log(3) / Math.log(2);
        assertThat(e.distillable()).isGreaterThan(0.8 * log3);
        assertThat(e.distilled()).isLessThan(0.1);
        assertThat(e.distillableInterval().lower()).isLessThanOrEqualTo(e.distillableInterval().upper());
        assertThat(e.distillableInterval().lower()).isGreaterThan(0.7 * log3);
        assertThat(e.distillableInterval().level()).isEqualTo(0.95);
        assertThat(e.atoms().total()).isLessThanOrEqualTo(log3 + 1e-9);
        assertThat(e.samples()).isEqualTo(N);
        assertThat(teacher).isEqualTo(teacherBefore);
    }

    @Test
    void studentThatLearntTheTeacherHasDistilledIt() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        int[] y = labels(rng);
        INDArray teacher = informative(y, 0.3, rng);
        INDArray student = teacher.add(Nd4j.randn(new SplittableRandom(3).nextLong(), new long[] {N, 6})
                .castTo(DataType.FLOAT).muli(0.05));
        KnowledgeEstimate e = KnowledgeEstimator.builder().clusters(6).replicates(10).seed(7).build()
                .estimate(teacher, student, y);
        assertThat(e.distilled()).isGreaterThan(1.2);
        assertThat(e.distillable()).isLessThan(0.2);
        assertThat(e.distilledInterval().upper() - e.distilledInterval().lower()).isLessThan(0.3);
    }

    @Test
    void gaussianRouteAgreesQualitatively() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = rng.nextInt(2); // two classes: a scalar target, MMI is exact for Gaussians
        }
        INDArray teacher = informative(y, 0.5, rng);
        INDArray student = noise(N, rng);
        KnowledgeEstimator gaussian = KnowledgeEstimator.builder().route(KnowledgeEstimator.Route.GAUSSIAN)
                .replicates(30).seed(9).build();
        KnowledgeEstimate e = gaussian.estimate(teacher, student, y);
        assertThat(e.route()).isEqualTo(KnowledgeEstimator.Route.GAUSSIAN);
        assertThat(e.distillable()).isGreaterThan(0.5);
        assertThat(e.distilled()).isLessThan(0.05);
        assertThat(e.distillableInterval().lower()).isGreaterThan(0.3);
        KnowledgeEstimate same = gaussian.estimate(teacher, teacher, y);
        assertThat(same.distillable()).isLessThan(1e-6);
        assertThat(same.distilled()).isGreaterThan(0.5);
    }

    @Test
    void sameSeedSameEstimateAndSeedIsRecorded() {
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        int[] y = labels(rng);
        INDArray teacher = informative(y, 1.0, rng);
        INDArray student = informative(y, 2.0, rng);
        KnowledgeEstimator estimator = KnowledgeEstimator.builder().clusters(4).replicates(10).seed(5).build();
        KnowledgeEstimate a = estimator.estimate(teacher, student, y);
        KnowledgeEstimate b = estimator.estimate(teacher, student, y);
        assertThat(a).isEqualTo(b);
        assertThat(a.seed()).isEqualTo(5);
        assertThat(a.replicates()).isEqualTo(10);
    }

    @Test
    void constantLabelsGiveZero() {
        SplittableRandom rng = new SplittableRandom(SEED + 4);
        int[] y = new int[50];
        for (KnowledgeEstimator.Route route : KnowledgeEstimator.Route.values()) {
            KnowledgeEstimate e = KnowledgeEstimator.builder().route(route).clusters(3).replicates(3).build()
                    .estimate(noise(50, rng), noise(50, rng), y);
            assertThat(e.distillable()).as(route.name()).isEqualTo(0.0);
            assertThat(e.distilled()).as(route.name()).isEqualTo(0.0);
        }
    }

    @Test
    void rejectsBadInput() {
        SplittableRandom rng = new SplittableRandom(SEED + 5);
        KnowledgeEstimator estimator = KnowledgeEstimator.builder().clusters(10).replicates(0).build();
        assertThatThrownBy(() -> estimator.estimate(noise(5, rng), noise(5, rng), new int[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clusters=10")
                .hasMessageContaining("got 5");
        assertThatThrownBy(() -> estimator.estimate(noise(20, rng), noise(19, rng), new int[20]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[20, 4]")
                .hasMessageContaining("[19, 4]");
        INDArray bad = noise(20, rng);
        bad.putScalar(7, 2, Double.NaN);
        assertThatThrownBy(() -> estimator.estimate(noise(20, rng), bad, new int[20]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("student must be finite")
                .hasMessageContaining("row 7");
        assertThatThrownBy(() -> estimator.estimate(Nd4j.zeros(DataType.FLOAT, 20), noise(20, rng), new int[20]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teacher must be [n, dT]");
        assertThatThrownBy(() -> KnowledgeEstimator.builder().clusters(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clusters");
        assertThatThrownBy(() -> KnowledgeEstimator.builder().confidence(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence");
    }

    @Test
    void quantileInterpolates() {
        double[] sorted = {0, 1, 2, 3, 4};
        assertThat(KnowledgeEstimator.quantile(sorted, 0.5)).isEqualTo(2);
        assertThat(KnowledgeEstimator.quantile(sorted, 0.125)).isEqualTo(0.5);
        assertThat(KnowledgeEstimator.quantile(sorted, 1)).isEqualTo(4);
    }
}
