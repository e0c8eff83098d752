package org.distill4j.core.objective;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import org.distill4j.core.linalg.Finite;
import org.distill4j.core.linalg.HostView;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Shared validation and numerics of the objective terms. Stateless. */
final class TermMath {

    /**
     * Teacher probabilities are floored at this value before taking their logarithm (temperature, KL, logit
     * targets), so that a class the teacher rules out exactly gives a large finite log-probability
     * ({@code log 1e-30 ≈ -69}) rather than {@code -∞}. It is representable in FLOAT.
     */
    static final double PROBABILITY_FLOOR = 1e-30;

    private TermMath() {
    }

    /** The student's logits, checked against the teacher's probabilities: both {@code [n, K]}. */
    static INDArray logits(StudentOutputs student, TeacherTargets teacher) {
        checkArgument(student != null, "student outputs must not be null");
        checkArgument(teacher != null, "teacher targets must not be null");
        INDArray z = student.logits();
        if (!Arrays.equals(z.shape(), teacher.probabilities().shape())) { // message built only on failure
            throw new IllegalArgumentException(String.format(
                    "student logits %s and teacher probabilities %s must have the same shape [n, K]",
                    Arrays.toString(z.shape()), Arrays.toString(teacher.probabilities().shape())));
        }
        if (z.size(0) <= 0) {
            throw new IllegalArgumentException("the batch must not be empty, got logits of shape "
                    + Arrays.toString(z.shape()));
        }
        return z;
    }

    /** The teacher's probabilities in {@code type}, checked finite; not to be modified (may be the caller's). */
    static INDArray teacherProbabilities(TeacherTargets teacher, DataType type) {
        INDArray p = teacher.probabilities();
        checkArgument(isFinite(p), "teacher probabilities must be finite, got NaN or infinite values");
        return p.dataType() == type ? p : p.castTo(type);
    }

    /** Up to this many elements, a term may compute in one Java pass instead of several ND4J operations. */
    static final int FUSED_MAX_LENGTH = 1 << 16;

    /** Whether logits and teacher probabilities are small, dense, C-ordered and of one dtype. */
    static boolean fusible(INDArray z, INDArray p) {
        return z.length() <= FUSED_MAX_LENGTH && z.dataType() == p.dataType() && HostView.supports(z)
                && HostView.supports(p);
    }

    /** Whether every value is finite: one BLAS pass (sum of absolute values) for contiguous arrays. */
    static boolean isFinite(INDArray a) {
        return Finite.check(a);
    }

    /** {@code log(max(p, PROBABILITY_FLOOR))}, a new array. */
    static INDArray flooredLog(INDArray p) {
        return Transforms.log(Transforms.max(p, PROBABILITY_FLOOR, true), false);
    }

    /** Row-wise log-softmax of {@code [n, K]}, a new array. */
    static INDArray logSoftmax(INDArray z) {
        return LogSoftmax.of(z);
    }

    /** Checks a temperature and returns it. */
    static double checkTemperature(double temperature) {
        checkArgument(temperature > 0 && Double.isFinite(temperature),
                "temperature must be finite and > 0, got %s", temperature);
        return temperature;
    }

    /** {@code base} at T = 1, {@code base_T<T>} otherwise ({@code soft_ce_T2}, {@code soft_ce_T0.5}). */
    static String nameAt(String base, double temperature) {
        if (temperature == 1.0) {
            return base;
        }
        String t = temperature == Math.rint(temperature) && Math.abs(temperature) < 1e15
                ? Long.toString((long) temperature) : Double.toString(temperature);
        return base + "_T" + t;
    }

    /**
     * The tempered teacher distribution and its logarithm: {@code p_T = softmax(log max(p, floor) / T)}; at
     * {@code T = 1}, {@code p_T = p} as given and {@code log p_T = log max(p, floor)}.
     *
     * @return {@code {p_T, log p_T}}; {@code p_T} may be {@code p} itself, so it must not be modified
     */
    static INDArray[] temperedTeacher(INDArray p, double temperature, boolean needLog) {
        if (temperature == 1.0) {
            return new INDArray[] {p, needLog ? flooredLog(p) : null};
        }
        INDArray logPt = logSoftmax(flooredLog(p).divi(temperature));
        return new INDArray[] {Transforms.exp(logPt, true), logPt};
    }

    /** The log-softmax of {@code z / T}, a new array. */
    static INDArray temperedStudentLog(INDArray z, double temperature) {
        return logSoftmax(temperature == 1.0 ? z : z.div(temperature));
    }

    /**
     * Sum of the element-wise product of two same-shape arrays: one BLAS dot when both are contiguous in the same
     * order, an element-wise product and a sum otherwise.
     */
    static double dot(INDArray a, INDArray b) {
        if (a.ordering() == b.ordering() && a.elementWiseStride() == 1 && b.elementWiseStride() == 1
                && a.dataType() == b.dataType() && a.length() > 0) {
            long length = a.length();
            return Nd4j.getBlasWrapper().dot(a.reshape(a.ordering(), new long[] {length}),
                    b.reshape(b.ordering(), new long[] {length}));
        }
        return a.mul(b).sumNumber().doubleValue();
    }
}
