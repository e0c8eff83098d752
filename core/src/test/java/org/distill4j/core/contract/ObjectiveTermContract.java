package org.distill4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.distill4j.core.contract.ContractAssertions.assertClose;
import static org.distill4j.core.contract.ContractAssertions.assertUnchanged;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.distill4j.core.objective.ObjectiveTerm;
import org.distill4j.core.objective.StudentOutputs;
import org.distill4j.core.objective.TeacherTargets;
import org.distill4j.core.objective.TermValue;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What every {@link ObjectiveTerm} must do: a non-empty name; a finite, non-negative value on valid inputs that is
 * the mean of its rows' values; gradients with respect to the logits (and the Jacobian, for terms that need it)
 * that agree with float64 central differences; inputs left exactly as they were; mismatched shapes and missing
 * Jacobians rejected with an {@link IllegalArgumentException}; teacher targets with all mass on one class (exact
 * zeros) give a finite value and gradients, in DOUBLE and FLOAT.
 *
 * <p>The batches are DOUBLE, {@code [3, 4]} logits (and {@code [3, 4, 5]} Jacobians), with teacher probabilities,
 * Jacobians and hard labels all present, so terms may use any of them.
 */
public abstract class ObjectiveTermContract {

    /** The seed of the generated batches. */
    protected static final long SEED = 0x5EEDL;

    /** The term under test. */
    protected abstract ObjectiveTerm newTerm();

    private static final int N = 3;
    private static final int K = 4;
    private static final int D = 5;
    private static final double STEP = 1e-6;

    private StudentOutputs student(long seed) {
        INDArray logits = ContractInputs.gaussian(N, K, seed, DataType.DOUBLE);
        INDArray jacobian = newTerm().needsJacobian()
                ? ContractInputs.gaussian(N * K, D, seed + 1, DataType.DOUBLE).reshape(N, K, D) : null;
        return new StudentOutputs(logits, jacobian);
    }

    private TeacherTargets teacher(long seed) {
        return teacher(seed, N, K, D);
    }

