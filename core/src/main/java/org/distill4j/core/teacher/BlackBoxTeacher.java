package org.distill4j.core.teacher;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Any function from inputs to class probabilities as a teacher: a remote model, a model from another library, a
 * hand-written rule. Every answer is checked (shape {@code [n, K]}, finite, non-negative, rows summing to 1 within
 * {@value #SUM_TOLERANCE}), else {@link IllegalArgumentException} "teacher probabilities ..."; an exception thrown
 * by the function propagates unchanged.
 *
 * <p><b>Derivatives are approximate.</b> {@link #logProbabilityJacobian} uses central finite differences of
 * {@code log max(p, }{@value #PROBABILITY_FLOOR}{@code )}, costing {@code 2d} function evaluations per input, and
 * {@link #hasExactDerivatives()} returns {@code false}: derivative matching with a black box is the fallback of
 * Papamakarios (2015, arXiv 1510.02437, ch. 2), and distillation reports flag it. The step is
 * {@link Builder#finiteDifferenceStep}, by default {@value #DEFAULT_DOUBLE_STEP} for DOUBLE inputs and
 * {@value #DEFAULT_FLOAT_STEP} for other types; the divisor is the step actually taken after rounding to the input
 * data type.
 *
 * <p><b>Ownership and thread-safety.</b> The function receives copies, so it cannot modify the caller's arrays;
 * results are new caller-owned arrays. The teacher is as thread-safe as the function.
 */
public final class BlackBoxTeacher implements HasInputJacobian {

    /** The default finite-difference step for FLOAT (and other non-DOUBLE) inputs. */
    public static final double DEFAULT_FLOAT_STEP = 1e-3;
    /** The default finite-difference step for DOUBLE inputs. */
    public static final double DEFAULT_DOUBLE_STEP = 1e-5;
    /** Probabilities are floored here before taking logs for finite differences. */
    public static final double PROBABILITY_FLOOR = 1e-12;
    /** How far a row of probabilities may sum from 1. */
    public static final double SUM_TOLERANCE = 1e-3;

    /** Rows per function call when differencing. */
    private static final int MAX_ROWS_PER_CALL = 8192;

    private final Function<INDArray, INDArray> function;
    private final int inputSize;
    private final int outputSize;
    private final double step;

    private BlackBoxTeacher(Builder builder) {
        this.function = builder.function;
        this.inputSize = builder.inputSize;
        this.outputSize = builder.outputSize;
        this.step = builder.step == null ? Double.NaN : builder.step;
    }

    /**
     * A black-box teacher with default finite-difference steps.
     *
     * @param function maps {@code [n, inputSize]} to probabilities {@code [n, outputSize]}
     */
    public static BlackBoxTeacher of(Function<INDArray, INDArray> function, int inputSize, int outputSize) {
        return builder(function, inputSize, outputSize).build();
    }

    /** A builder for a black-box teacher; see {@link #of}. */
    public static Builder builder(Function<INDArray, INDArray> function, int inputSize, int outputSize) {
        return new Builder(function, inputSize, outputSize);
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    /** The configured finite-difference step, or empty when the default by data type applies. */
    public OptionalDouble finiteDifferenceStep() {
        return Double.isNaN(step) ? OptionalDouble.empty() : OptionalDouble.of(step);
    }

    /**
     * The function's answer, checked.
     *
     * @param inputs {@code [n, d]} finite values, not modified
     * @return a new {@code [n, K]} array
     * @throws IllegalArgumentException "teacher probabilities ..." if the answer is not a batch of probability rows
     */
    @Override
    public INDArray predict(INDArray inputs) {
        TeacherInputs.checkBatch(inputs, inputSize, "inputs");
        return ask(inputs.dup('c'));
    }

    private INDArray ask(INDArray ownedInputs) {
        long n = ownedInputs.size(0);
        INDArray p = function.apply(ownedInputs);
        checkNotNull(p, "teacher probabilities must not be null");
        checkArgument(p.rank() == 2 && p.size(0) == n && p.size(1) == outputSize,
                "teacher probabilities must have shape [%s, %s], got %s", n, outputSize, Arrays.toString(p.shape()));
        checkArgument(p.dataType().isFPType(), "teacher probabilities must be floating point, got %s",
                p.dataType());
        checkArgument(TeacherInputs.isFinite(p), "teacher probabilities must be finite, found NaN or infinity");
        double min = p.minNumber().doubleValue();
        checkArgument(min >= 0, "teacher probabilities must be non-negative, found %s", min);
        double worst = p.castTo(DataType.DOUBLE).sum(1).subi(1.0).amaxNumber().doubleValue();
        checkArgument(worst <= SUM_TOLERANCE, "teacher probabilities must sum to 1 per row within %s, found a row "
                + "off by %s", SUM_TOLERANCE, worst);
        return p.dup('c');
    }

    /**
     * Central finite differences of the log-probabilities; not exact.
     *
     * @param inputs {@code [n, d]}, not modified
     * @return a new {@code [n, K, d]} array in the inputs' floating-point type (DOUBLE for integer inputs)
     */
    @Override
    public INDArray logProbabilityJacobian(INDArray inputs) {
        TeacherInputs.checkBatch(inputs, inputSize, "inputs");
        DataType type = inputs.dataType().isFPType() ? inputs.dataType() : DataType.DOUBLE;
        double h = Double.isNaN(step) ? (type == DataType.DOUBLE ? DEFAULT_DOUBLE_STEP : DEFAULT_FLOAT_STEP) : step;
        INDArray x = TeacherInputs.copyAs(inputs, type);
        long n = x.size(0);
        int d = inputSize;
        INDArray out = Nd4j.create(DataType.DOUBLE, n, outputSize, d);
        INDArray perturbation = Nd4j.vstack(Nd4j.eye(d).muli(h), Nd4j.eye(d).muli(-h)).castTo(type);
        long chunk = Math.max(1, MAX_ROWS_PER_CALL / (2L * d));
        for (long start = 0; start < n; start += chunk) {
            long end = Math.min(n, start + chunk);
            long m = end - start;
            INDArray rows = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            // batch[r, s, :] = x_r + h e_s for s < d, x_r − h e_(s−d) for s >= d
            INDArray batch = rows.reshape(m, 1, d).repeat(1, 2L * d);
            Broadcast.add(batch, perturbation, batch, 1, 2);
            INDArray logP = Transforms.log(Transforms.max(
                    ask(batch.reshape(m * 2 * d, d)).castTo(DataType.DOUBLE), PROBABILITY_FLOOR, false), false)
                    .reshape(m, 2L * d, outputSize);
            INDArray plus = logP.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d), NDArrayIndex.all());
            INDArray minus = logP.get(NDArrayIndex.all(), NDArrayIndex.interval(d, 2L * d), NDArrayIndex.all());
            INDArray taken = rows.add(h).castTo(DataType.DOUBLE).subi(rows.sub(h).castTo(DataType.DOUBLE));
            INDArray difference = plus.sub(minus);
            Broadcast.div(difference, taken, difference, 0, 1);
            out.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(difference.permute(0, 2, 1));
        }
        return out.castTo(type);
    }

    /** Always {@code false}: the Jacobian comes from finite differences. */
    @Override
    public boolean hasExactDerivatives() {
        return false;
    }

    @Override
    public String toString() {
        return "BlackBoxTeacher[" + inputSize + " -> " + outputSize + ", finite differences]";
    }

    /** Builder of a {@link BlackBoxTeacher}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final Function<INDArray, INDArray> function;
        private final int inputSize;
        private final int outputSize;
        private Double step;

        private Builder(Function<INDArray, INDArray> function, int inputSize, int outputSize) {
            this.function = function;
            this.inputSize = inputSize;
            this.outputSize = outputSize;
        }

        /** The central-difference step {@code h} (finite, > 0); by default chosen by the inputs' data type. */
        public Builder finiteDifferenceStep(double h) {
            this.step = h;
            return this;
        }

        /**
         * The teacher.
         *
         * @throws IllegalArgumentException naming an invalid setting
         */
        public BlackBoxTeacher build() {
            checkNotNull(function, "function");
            checkArgument(inputSize >= 1, "inputSize must be >= 1, got %s", inputSize);
            checkArgument(outputSize >= 1, "outputSize must be >= 1, got %s", outputSize);
            checkArgument(step == null || (step > 0 && Double.isFinite(step)),
                    "finiteDifferenceStep must be finite and > 0, got %s", step);
            return new BlackBoxTeacher(this);
        }
    }
}
