package org.distill4j.core.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class ObjectiveTermsTest {

    private static final long SEED = 20150101L;
    private static final int N = 5;
    private static final int K = 4;
    private static final int D = 3;

    static INDArray gaussian(SplittableRandom rng, double scale, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, scale * gaussian(rng));
        }
        return a;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    private static INDArray softmax(INDArray z) {
        INDArray e = Transforms.exp(z.subColumnVector(z.max(true, 1)), true);
        return e.diviColumnVector(e.sum(true, 1));
    }

    private static TeacherTargets targets(SplittableRandom rng) {
        return new TeacherTargets(softmax(gaussian(rng, 2, N, K)), gaussian(rng, 1, N, K, D),
                new int[] {0, 3, 1, 2, 3});
    }

    /** Central differences of {@code f} at {@code x} (DOUBLE), compared with {@code gradient}. */
    static void assertGradient(Function<INDArray, Double> f, INDArray x, INDArray gradient, String what) {
        double h = 1e-6;
        for (long i = 0; i < x.length(); i++) {
            INDArray plus = x.dup();
            plus.putScalar(i, x.getDouble(i) + h);
            INDArray minus = x.dup();
            minus.putScalar(i, x.getDouble(i) - h);
            double numeric = (f.apply(plus) - f.apply(minus)) / (2 * h);
            double analytic = gradient.getDouble(i);
            assertThat(analytic).as("%s, element %s (seed %s)", what, i, SEED)
                    .isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
        }
    }

    private static List<ObjectiveTerm> logitTerms() {
        return List.of(SoftTargetCrossEntropy.atTemperature(1), SoftTargetCrossEntropy.atTemperature(2.5),
                SoftTargetKl.atTemperature(1), SoftTargetKl.atTemperature(0.5), HardLabelCrossEntropy.create(),
                LogitSquaredError.create());
    }

    @Test
    void logitGradientsMatchCentralDifferences() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (ObjectiveTerm term : logitTerms()) {
            TeacherTargets teacher = targets(rng);
            INDArray z = gaussian(rng, 2, N, K);
            INDArray zCopy = z.dup();
            TermValue v = term.evaluate(new StudentOutputs(z, null), teacher);
            assertThat(z).as("logits untouched").isEqualTo(zCopy);
            assertThat(v.jacobianGradient()).isNull();
            assertThat(v.loss()).as(term.name()).isFinite().isGreaterThanOrEqualTo(0);
            assertGradient(x -> term.evaluate(new StudentOutputs(x, null), teacher).loss(), z, v.logitGradient(),
                    term.name());
        }
    }

    @Test
    void derivativeMatchingGradientMatchesCentralDifferences() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        TeacherTargets teacher = targets(rng);
        INDArray z = gaussian(rng, 1, N, K);
        INDArray js = gaussian(rng, 1, N, K, D);
        DerivativeMatching dm = DerivativeMatching.onLogProbabilities();
        TermValue v = dm.evaluate(new StudentOutputs(z, js), teacher);

        assertThat(dm.needsJacobian()).isTrue();
        assertThat(v.logitGradient().sumNumber().doubleValue()).isZero();
        double expected = 0.5 * Math.pow(js.sub(teacher.logProbabilityJacobian()).norm2Number().doubleValue(), 2)
                / (N * K);
        assertThat(v.loss()).isCloseTo(expected, within(1e-12));
        assertGradient(j -> dm.evaluate(new StudentOutputs(z, j), teacher).loss(), js, v.jacobianGradient(), "dm");
        assertThat(dm.evaluate(new StudentOutputs(z, teacher.logProbabilityJacobian().dup()), teacher).loss())
                .isZero();
    }

    @Test
    void klIsNonNegativeAndZeroOnlyAtEquality() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        for (double t : new double[] {0.5, 1, 3}) {
            SoftTargetKl kl = SoftTargetKl.atTemperature(t);
            for (int trial = 0; trial < 20; trial++) {
                TeacherTargets teacher = targets(rng);
                INDArray z = gaussian(rng, 3, N, K);
                assertThat(kl.evaluate(new StudentOutputs(z, null), teacher).loss())
                        .as("T=%s trial %s seed %s", t, trial, SEED + 2).isPositive();
                // Logits equal to the teacher's log-probabilities plus any per-row constant reproduce p exactly.
                INDArray same = Transforms.log(teacher.probabilities(), true).addiColumnVector(gaussian(rng, 5, N, 1));
                TermValue atEquality = kl.evaluate(new StudentOutputs(same, null), teacher);
                assertThat(atEquality.loss()).isCloseTo(0, within(1e-12));
                assertThat(atEquality.logitGradient().norm2Number().doubleValue()).isCloseTo(0, within(1e-12));
            }
        }
    }

    @Test
    void crossEntropyMinusKlIsTheScaledTeacherEntropy() {
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        TeacherTargets teacher = targets(rng);
        INDArray z = gaussian(rng, 2, N, K);
        double t = 2;
        double ce = SoftTargetCrossEntropy.atTemperature(t).evaluate(new StudentOutputs(z, null), teacher).loss();
        double kl = SoftTargetKl.atTemperature(t).evaluate(new StudentOutputs(z, null), teacher).loss();
        INDArray pT = softmax(Transforms.log(teacher.probabilities(), true).divi(t));
        double entropy = -pT.mul(Transforms.log(pT, true)).sumNumber().doubleValue() / N;
        assertThat(ce - kl).isCloseTo(t * t * entropy, within(1e-10));
    }

    @Test
    void temperatureScalesTheLossByTSquared() {
        SplittableRandom rng = new SplittableRandom(SEED + 4);
        TeacherTargets teacher = targets(rng);
        INDArray z = gaussian(rng, 2, N, K);
        double t = 3;
        INDArray pT = softmax(Transforms.log(teacher.probabilities(), true).divi(t));
        INDArray logQT = Transforms.log(softmax(z.div(t)), true);
        double unscaled = -pT.mul(logQT).sumNumber().doubleValue() / N;
        TermValue v = SoftTargetCrossEntropy.atTemperature(t).evaluate(new StudentOutputs(z, null), teacher);
        assertThat(v.loss()).isCloseTo(t * t * unscaled, within(1e-10));
        INDArray expectedGradient = softmax(z.div(t)).subi(pT).muli(t / N);
        assertThat(v.logitGradient().sub(expectedGradient).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @Test
    void namesEncodeTheTemperature() {
        assertThat(SoftTargetCrossEntropy.atTemperature(1).name()).isEqualTo("soft_ce");
        assertThat(SoftTargetCrossEntropy.atTemperature(2).name()).isEqualTo("soft_ce_T2");
        assertThat(SoftTargetCrossEntropy.atTemperature(0.5).name()).isEqualTo("soft_ce_T0.5");
        assertThat(SoftTargetKl.atTemperature(4).name()).isEqualTo("soft_kl_T4");
        assertThat(SoftTargetKl.atTemperature(2)).isEqualTo(SoftTargetKl.atTemperature(2))
                .isNotEqualTo(SoftTargetKl.atTemperature(3));
    }

    @Test
    void logitSquaredErrorIgnoresPerRowConstants() {
        SplittableRandom rng = new SplittableRandom(SEED + 5);
        TeacherTargets teacher = targets(rng);
        INDArray z = gaussian(rng, 2, N, K);
        INDArray shifted = z.addColumnVector(gaussian(rng, 10, N, 1));
        LogitSquaredError lse = LogitSquaredError.create();
        assertThat(lse.evaluate(new StudentOutputs(shifted, null), teacher).loss())
                .isCloseTo(lse.evaluate(new StudentOutputs(z, null), teacher).loss(), within(1e-10));
        INDArray logP = Transforms.log(teacher.probabilities(), true).addi(7);
        assertThat(lse.evaluate(new StudentOutputs(logP, null), teacher).loss()).isCloseTo(0, within(1e-20));
    }

    @Test
    void floatInputsGiveFloatGradients() {
        SplittableRandom rng = new SplittableRandom(SEED + 6);
        TeacherTargets teacher = targets(rng);
        INDArray z = gaussian(rng, 2, N, K).castTo(DataType.FLOAT);
        for (ObjectiveTerm term : logitTerms()) {
            TermValue v = term.evaluate(new StudentOutputs(z, null), teacher);
            assertThat(v.logitGradient().dataType()).as(term.name()).isEqualTo(DataType.FLOAT);
            double reference = term.evaluate(new StudentOutputs(z.castTo(DataType.DOUBLE), null), teacher).loss();
            assertThat(v.loss()).as(term.name()).isCloseTo(reference, within(1e-5 * (1 + reference)));
        }
    }

    @Test
    void zeroTeacherProbabilitiesStayFinite() {
        INDArray p = Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0.5, 0.5, 0}});
        INDArray z = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {0, 0, 0}});
        TeacherTargets teacher = TeacherTargets.of(p);
        for (ObjectiveTerm term : List.of(SoftTargetCrossEntropy.atTemperature(1), SoftTargetKl.atTemperature(1),
                SoftTargetKl.atTemperature(2), LogitSquaredError.create())) {
            TermValue v = term.evaluate(new StudentOutputs(z, null), teacher);
            assertThat(v.loss()).as(term.name()).isFinite();
            assertThat(Double.isFinite(v.logitGradient().sumNumber().doubleValue())).as(term.name()).isTrue();
        }
    }

    @Test
    void rejectsBadInputs() {
        SplittableRandom rng = new SplittableRandom(SEED + 7);
        TeacherTargets teacher = targets(rng);
        StudentOutputs wrongK = new StudentOutputs(gaussian(rng, 1, N, K + 1), null);
        for (ObjectiveTerm term : logitTerms()) {
            assertThatThrownBy(() -> term.evaluate(wrongK, teacher)).as(term.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[5, 5]")
                    .hasMessageContaining("[5, 4]");
        }
        INDArray nanP = teacher.probabilities().dup();
        nanP.putScalar(1, 2, Double.NaN);
        StudentOutputs ok = new StudentOutputs(gaussian(rng, 1, N, K), null);
        for (ObjectiveTerm term : List.of(SoftTargetCrossEntropy.atTemperature(2), SoftTargetKl.atTemperature(1),
                LogitSquaredError.create())) {
            assertThatThrownBy(() -> term.evaluate(ok, TeacherTargets.of(nanP))).as(term.name())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teacher probabilities");
        }
        assertThatThrownBy(() -> HardLabelCrossEntropy.create().evaluate(ok, TeacherTargets.of(nanP)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels");
        TeacherTargets badLabel = new TeacherTargets(teacher.probabilities(), null, new int[] {0, 1, 2, 3, 4});
        assertThatThrownBy(() -> HardLabelCrossEntropy.create().evaluate(ok, badLabel))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels must be in [0, 4)");
        for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> SoftTargetCrossEntropy.atTemperature(t))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
            assertThatThrownBy(() -> SoftTargetKl.atTemperature(t))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
        }
    }

    @Test
    void derivativeMatchingRejectsMissingOrMismatchedJacobians() {
        SplittableRandom rng = new SplittableRandom(SEED + 8);
        TeacherTargets teacher = targets(rng);
        INDArray z = gaussian(rng, 1, N, K);
        DerivativeMatching dm = DerivativeMatching.onLogProbabilities();
        assertThatThrownBy(() -> dm.evaluate(new StudentOutputs(z, null), teacher))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("student's log-probability Jacobian");
        assertThatThrownBy(() -> dm.evaluate(new StudentOutputs(z, gaussian(rng, 1, N, K, D)),
                TeacherTargets.of(teacher.probabilities())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("teacher's log-probability Jacobian");
        assertThatThrownBy(() -> dm.evaluate(new StudentOutputs(z, gaussian(rng, 1, N, K, D + 2)), teacher))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[5, 4, 5]")
                .hasMessageContaining("[5, 4, 3]");
        INDArray nanJ = teacher.logProbabilityJacobian().dup();
        nanJ.putScalar(new long[] {0, 0, 0}, Double.NaN);
        assertThatThrownBy(() -> dm.evaluate(new StudentOutputs(z, gaussian(rng, 1, N, K, D)),
                new TeacherTargets(teacher.probabilities(), nanJ, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teacher Jacobian");
    }
}