    private TeacherTargets teacher(long seed, int n, int k, int d) {
        INDArray p = ContractInputs.probabilities(n, k, seed);
        INDArray jacobian = newTerm().needsJacobian()
                ? ContractInputs.gaussian(n * k, d, seed + 2, DataType.DOUBLE).reshape(n, k, d) : null;
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(k);
        }
        return new TeacherTargets(p, jacobian, labels);
    }

    @Test
    void hasAName() {
        assertThat(newTerm().name()).isNotBlank();
    }

    @Test
    void valueIsFiniteAndNonNegative() {
        ObjectiveTerm term = newTerm();
        for (long s = 0; s < 5; s++) {
            TermValue v = term.evaluate(student(SEED + s), teacher(SEED + 10 + s));
            assertThat(v.loss()).as("loss, seed %s", SEED + s).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(v.logitGradient().shape()).as("logit gradient shape").containsExactly(N, K);
            assertThat(ContractAssertions.allFinite(v.logitGradient())).as("logit gradient is finite").isTrue();
            if (term.needsJacobian()) {
                assertThat(v.jacobianGradient()).as("a Jacobian term's Jacobian gradient").isNotNull();
                assertThat(ContractAssertions.allFinite(v.jacobianGradient())).as("Jacobian gradient finite").isTrue();
            }
        }
    }

    @Test
    void aConfidentStudentGivesAFiniteValueInFloat() {
        // logit gaps of 1000: a naive log(softmax) underflows to -inf and 0 * -inf makes NaN
        ObjectiveTerm term = newTerm();
        StudentOutputs s = student(SEED);
        INDArray confident = s.logits().mul(1000).castTo(DataType.FLOAT);
        INDArray jacobian = s.logProbabilityJacobian() == null ? null
                : s.logProbabilityJacobian().castTo(DataType.FLOAT);
        TeacherTargets t = teacher(SEED + 10);
        TeacherTargets floatTargets = new TeacherTargets(t.probabilities().castTo(DataType.FLOAT),
                t.logProbabilityJacobian() == null ? null : t.logProbabilityJacobian().castTo(DataType.FLOAT),
                t.labels());
        TermValue v = term.evaluate(new StudentOutputs(confident, jacobian), floatTargets);
        assertThat(v.loss()).as("loss of a confident student").isFinite();
        assertThat(ContractAssertions.allFinite(v.logitGradient())).as("its logit gradient is finite").isTrue();
    }

    @Test
    void oneClassTargetsGiveAFiniteValueAndGradient() {
        // a teacher putting all mass on one class: exact zeros, where 0 * log 0 must count as 0, not NaN
        ObjectiveTerm term = newTerm();
        TeacherTargets t = teacher(SEED + 10);
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, N, K);
        oneHot.getColumn(0).assign(1);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            StudentOutputs s = student(SEED);
            TeacherTargets oneClass = new TeacherTargets(oneHot.castTo(type), t.logProbabilityJacobian() == null
                    ? null : t.logProbabilityJacobian().castTo(type), new int[N]);
            TermValue v = term.evaluate(new StudentOutputs(s.logits().castTo(type),
                    s.logProbabilityJacobian() == null ? null : s.logProbabilityJacobian().castTo(type)), oneClass);
            assertThat(v.loss()).as("loss on one-class targets in %s", type).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(ContractAssertions.allFinite(v.logitGradient())).as("logit gradient on one-class targets "
                    + "in %s is finite", type).isTrue();
            if (v.jacobianGradient() != null) {
                assertThat(ContractAssertions.allFinite(v.jacobianGradient())).as("Jacobian gradient on one-class "
                        + "targets in %s is finite", type).isTrue();
            }
        }
    }

    @Test
    void valueIsTheMeanOfItsRowsValues() {
        ObjectiveTerm term = newTerm();
        StudentOutputs s = student(SEED);
        TeacherTargets t = teacher(SEED + 10);
        TermValue batch = term.evaluate(s, t);
        double sum = 0;
        for (int r = 0; r < N; r++) {
            TermValue row = term.evaluate(new StudentOutputs(s.logits().getRows(r),
                    s.logProbabilityJacobian() == null ? null : rowOf(s.logProbabilityJacobian(), r)),
                    new TeacherTargets(t.probabilities().getRows(r),
                            t.logProbabilityJacobian() == null ? null : rowOf(t.logProbabilityJacobian(), r),
                            new int[] {t.labels()[r]}));
            sum += row.loss();
            assertClose(batch.logitGradient().castTo(DataType.DOUBLE).getRows(r).mul(N),
                    row.logitGradient().castTo(DataType.DOUBLE), 1e-9 * Math.max(1, Math.abs(row.loss())),
                    "N times the batch gradient of row %s vs the gradient of the row alone", r);
        }
        assertThat(batch.loss()).as("batch loss vs the mean of the rows' losses (seed %s)", SEED)
                .isCloseTo(sum / N, within(1e-10 * Math.max(1, Math.abs(batch.loss()))));
    }

    @Test
    void logitGradientAgreesWithCentralDifferences() {
        ObjectiveTerm term = newTerm();
        StudentOutputs s = student(SEED);
        TeacherTargets t = teacher(SEED + 10);
        INDArray g = term.evaluate(s, t).logitGradient().castTo(DataType.DOUBLE);
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < K; c++) {
                INDArray plus = s.logits().dup();
                INDArray minus = s.logits().dup();
                plus.putScalar(r, c, plus.getDouble(r, c) + STEP);
                minus.putScalar(r, c, minus.getDouble(r, c) - STEP);
                double numeric = (term.evaluate(new StudentOutputs(plus, s.logProbabilityJacobian()), t).loss()
                        - term.evaluate(new StudentOutputs(minus, s.logProbabilityJacobian()), t).loss())
                        / (2 * STEP);
                assertThat(g.getDouble(r, c)).as("dL/dz[%s,%s] (seed %s)", r, c, SEED)
                        .isCloseTo(numeric, within(1e-6 + 1e-5 * Math.abs(numeric)));
            }
        }
    }

    @Test
    void jacobianGradientAgreesWithCentralDifferences() {
        ObjectiveTerm term = newTerm();
        assumeTrue(term.needsJacobian(), "the term does not depend on the Jacobian");
        StudentOutputs s = student(SEED);
        TeacherTargets t = teacher(SEED + 10);
        INDArray g = term.evaluate(s, t).jacobianGradient().castTo(DataType.DOUBLE);
        assertThat(g.shape()).containsExactly(N, K, D);
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < K; c++) {
                for (int j = 0; j < D; j += 2) {
                    INDArray plus = s.logProbabilityJacobian().dup();
                    INDArray minus = s.logProbabilityJacobian().dup();
                    plus.putScalar(new int[] {r, c, j}, plus.getDouble(r, c, j) + STEP);
                    minus.putScalar(new int[] {r, c, j}, minus.getDouble(r, c, j) - STEP);
                    double numeric = (term.evaluate(new StudentOutputs(s.logits(), plus), t).loss()
                            - term.evaluate(new StudentOutputs(s.logits(), minus), t).loss()) / (2 * STEP);
                    assertThat(g.getDouble(r, c, j)).as("dL/dJ[%s,%s,%s] (seed %s)", r, c, j, SEED)
                            .isCloseTo(numeric, within(1e-6 + 1e-5 * Math.abs(numeric)));
                }
            }
        }
    }

    @Test
    void leavesItsInputsAsTheyWere() {
        ObjectiveTerm term = newTerm();
        StudentOutputs s = student(SEED);
        TeacherTargets t = teacher(SEED + 10);
        INDArray logits = s.logits().dup();
        INDArray probabilities = t.probabilities().dup();
        INDArray studentJacobian = s.jacobian().map(INDArray::dup).orElse(null);
        INDArray teacherJacobian = t.jacobian().map(INDArray::dup).orElse(null);
        int[] labels = t.labels().clone();
        term.evaluate(s, t);
        assertUnchanged(s.logits(), logits, "student logits");
        assertUnchanged(t.probabilities(), probabilities, "teacher probabilities");
        if (studentJacobian != null) {
            assertUnchanged(s.logProbabilityJacobian(), studentJacobian, "student Jacobian");
            assertUnchanged(t.logProbabilityJacobian(), teacherJacobian, "teacher Jacobian");
        }
        assertThat(t.labels()).as("labels").containsExactly(labels);
    }

    @Test
    void rejectsMismatchedShapes() {
        ObjectiveTerm term = newTerm();
        StudentOutputs s = student(SEED);
        assertThatThrownBy(() -> term.evaluate(s, teacher(SEED, N + 1, K, D))).as("teacher with one more row")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> term.evaluate(s, teacher(SEED, N, K + 1, D))).as("teacher with one more class")
                .isInstanceOf(IllegalArgumentException.class);
        if (term.needsJacobian()) {
            assertThatThrownBy(() -> term.evaluate(s, teacher(SEED, N, K, D + 1)))
                    .as("teacher Jacobian with one more input").isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aJacobianTermRejectsMissingJacobians() {
        ObjectiveTerm term = newTerm();
        assumeTrue(term.needsJacobian(), "the term does not depend on the Jacobian");
        StudentOutputs s = student(SEED);
        TeacherTargets t = teacher(SEED + 10);
        assertThatThrownBy(() -> term.evaluate(new StudentOutputs(s.logits(), null), t))
                .as("student without a Jacobian").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> term.evaluate(s, new TeacherTargets(t.probabilities(), null, t.labels())))
                .as("teacher without a Jacobian").isInstanceOf(IllegalArgumentException.class);
    }

    /** Row {@code r} of an {@code [n, K, d]} array as {@code [1, K, d]}. */
    private static INDArray rowOf(INDArray jacobian, int r) {
        return jacobian.slice(r).dup().reshape(1, jacobian.size(1), jacobian.size(2));
    }
}
