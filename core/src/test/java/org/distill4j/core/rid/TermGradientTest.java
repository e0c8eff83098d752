package org.distill4j.core.rid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link VidTerm} and {@link RidTerm}: gradients against float64 central differences, values, bad inputs. */
class TermGradientTest {

    private static final long SEED = 1904L;

    private static INDArray gaussian(int rows, int cols, SplittableRandom rng) {
        double[][] v = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                v[i][j] = rng.nextGaussian();
            }
        }
        return Nd4j.create(v).castTo(DataType.DOUBLE);
    }

    /** Central differences of f at x (modified and restored), compared with the analytic gradient. */
    private static void checkGradient(INDArray x, INDArray analytic, ToDoubleFunction<INDArray> f, String what) {
        INDArray flat = x.reshape('c', 1, x.length());
        INDArray g = analytic.reshape('c', 1, analytic.length());
        double h = 1e-6;
        for (int i = 0; i < x.length(); i++) {
            double orig = flat.getDouble(0, i);
            flat.putScalar(0, i, orig + h);
            double up = f.applyAsDouble(x);
            flat.putScalar(0, i, orig - h);
            double down = f.applyAsDouble(x);
            flat.putScalar(0, i, orig);
            double numeric = (up - down) / (2 * h);
            assertThat(g.getDouble(0, i)).as("%s[%s] (seed %s)", what, i, SEED)
                    .isCloseTo(numeric, within(1e-6 + 1e-5 * Math.abs(numeric)));
        }
    }

    @Test
    void vidGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(SEED);
        VidTerm term = VidTerm.of(3, 4);
        INDArray s = gaussian(5, 3, rng);
        INDArray t = gaussian(5, 4, rng);
        INDArray p = term.initialParameters(2, DataType.DOUBLE);
        p.muli(0.3); // α near 1.5 so the variance gradient is not flat
        RepresentationTermValue v = term.evaluate(s, t, p);
        checkGradient(s, v.studentGradient(), x -> term.evaluate(x, t, p).loss(), "dS");
        checkGradient(p, v.parameterGradient(), x -> term.evaluate(s, t, x).loss(), "dParams");
        assertThat(v.parameterGradient().shape()).containsExactly(1, term.parameterCount());
    }

    @Test
    void vidLossIsTheGaussianNegativeLogLikelihoodUpToAConstant() {
        VidTerm term = VidTerm.of(1, 1);
        // W = 2, b = 0, α with softplus(α) + 1e-3 = 0.5
        double alpha = FlatParameters.inverseSoftplusFloor(0.5);
        INDArray p = Nd4j.create(new double[] {2, 0, alpha}, new long[] {1, 3}, DataType.DOUBLE);
        INDArray s = Nd4j.create(new double[][] {{1}, {0}});
        INDArray t = Nd4j.create(new double[][] {{3}, {-1}});
        // residuals 1 and -1: ½ (log 0.5 + 1/0.5) per row
        assertThat(term.evaluate(s, t, p).loss()).isCloseTo(0.5 * (Math.log(0.5) + 2), within(1e-12));
        assertThat(term.variances(p).getDouble(0, 0)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void ridStudentPhaseGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        RidTerm term = RidTerm.of(3, 5, 2, 3);
        INDArray s = gaussian(6, 3, rng);
        INDArray t = gaussian(6, 5, rng);
        INDArray p = term.initialStudentParameters(3, DataType.DOUBLE);
        INDArray q = term.initialTeacherParameters(4, DataType.DOUBLE);
        RepresentationTermValue v = term.studentPhase(s, t, p, q);
        checkGradient(s, v.studentGradient(), x -> term.studentPhase(x, t, p, q).loss(), "dS");
        checkGradient(p, v.parameterGradient(), x -> term.studentPhase(s, t, x, q).loss(), "dStudentParams");
    }

    @Test
    void ridTeacherPhaseGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        RidTerm term = RidTerm.of(3, 5, 2, 3);
        INDArray s = gaussian(6, 3, rng);
        INDArray t = gaussian(6, 5, rng);
        int[] y = {0, 1, 2, 2, 1, 0};
        INDArray p = term.initialStudentParameters(3, DataType.DOUBLE);
        INDArray q = term.initialTeacherParameters(4, DataType.DOUBLE);
        RidTerm.TeacherPhaseValue v = term.teacherPhase(s, t, y, p, q, 0.7);
        checkGradient(q, v.teacherGradient(), x -> term.teacherPhase(s, t, y, p, x, 0.7).loss(), "dTeacherParams");
        assertThat(v.loss()).isCloseTo(v.headCrossEntropy() + 0.7 * v.matching(), within(1e-12));
        assertThat(v.matching()).isCloseTo(term.studentPhase(s, t, p, q).loss(), within(1e-12));
    }

    @Test
    void ridMatchingHasTheStatedValueAndOptimalScale() {
        RidTerm term = RidTerm.of(1, 1, 1, 2);
        // f_s = s, f_t = 0·t: d = s; σ = 1
        INDArray p = Nd4j.create(new double[] {1, 0, FlatParameters.inverseSoftplusFloor(1.0)}, new long[] {1, 3},
                DataType.DOUBLE);
        INDArray q = Nd4j.create(new double[] {0, 0, 1, -1, 0, 0}, new long[] {1, 6}, DataType.DOUBLE);
        INDArray s = Nd4j.create(new double[][] {{2}, {0}});
        INDArray t = Nd4j.create(new double[][] {{5}, {7}});
        // mean of σ² + d²/σ = (1 + 4) and (1 + 0) → 3
        assertThat(term.studentPhase(s, t, p, q).loss()).isCloseTo(3.0, within(1e-12));
        // at σ³ = m/2 (m = mean d² = 2, σ = 1) the scale gradient vanishes
        assertThat(term.studentPhase(s, t, p, q).parameterGradient().getDouble(0, 2)).isCloseTo(0, within(1e-12));
        assertThat(term.scales(p).getDouble(0, 0)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void rejectsBadInputs() {
        VidTerm vid = VidTerm.of(3, 4);
        INDArray p = vid.initialParameters(1, DataType.DOUBLE);
        INDArray s = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        assertThatThrownBy(() -> VidTerm.of(0, 4)).hasMessageContaining("studentWidth must be >= 1, got 0");
        assertThatThrownBy(() -> vid.evaluate(s, Nd4j.zeros(DataType.DOUBLE, 2, 5), p))
                .hasMessageContaining("teacher must be [n, 4]").hasMessageContaining("[2, 5]");
        assertThatThrownBy(() -> vid.evaluate(s, Nd4j.zeros(DataType.DOUBLE, 3, 4), p))
                .hasMessageContaining("same number of rows").hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> vid.evaluate(s, Nd4j.zeros(DataType.FLOAT, 2, 4), p))
                .hasMessageContaining("mixed dtypes");
        assertThatThrownBy(() -> vid.evaluate(s, Nd4j.zeros(DataType.DOUBLE, 2, 4), p.castTo(DataType.FLOAT)))
                .hasMessageContaining("mixed dtypes");
        RidTerm rid = RidTerm.of(3, 4, 2, 3);
        INDArray rp = rid.initialStudentParameters(1, DataType.DOUBLE);
        INDArray rq = rid.initialTeacherParameters(1, DataType.DOUBLE);
        INDArray t = Nd4j.zeros(DataType.DOUBLE, 2, 4);
        assertThatThrownBy(() -> rid.teacherPhase(s, t, new int[] {0, 3}, rp, rq, 1.0))
                .hasMessageContaining("labels[1] must be in [0, 3), got 3");
        assertThatThrownBy(() -> rid.teacherPhase(s, t, new int[] {0}, rp, rq, 1.0))
                .hasMessageContaining("labels has 1 entries");
        assertThatThrownBy(() -> rid.teacherPhase(s, t, new int[] {0, 1}, rp, rq, -1.0))
                .hasMessageContaining("matchingWeight");
        assertThatThrownBy(() -> rid.studentPhase(s, t, rq, rq)).hasMessageContaining("studentParameters must be");
        assertThatThrownBy(() -> RidTerm.of(3, 4, 2, 1)).hasMessageContaining("classes must be >= 2");
    }
}
