package org.distill4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.teacher.HasInputJacobian;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every {@link ConditionalTeacher} must do: answer probability rows of the right shape, leave its inputs
 * alone, answer the same way twice and row by row, reject inputs of the wrong width or with NaN, predict
 * concurrently as it does sequentially, and — when it has input derivatives — agree with finite differences.
 *
 * <p>Subclass it, implement {@link #newTeacher()}, and override the capability hooks that do not fit.
 *
 * @param <T> the teacher under test
 */
public abstract class ConditionalTeacherContract<T extends ConditionalTeacher> {

    /** The seed of every input this contract generates; failures print it. */
    protected static final long SEED = 1510_02437L;

    /** A new teacher to test; called once per test. */
    protected abstract T newTeacher();

    /** {@code n} valid inputs; the default is standard normal FLOAT rows. */
    protected INDArray sampleInputs(T teacher, int n, long seed) {
        return ContractInputs.gaussian(n, teacher.inputSize(), seed, DataType.FLOAT);
    }

    /** Whether the teacher rejects NaN inputs with an {@link IllegalArgumentException} (default true). */
    protected boolean checksNonFiniteInputs() {
        return true;
    }

    /**
     * Relative tolerance of the Jacobian check against central differences, and the step used; FLOAT teachers
     * need a loose one, DOUBLE teachers can tighten it.
     */
    protected double jacobianTolerance() {
        return 3e-2;
    }

    /** The finite-difference step of the Jacobian check. */
    protected double finiteDifferenceStep() {
        return 1e-2;
    }

    @Test
    void predictionsAreProbabilityRows() {
        T teacher = newTeacher();
        INDArray x = sampleInputs(teacher, 7, SEED);
        INDArray p = teacher.predict(x).castTo(DataType.DOUBLE);
        assertThat(p.shape()).as("predict shape, seed %s", SEED).containsExactly(7, teacher.outputSize());
        assertThat(p.minNumber().doubleValue()).as("smallest probability").isGreaterThanOrEqualTo(0);
        INDArray sums = p.sum(1);
        for (int r = 0; r < 7; r++) {
            assertThat(sums.getDouble(r)).as("row %s sum", r).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void predictDoesNotModifyInputs() {
        T teacher = newTeacher();
        INDArray x = sampleInputs(teacher, 5, SEED);
        INDArray copy = x.dup();
        teacher.predict(x);
        assertThat(x).isEqualTo(copy);
    }

    @Test
    void predictIsDeterministic() {
        T teacher = newTeacher();
        INDArray x = sampleInputs(teacher, 6, SEED);
        assertThat(teacher.predict(x)).isEqualTo(teacher.predict(x));
    }

    @Test
    void rowsAreAnsweredIndependentlyOfBatchOrder() {
        T teacher = newTeacher();
        INDArray x = sampleInputs(teacher, 6, SEED);
        int[] order = {5, 3, 1, 0, 2, 4};
        INDArray direct = teacher.predict(x).castTo(DataType.DOUBLE);
        INDArray permuted = teacher.predict(x.getRows(order)).castTo(DataType.DOUBLE);
        for (int i = 0; i < order.length; i++) {
            assertThat(permuted.getRow(i).sub(direct.getRow(order[i])).amaxNumber().doubleValue())
                    .as("row %s answered differently in another batch order", order[i]).isLessThan(1e-5);
        }
        INDArray single = teacher.predict(x.getRows(2)).castTo(DataType.DOUBLE);
        assertThat(single.getRow(0).sub(direct.getRow(2)).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void rejectsInputsOfTheWrongWidth() {
        T teacher = newTeacher();
        INDArray wrong = ContractInputs.gaussian(3, teacher.inputSize() + 1, SEED, DataType.FLOAT);
        assertThatThrownBy(() -> teacher.predict(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(teacher.inputSize()));
    }

    @Test
    void rejectsNonFiniteInputs() {
        assumeTrue(checksNonFiniteInputs(), "teacher declares it does not check for NaN");
        T teacher = newTeacher();
        INDArray x = sampleInputs(teacher, 3, SEED).dup();
        x.putScalar(1, 0, Double.NaN);
        assertThatThrownBy(() -> teacher.predict(x)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentPredictionEqualsSequential() throws Exception {
        T teacher = newTeacher();
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inputs.add(sampleInputs(teacher, 4, SEED + i));
            expected.add(teacher.predict(inputs.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<INDArray>> answers = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 8; i++) {
                    INDArray x = inputs.get(i);
                    answers.add(pool.submit(() -> teacher.predict(x)));
                }
            }
            for (int j = 0; j < answers.size(); j++) {
                assertThat(answers.get(j).get()).as("concurrent answer %s", j).isEqualTo(expected.get(j % 8));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void jacobianAgreesWithCentralDifferences() {
        T teacher = newTeacher();
        assumeTrue(teacher instanceof HasInputJacobian, "teacher has no input derivatives");
        HasInputJacobian withJacobian = (HasInputJacobian) teacher;
        INDArray x = sampleInputs(teacher, 2, SEED).castTo(DataType.DOUBLE);
        INDArray jacobian = withJacobian.logProbabilityJacobian(x).castTo(DataType.DOUBLE);
        int d = teacher.inputSize();
        int k = teacher.outputSize();
        assertThat(jacobian.shape()).containsExactly(2, k, d);
        double h = finiteDifferenceStep();
        double scale = Math.max(1e-3, jacobian.amaxNumber().doubleValue());
        for (int j = 0; j < Math.min(d, 6); j++) {
            INDArray plus = x.dup();
            INDArray minus = x.dup();
            for (int r = 0; r < 2; r++) {
                plus.putScalar(r, j, x.getDouble(r, j) + h);
                minus.putScalar(r, j, x.getDouble(r, j) - h);
            }
            INDArray numeric = logOf(teacher.predict(plus)).sub(logOf(teacher.predict(minus))).div(2 * h);
            for (int r = 0; r < 2; r++) {
                for (int i = 0; i < k; i++) {
                    assertThat(Math.abs(jacobian.getDouble(r, i, j) - numeric.getDouble(r, i)) / scale)
                            .as("d log p_%s / dx_%s at row %s (seed %s)", i, j, r, SEED)
                            .isLessThan(jacobianTolerance());
                }
            }
        }
        INDArray v = ContractInputs.gaussian(2, d, SEED + 1, DataType.DOUBLE);
        INDArray jvp = withJacobian.logProbabilityJvp(x, v).castTo(DataType.DOUBLE);
        for (int r = 0; r < 2; r++) {
            INDArray expected = jacobian.slice(r).mmul(v.getRow(r).reshape(d, 1)).reshape(k);
            assertThat(jvp.getRow(r).sub(expected).amaxNumber().doubleValue() / scale).isLessThan(1e-3);
        }
    }

    private static INDArray logOf(INDArray p) {
        return org.nd4j.linalg.ops.transforms.Transforms.log(
                org.nd4j.linalg.ops.transforms.Transforms.max(p.castTo(DataType.DOUBLE), 1e-300), false);
    }
}
