package org.distill4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.distill4j.core.contract.ContractAssertions.ROW_TOLERANCE;
import static org.distill4j.core.contract.ContractAssertions.assertClose;
import static org.distill4j.core.contract.ContractAssertions.assertUnchanged;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.teacher.HasInputJacobian;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What every {@link ConditionalTeacher} must do: answer probability rows of the right shape in new caller-owned
 * arrays; leave its inputs alone; answer the same way twice, row by row whatever the batch, its order, its memory
 * layout (views, column-major) or the thread; reject null, empty, wrong-width and (unless it declares otherwise)
 * non-finite inputs with an error that says what is wrong; stay finite on huge inputs; and — when it has input
 * derivatives ({@link HasInputJacobian}) — agree with central differences, with Jacobian-vector products equal to
 * the Jacobian times the direction.
 *
 * <p>Subclass it, implement {@link #newTeacher()}, and override the hooks that do not fit: {@link #sampleInputs}
 * for teachers of another input domain or data type, {@link #checksNonFiniteInputs()}, and the Jacobian
 * tolerance for DOUBLE teachers, which can tighten it.
 *
 * @param <T> the teacher under test
 */
public abstract class ConditionalTeacherContract<T extends ConditionalTeacher> {

    /** The seed of every input this contract generates; failures print it. */
    protected static final long SEED = 1510_02437L;

    /** How far a row of probabilities may sum from 1. */
    private static final double SUM_TOLERANCE = 1e-4;

    /** The magnitude of the inputs of {@link #hugeInputsGiveFiniteAnswers()}. */
    private static final double HUGE = 1e4;

    /** Jacobians are compared with {@code max |J − FD| / max(max |J|, this)}: a floor for nearly flat teachers. */
    private static final double JACOBIAN_SCALE_FLOOR = 1e-1;

    /** The most input columns the Jacobian check perturbs (spread over the width). */
    private static final int JACOBIAN_COLUMNS = 8;

    /** A new teacher to test; called once or more per test. */
    protected abstract T newTeacher();

    /**
     * {@code n} valid inputs {@code [n, inputSize()]} of the data type the teacher is fed with; the same seed must
     * give the same rows. The default is standard normal FLOAT rows.
     */
    protected INDArray sampleInputs(T teacher, int n, long seed) {
        return ContractInputs.gaussian(n, teacher.inputSize(), seed, DataType.FLOAT);
    }

    /** Whether the teacher rejects NaN and infinite inputs with an {@link IllegalArgumentException} (default true). */
    protected boolean checksNonFiniteInputs() {
        return true;
    }

    /**
     * The tolerance of the Jacobian check: {@code max |J − FD| / max(max |J|, 0.1)}, where {@code FD} are central
     * differences of {@code log predict} with step {@link #finiteDifferenceStep()}; also the relative tolerance of
     * Jacobian-vector products against the Jacobian times the direction. The default suits FLOAT teachers, whose
     * log-probabilities carry rounding errors of about {@code 1e-7} that differencing divides by {@code 2h}; DOUBLE
     * teachers can tighten it to about {@code 1e-6} with a step of {@code 1e-5}.
     */
    protected double jacobianTolerance() {
        return 1e-2;
    }

    /**
     * The finite-difference step of the Jacobian check, taken in the data type of {@link #sampleInputs} (the step
     * actually taken after rounding is the divisor). Large enough for FLOAT rounding by default.
     */
    protected double finiteDifferenceStep() {
        return 1e-2;
    }

    @Test
    void predictionsAreProbabilityRows() {
        T teacher = newTeacher();
        INDArray p = teacher.predict(sampleInputs(teacher, 7, SEED));
        assertProbabilityRows(p, 7, teacher.outputSize(), "predict (seed " + SEED + ")");
    }

    @Test
    void aOneRowBatchIsAnsweredLikeTheSameRowInABatch() {
        T teacher = newTeacher();
        INDArray x = sampleInputs(teacher, 5, SEED);
        INDArray batch = teacher.predict(x);
        for (int r : new int[] {0, 4}) {
            INDArray one = teacher.predict(x.getRows(r));
            assertProbabilityRows(one, 1, teacher.outputSize(), "one-row batch");
            assertClose(one, batch.getRows(r), ROW_TOLERANCE, "row %s alone vs in a batch (seed %s)", r, SEED);
        }
    }

    @Test
    void resultsAreNewArraysOwnedByTheCaller() {
        T teacher = newTeacher();
        INDArray x = sampleInputs(teacher, 4, SEED);
        INDArray first = teacher.predict(x);
        INDArray expected = first.dup();
        first.assign(-1);
        assertClose(teacher.predict(x), expected, ROW_TOLERANCE,
                "predict after the caller overwrote its previous answer");
        if (teacher instanceof HasInputJacobian differentiable) {
            INDArray jacobian = differentiable.logProbabilityJacobian(x);
            INDArray expectedJacobian = jacobian.dup();
            jacobian.assign(-1);
            assertClose(differentiable.logProbabilityJacobian(x), expectedJacobian,
                    ROW_TOLERANCE * Math.max(1, expectedJacobian.amaxNumber().doubleValue()),
                    "Jacobian after the caller overwrote its previous answer");
        }
    }

    @Test
    void leavesItsInputsAsTheyWere() {
        T teacher = newTeacher();
        INDArray x = sampleInputs(teacher, 5, SEED);
        INDArray before = x.dup();
        teacher.predict(x);
        assertUnchanged(x, before, "inputs of predict");
        if (teacher instanceof HasInputJacobian differentiable) {
            INDArray v = ContractInputs.gaussian(5, teacher.inputSize(), SEED + 1, x.dataType());
            INDArray vBefore = v.dup();
            differentiable.logProbabilityJacobian(x);
            assertUnchanged(x, before, "inputs of logProbabilityJacobian");
            differentiable.logProbabilityJvp(x, v);
            assertUnchanged(x, before, "inputs of logProbabilityJvp");
            assertUnchanged(v, vBefore, "directions of logProbabilityJvp");
        }
    }

    @Test
    void predictIsDeterministic() {
        T teacher = newTeacher();
        INDArray x = sampleInputs(teacher, 6, SEED);
        assertClose(teacher.predict(x), teacher.predict(x), ROW_TOLERANCE, "two answers to the same inputs");
    }

    @Test
    void rowsAreAnsweredIndependentlyOfBatchOrder() {
        T teacher = newTeacher();
        INDArray x = sampleInputs(teacher, 6, SEED);
        int[] order = {5, 3, 1, 0, 2, 4};
        INDArray direct = teacher.predict(x);
        assertClose(teacher.predict(x.getRows(order)), direct.getRows(order), ROW_TOLERANCE,
                "rows answered in the order %s (seed %s)", java.util.Arrays.toString(order), SEED);
    }

    @Test
    void viewsAndColumnMajorInputsAreAnsweredLikeContiguousOnes() {
        T teacher = newTeacher();
        int d = teacher.inputSize();
        INDArray x = sampleInputs(teacher, 4, SEED);
        INDArray expected = teacher.predict(x);
        INDArray tall = Nd4j.create(x.dataType(), 6, d);
        tall.get(NDArrayIndex.interval(1, 5), NDArrayIndex.all()).assign(x);
        INDArray wide = Nd4j.create(x.dataType(), 4, d + 2);
        wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, d + 1)).assign(x);
        assertClose(teacher.predict(tall.get(NDArrayIndex.interval(1, 5), NDArrayIndex.all())), expected,
                ROW_TOLERANCE, "a view of rows 1..4 of a larger array");
        assertClose(teacher.predict(wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, d + 1))), expected,
                ROW_TOLERANCE, "a strided view of columns 1..%s of a wider array", d);
        assertClose(teacher.predict(x.dup('f')), expected, ROW_TOLERANCE, "a column-major copy");
    }

    @Test
    void rejectsNullEmptyAndWronglyShapedInputs() {
        T teacher = newTeacher();
        int d = teacher.inputSize();
        DataType type = sampleInputs(teacher, 1, SEED).dataType();
        assertThatThrownBy(() -> teacher.predict(null))
                .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
        assertThatThrownBy(() -> teacher.predict(Nd4j.create(type, 0, d))).as("an empty batch [0, %s]", d)
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> teacher.predict(ContractInputs.gaussian(1, d, SEED, type).reshape(d)))
                .as("a rank-1 input").isInstanceOf(IllegalArgumentException.class);
        List<Integer> wrongWidths = d > 1 ? List.of(d + 1, d - 1) : List.of(d + 1);
        for (int width : wrongWidths) {
            INDArray wrong = ContractInputs.gaussian(d + 3, width, SEED, type);
            assertThatThrownBy(() -> teacher.predict(wrong)).as("predict on width %s", width)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(String.valueOf(d)).hasMessageContaining(String.valueOf(width));
            if (teacher instanceof HasInputJacobian differentiable) {
                assertThatThrownBy(() -> differentiable.logProbabilityJacobian(wrong))
                        .as("Jacobian on width %s", width).isInstanceOf(IllegalArgumentException.class);
            }
        }
        if (teacher instanceof HasInputJacobian differentiable) {
            INDArray x = sampleInputs(teacher, 3, SEED);
            INDArray fewerRows = ContractInputs.gaussian(2, d, SEED, x.dataType());
            INDArray wider = ContractInputs.gaussian(3, d + 1, SEED, x.dataType());
            assertThatThrownBy(() -> differentiable.logProbabilityJvp(x, fewerRows))
                    .as("directions with fewer rows than the inputs").isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> differentiable.logProbabilityJvp(x, wider))
                    .as("directions wider than the inputs").isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejectsNonFiniteInputs() {
        assumeTrue(checksNonFiniteInputs(), "teacher declares it does not check for NaN");
        T teacher = newTeacher();
        INDArray valid = sampleInputs(teacher, 3, SEED);
        assumeTrue(valid.dataType().isFPType(), "integer inputs cannot hold NaN");
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            INDArray x = valid.dup();
            x.putScalar(1, 0, bad);
            INDArray before = x.dup();
            assertThatThrownBy(() -> teacher.predict(x)).as("predict with %s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageMatching("(?is).*(nan|finite|infinit).*");
            assertUnchanged(x, before, "rejected inputs");
            if (teacher instanceof HasInputJacobian differentiable) {
                assertThatThrownBy(() -> differentiable.logProbabilityJacobian(x)).as("Jacobian with %s", bad)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void hugeInputsGiveFiniteAnswers() {
        T teacher = newTeacher();
        INDArray x = sampleInputs(teacher, 4, SEED);
        assumeTrue(x.dataType().isFPType(), "integer inputs are not scaled");
        INDArray huge = x.mul(HUGE);
        Throwable rejected = catchThrowable(() -> teacher.predict(huge));
        if (rejected != null) {
            // a teacher may refuse inputs outside its domain, but only with a clear error, not an overflow
            assertThat(rejected).as("inputs scaled by %s", HUGE).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertProbabilityRows(teacher.predict(huge), 4, teacher.outputSize(), "inputs scaled by " + HUGE);
        if (teacher instanceof HasInputJacobian differentiable) {
            assertThat(ContractAssertions.allFinite(differentiable.logProbabilityJacobian(huge)))
                    .as("Jacobian at inputs scaled by %s is finite", HUGE).isTrue();
        }
    }

    @Test
    void concurrentPredictionEqualsSequential() throws Exception {
        T teacher = newTeacher();
        HasInputJacobian differentiable = teacher instanceof HasInputJacobian j ? j : null;
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        List<INDArray> expectedJacobians = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inputs.add(sampleInputs(teacher, 2 + i % 3, SEED + i));
            expected.add(teacher.predict(inputs.get(i)));
            expectedJacobians.add(differentiable == null ? null : differentiable.logProbabilityJacobian(inputs.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<INDArray>> answers = new ArrayList<>();
            List<INDArray> wanted = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 8; i++) {
                    INDArray x = inputs.get(i);
                    boolean jacobian = differentiable != null && (round + i) % 4 == 0;
                    Callable<INDArray> call = jacobian ? () -> differentiable.logProbabilityJacobian(x)
                            : () -> teacher.predict(x);
                    answers.add(pool.submit(call));
                    wanted.add(jacobian ? expectedJacobians.get(i) : expected.get(i));
                }
            }
            for (int j = 0; j < answers.size(); j++) {
                INDArray w = wanted.get(j);
                double scale = Math.max(1, w.amaxNumber().doubleValue());
                assertClose(answers.get(j).get(), w, ROW_TOLERANCE * scale, "concurrent answer %s", j);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void jacobianAgreesWithCentralDifferences() {
        T teacher = newTeacher();
        assumeTrue(teacher instanceof HasInputJacobian, "teacher has no input derivatives");
        HasInputJacobian differentiable = (HasInputJacobian) teacher;
        int n = 3;
        int d = teacher.inputSize();
        int k = teacher.outputSize();
        INDArray x = sampleInputs(teacher, n, SEED);
        INDArray jacobian = differentiable.logProbabilityJacobian(x).castTo(DataType.DOUBLE);
        assertThat(jacobian.shape()).as("Jacobian shape").containsExactly(n, k, d);
        assertThat(ContractAssertions.allFinite(jacobian)).as("Jacobian is finite").isTrue();
        double scale = Math.max(JACOBIAN_SCALE_FLOOR, jacobian.amaxNumber().doubleValue());
        double h = finiteDifferenceStep();
        double worst = 0;
        String where = "nowhere";
        int columns = Math.min(d, JACOBIAN_COLUMNS);
        for (int c = 0; c < columns; c++) {
            int j = (int) ((long) c * d / columns);
            INDArray plus = x.dup();
            INDArray minus = x.dup();
            plus.getColumn(j).addi(h);
            minus.getColumn(j).subi(h);
            INDArray taken = plus.getColumn(j).castTo(DataType.DOUBLE).sub(minus.getColumn(j).castTo(DataType.DOUBLE));
            INDArray difference = logOf(teacher.predict(plus)).subi(logOf(teacher.predict(minus)));
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < k; i++) {
                    double numeric = difference.getDouble(r, i) / taken.getDouble(r);
                    double exact = jacobian.getDouble(r, i, j);
                    double error = Math.abs(exact - numeric) / scale;
                    if (!(error <= worst)) {
                        worst = error;
                        where = String.format("d log p_%s / dx_%s at row %s: Jacobian %s, differences %s", i, j, r,
                                exact, numeric);
                    }
                }
            }
        }
        assertThat(worst).as("worst |J - FD| / %s = %s, step %s, seed %s", scale, where, h, SEED)
                .isLessThanOrEqualTo(jacobianTolerance());

        INDArray alone = differentiable.logProbabilityJacobian(x.getRows(1)).castTo(DataType.DOUBLE);
        assertClose(alone.reshape(k, d), jacobian.slice(1), 1e-4 * scale, "Jacobian of row 1 alone vs in a batch");

        INDArray v = ContractInputs.gaussian(n, d, SEED + 1, x.dataType());
        INDArray jvp = differentiable.logProbabilityJvp(x, v).castTo(DataType.DOUBLE);
        assertThat(jvp.shape()).as("Jacobian-vector product shape").containsExactly(n, k);
        INDArray expected = Nd4j.create(DataType.DOUBLE, n, k);
        INDArray vd = v.castTo(DataType.DOUBLE);
        for (int r = 0; r < n; r++) {
            expected.putRow(r, jacobian.slice(r).mmul(vd.getRow(r).reshape(d, 1)).reshape(k));
        }
        double jvpScale = Math.max(JACOBIAN_SCALE_FLOOR, expected.amaxNumber().doubleValue());
        assertClose(jvp, expected, jacobianTolerance() * jvpScale, "Jacobian-vector products vs J·v (seed %s)",
                SEED + 1);
    }

    /** Asserts {@code [n, k]} floating-point rows of finite non-negative values summing to 1. */
    private static void assertProbabilityRows(INDArray p, int n, int k, String what) {
        assertThat(p.shape()).as("%s: shape", what).containsExactly(n, k);
        assertThat(p.dataType().isFPType()).as("%s: floating-point data type, got %s", what, p.dataType()).isTrue();
        assertThat(ContractAssertions.allFinite(p)).as("%s: finite", what).isTrue();
        INDArray d = p.castTo(DataType.DOUBLE);
        assertThat(d.minNumber().doubleValue()).as("%s: smallest probability", what).isGreaterThanOrEqualTo(0);
        assertClose(d.sum(1), Nd4j.ones(DataType.DOUBLE, n), SUM_TOLERANCE, "%s: row sums", what);
    }

    private static INDArray logOf(INDArray p) {
        return org.nd4j.linalg.ops.transforms.Transforms.log(
                org.nd4j.linalg.ops.transforms.Transforms.max(p.castTo(DataType.DOUBLE), 1e-300), false);
    }
}
