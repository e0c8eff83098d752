package org.distill4j.core.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FidelityTest {

    private static final long SEED = 20240314L;

    private static INDArray randomProbabilities(SplittableRandom rng, int n, int k, DataType type) {
        double[][] rows = new double[n][k];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                // occasional exact zeros exercise 0 log 0 and the floor
                rows[i][j] = rng.nextInt(10) == 0 ? 0 : -Math.log(rng.nextDouble());
                sum += rows[i][j];
            }
            if (sum == 0) {
                rows[i][0] = sum = 1;
            }
            for (int j = 0; j < k; j++) {
                rows[i][j] /= sum;
            }
        }
        return Nd4j.createFromArray(rows).castTo(type);
    }

    @Test
    void identicalDistributionsAgreePerfectly() {
        INDArray p = randomProbabilities(new SplittableRandom(SEED), 50, 7, DataType.DOUBLE);
        Fidelity f = Fidelity.between(p, p.dup());
        assertThat(f.sampleCount()).isEqualTo(50);
        assertThat(f.top1Agreement()).isEqualTo(1);
        assertThat(f.klTeacherStudent()).isCloseTo(0, within(1e-15));
        assertThat(f.totalVariation()).isZero();
        assertThat(f.meanLogProbOfTeacherLabels()).isLessThan(0);
    }

    @Test
    void handComputedExample() {
        INDArray teacher = Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {0.9, 0.1}});
        INDArray student = Nd4j.createFromArray(new double[][] {{0.25, 0.75}, {0.9, 0.1}});
        Fidelity f = Fidelity.between(teacher, student);
        // Row 0: teacher argmax 0 (tie goes to the first), student argmax 1: disagree. Row 1 agrees.
        assertThat(f.top1Agreement()).isEqualTo(0.5);
        // KL row 0 = 0.5 ln 2 + 0.5 ln(2/3); row 1 = 0.
        assertThat(f.klTeacherStudent()).isCloseTo((0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3)) / 2, within(1e-15));
        // TV row 0 = 0.5 (0.25 + 0.25) = 0.25; row 1 = 0.
        assertThat(f.totalVariation()).isCloseTo(0.125, within(1e-15));
        assertThat(f.meanLogProbOfTeacherLabels()).isCloseTo((Math.log(0.25) + Math.log(0.9)) / 2, within(1e-15));
    }

    @Test
    void zeroStudentProbabilityIsFlooredNotInfinite() {
        INDArray teacher = Nd4j.createFromArray(new double[][] {{1, 0}});
        INDArray student = Nd4j.createFromArray(new double[][] {{0, 1}});
        Fidelity f = Fidelity.between(teacher, student);
        assertThat(f.klTeacherStudent()).isCloseTo(-Math.log(Fidelity.PROBABILITY_FLOOR), within(1e-9));
        assertThat(f.meanLogProbOfTeacherLabels()).isCloseTo(Math.log(Fidelity.PROBABILITY_FLOOR), within(1e-9));
        assertThat(f.totalVariation()).isEqualTo(1);
        assertThat(f.top1Agreement()).isZero();
    }

    @Test
    void klIsNonNegativeAndTvBoundedOnRandomInputs() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rng.nextInt(20);
            int k = 1 + rng.nextInt(12);
            DataType type = trial % 2 == 0 ? DataType.FLOAT : DataType.DOUBLE;
            Fidelity f = Fidelity.between(randomProbabilities(rng, n, k, type), randomProbabilities(rng, n, k, type));
            assertThat(f.klTeacherStudent()).as("seed %s trial %s", SEED, trial).isGreaterThanOrEqualTo(0);
            assertThat(f.totalVariation()).as("seed %s trial %s", SEED, trial).isBetween(0.0, 1.0 + 1e-6);
            assertThat(f.top1Agreement()).as("seed %s trial %s", SEED, trial).isBetween(0.0, 1.0);
            // Pinsker: TV <= sqrt(KL / 2) holds per row, hence for the means by Jensen.
            assertThat(f.totalVariation()).as("seed %s trial %s", SEED, trial)
                    .isLessThanOrEqualTo(Math.sqrt(f.klTeacherStudent() / 2) + 1e-6);
        }
    }

    @Test
    void rowOrderDoesNotMatter() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        INDArray p = randomProbabilities(rng, 30, 5, DataType.DOUBLE);
        INDArray q = randomProbabilities(rng, 30, 5, DataType.DOUBLE);
        int[] permutation = new int[30];
        for (int i = 0; i < 30; i++) {
            permutation[i] = (i * 7 + 3) % 30;
        }
        Fidelity f = Fidelity.between(p, q);
        Fidelity g = Fidelity.between(p.getRows(permutation), q.getRows(permutation));
        assertThat(g.top1Agreement()).isEqualTo(f.top1Agreement());
        assertThat(g.klTeacherStudent()).isCloseTo(f.klTeacherStudent(), within(1e-12));
        assertThat(g.totalVariation()).isCloseTo(f.totalVariation(), within(1e-12));
        assertThat(g.meanLogProbOfTeacherLabels()).isCloseTo(f.meanLogProbOfTeacherLabels(), within(1e-12));
    }

    @Test
    void doesNotModifyArgumentsAndAcceptsViews() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        INDArray p = randomProbabilities(rng, 10, 4, DataType.FLOAT);
        INDArray q = randomProbabilities(rng, 10, 4, DataType.FLOAT);
        INDArray pBefore = p.dup();
        INDArray qBefore = q.dup();
        Fidelity all = Fidelity.between(p, q);
        assertThat(p).isEqualTo(pBefore);
        assertThat(q).isEqualTo(qBefore);
        // Transposed views of transposed copies: strided, not C-ordered.
        Fidelity viewed = Fidelity.between(p.transpose().dup().transpose(), q.transpose().dup().transpose());
        assertThat(viewed.klTeacherStudent()).isCloseTo(all.klTeacherStudent(), within(1e-12));
    }

    @Test
    void rejectsBadShapesAndValues() {
        INDArray a = Nd4j.createFromArray(new double[][] {{0.5, 0.5}});
        INDArray b = Nd4j.createFromArray(new double[][] {{0.2, 0.3, 0.5}});
        assertThatThrownBy(() -> Fidelity.between(a, b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 2]").hasMessageContaining("[1, 3]");
        assertThatThrownBy(() -> Fidelity.between(Nd4j.createFromArray(0.5, 0.5), Nd4j.createFromArray(0.5, 0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n, K]");
        INDArray nan = Nd4j.createFromArray(new double[][] {{Double.NaN, 0.5}});
        assertThatThrownBy(() -> Fidelity.between(a, nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("studentProbabilities");
        INDArray unnormalised = Nd4j.createFromArray(new double[][] {{0.7, 0.7}});
        assertThatThrownBy(() -> Fidelity.between(unnormalised, a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("teacherProbabilities rows must sum to 1");
        assertThatThrownBy(() -> Fidelity.between(null, a)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("teacherProbabilities");
    }
}
