package org.distill4j.core.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

class ObjectiveTest {

    private static final long SEED = 7L;

    private static TeacherTargets targets(SplittableRandom rng) {
        INDArray logits = ObjectiveTermsTest.gaussian(rng, 1, 6, 3);
        INDArray p = Transforms.softmax(logits, true);
        return new TeacherTargets(p, ObjectiveTermsTest.gaussian(rng, 1, 6, 3, 2), new int[] {0, 1, 2, 2, 1, 0});
    }

    @Test
    void totalAndGradientsAreWeightedSums() {
        SplittableRandom rng = new SplittableRandom(SEED);
        TeacherTargets teacher = targets(rng);
        INDArray z = ObjectiveTermsTest.gaussian(rng, 1, 6, 3);
        INDArray j = ObjectiveTermsTest.gaussian(rng, 1, 6, 3, 2);
        StudentOutputs student = new StudentOutputs(z, j);
        ObjectiveTerm ce = SoftTargetCrossEntropy.atTemperature(2);
        ObjectiveTerm hard = HardLabelCrossEntropy.create();
        ObjectiveTerm dm = DerivativeMatching.onLogProbabilities();
        Objective objective = Objective.builder().term(ce, 0.7).term(hard, 0.3).term(dm, 0.25).build();

        ObjectiveValue v = objective.evaluate(student, teacher);

        TermValue a = ce.evaluate(student, teacher);
        TermValue b = hard.evaluate(student, teacher);
        TermValue c = dm.evaluate(student, teacher);
        assertThat(objective.needsJacobian()).isTrue();
        assertThat(v.termLosses()).containsExactly(java.util.Map.entry("soft_ce_T2", a.loss()),
                java.util.Map.entry("hard_ce", b.loss()), java.util.Map.entry("derivative_matching", c.loss()));
        assertThat(v.total()).isCloseTo(0.7 * a.loss() + 0.3 * b.loss() + 0.25 * c.loss(), within(1e-12));
        INDArray expectedLogit = a.logitGradient().mul(0.7).addi(b.logitGradient().mul(0.3));
        assertThat(v.logitGradient().sub(expectedLogit).amaxNumber().doubleValue()).isLessThan(1e-14);
        assertThat(v.jacobianGradient().sub(c.jacobianGradient().mul(0.25)).amaxNumber().doubleValue())
                .isLessThan(1e-14);
        assertThat(v.termLoss("hard_ce")).isEqualTo(b.loss());
        assertThat(v.termLoss("absent")).isNaN();
    }

    @Test
    void singleTermObjectiveHasNoJacobianGradient() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        TeacherTargets teacher = targets(rng);
        INDArray z = ObjectiveTermsTest.gaussian(rng, 1, 6, 3);
        Objective objective = Objective.of(SoftTargetKl.atTemperature(1));
        ObjectiveValue v = objective.evaluate(new StudentOutputs(z, null), teacher);
        assertThat(objective.needsJacobian()).isFalse();
        assertThat(objective.terms()).hasSize(1);
        assertThat(v.jacobianGradient()).isNull();
        assertThat(v.total()).isEqualTo(v.termLoss("soft_kl"));
    }

    @Test
    void builderValidates() {
        assertThatThrownBy(() -> Objective.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one term");
        assertThatThrownBy(() -> Objective.builder().term(HardLabelCrossEntropy.create(), -1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight of term hard_ce");
        assertThatThrownBy(() -> Objective.builder().term(HardLabelCrossEntropy.create(), Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> Objective.builder().term(SoftTargetKl.atTemperature(2), 1)
                .term(SoftTargetKl.atTemperature(2), 2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("soft_kl_T2 twice");
        assertThatThrownBy(() -> Objective.builder().term(null, 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("term #0");
    }

    @Test
    void evaluateRejectsMismatchedShapesAndMissingJacobians() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        TeacherTargets teacher = targets(rng);
        Objective objective = Objective.builder().term(SoftTargetCrossEntropy.atTemperature(1), 1)
                .term(DerivativeMatching.onLogProbabilities(), 1).build();
        StudentOutputs wrongRows = new StudentOutputs(ObjectiveTermsTest.gaussian(rng, 1, 4, 3), null);
        assertThatThrownBy(() -> objective.evaluate(wrongRows, teacher))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4, 3]")
                .hasMessageContaining("[6, 3]");
        INDArray nan = teacher.probabilities().dup();
        nan.putScalar(0, 0, Double.POSITIVE_INFINITY);
        Objective hardOnly = Objective.of(HardLabelCrossEntropy.create());
        assertThatThrownBy(() -> hardOnly.evaluate(new StudentOutputs(ObjectiveTermsTest.gaussian(rng, 1, 6, 3), null),
                new TeacherTargets(nan, null, teacher.labels())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teacher probabilities");
        StudentOutputs noJacobian = new StudentOutputs(ObjectiveTermsTest.gaussian(rng, 1, 6, 3), null);
        assertThatThrownBy(() -> objective.evaluate(noJacobian, teacher))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("student's log-probability Jacobian");
    }
}
