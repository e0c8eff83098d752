package org.distill4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.distill4j.core.objective.ObjectiveTerm;
import org.distill4j.core.objective.StudentOutputs;
import org.distill4j.core.objective.TeacherTargets;
import org.distill4j.core.objective.TermValue;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every {@link ObjectiveTerm} must do: a finite, non-negative value on valid inputs; gradients with respect
 * to the logits (and the Jacobian, for terms that need it) that agree with float64 central differences; inputs
 * left as they were; mismatched shapes rejected with an {@link IllegalArgumentException}; a non-empty name.
 */
public abstract class ObjectiveTermContract {

    /** The seed of the generated batches. */
    protected static final long SEED = 0x5EEDL;

    /** The term under test. */
    protected abstract ObjectiveTerm newTerm();

    private static final int N = 3;
    private static final int K = 4;
    private static final int D = 5;

    private StudentOutputs student(long seed) {
        INDArray logits = ContractInputs.gaussian(N, K, seed, DataType.DOUBLE);
        INDArray jacobian = newTerm().needsJacobian()
                ? ContractInputs.gaussian(N * K, D, seed + 1, DataType.DOUBLE).reshape(N, K, D) : null;
        return new StudentOutputs(logits, jacobian);
    }

    private TeacherTargets teacher(long seed) {
        INDArray p = ContractInputs.probabilities(N, K, seed);
        INDArray jacobian = newTerm().needsJacobian()
                ? ContractInputs.gaussian(N * K, D, seed + 2, DataType.DOUBLE).reshape(N, K, D) : null;
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = rng.nextInt(K);
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
            assertThat(v.logitGradient().shape()).containsExactly(N, K);
        }
    }

    @Test
    void logitGradientAgreesWithCentralDifferences() {
        ObjectiveTerm term = newTerm();
        StudentOutputs s = student(SEED);
        TeacherTargets t = teacher(SEED + 10);
        INDArray g = term.evaluate(s, t).logitGradient().castTo(DataType.DOUBLE);
        double h = 1e-6;
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < K; c++) {
                INDArray plus = s.logits().dup();
                INDArray minus = s.logits().dup();
                plus.putScalar(r, c, plus.getDouble(r, c) + h);
                minus.putScalar(r, c, minus.getDouble(r, c) - h);
                double numeric = (term.evaluate(new StudentOutputs(plus, s.logProbabilityJacobian()), t).loss()
                        - term.evaluate(new StudentOutputs(minus, s.logProbabilityJacobian()), t).loss()) / (2 * h);
                assertThat(g.getDouble(r, c)).as("dL/dz[%s,%s] (seed %s)", r, c, SEED)
                        .isCloseTo(numeric, org.assertj.core.api.Assertions.within(1e-6 + 1e-5 * Math.abs(numeric)));
            }
        }
    }

    @Test
    void jacobianGradientAgreesWithCentralDifferences() {
        ObjectiveTerm term = newTerm();
        if (!term.needsJacobian()) {
            return;
        }
        StudentOutputs s = student(SEED);
        TeacherTargets t = teacher(SEED + 10);
        INDArray g = term.evaluate(s, t).jacobianGradient().castTo(DataType.DOUBLE);
        assertThat(g.shape()).containsExactly(N, K, D);
        double h = 1e-6;
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < K; c++) {
                for (int j = 0; j < D; j += 2) {
                    INDArray plus = s.logProbabilityJacobian().dup();
                    INDArray minus = s.logProbabilityJacobian().dup();
                    plus.putScalar(new int[] {r, c, j}, plus.getDouble(r, c, j) + h);
                    minus.putScalar(new int[] {r, c, j}, minus.getDouble(r, c, j) - h);
                    double numeric = (term.evaluate(new StudentOutputs(s.logits(), plus), t).loss()
                            - term.evaluate(new StudentOutputs(s.logits(), minus), t).loss()) / (2 * h);
                    assertThat(g.getDouble(r, c, j)).as("dL/dJ[%s,%s,%s]", r, c, j)
                            .isCloseTo(numeric, org.assertj.core.api.Assertions.within(1e-6 + 1e-5 * Math.abs(numeric)));
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
        term.evaluate(s, t);
        assertThat(s.logits()).isEqualTo(logits);
        assertThat(t.probabilities()).isEqualTo(probabilities);
    }

    @Test
    void rejectsMismatchedShapes() {
        ObjectiveTerm term = newTerm();
        StudentOutputs s = student(SEED);
        TeacherTargets wrong = TeacherTargets.of(ContractInputs.probabilities(N + 1, K, SEED));
        assertThatThrownBy(() -> term.evaluate(s, wrong)).isInstanceOf(IllegalArgumentException.class);
    }
}
