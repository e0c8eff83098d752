package org.distill4j.core.fidelity;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Agreement between a conditional teacher and a student on a set of inputs. All averages are over the
 * {@code sampleCount} inputs; divergences are in nats and accumulated in {@code double}. Immutable and
 * thread-safe.
 *
 * @param sampleCount the number of inputs compared, at least 1
 * @param top1Agreement the fraction of inputs where the student's most probable class is the teacher's
 * @param klTeacherStudent mean {@code KL(p_teacher ‖ q_student)}
 * @param totalVariation mean {@code ½ Σ |p − q|}
 * @param meanLogProbOfTeacherLabels mean {@code log q(argmax p | x)}
 */
public record Fidelity(long sampleCount, double top1Agreement, double klTeacherStudent, double totalVariation,
        double meanLogProbOfTeacherLabels) {

    /**
     * The smallest student probability used inside a logarithm: a student probability below it (an underflowed
     * softmax, an exact 0) counts as this value, so that KL and log-probabilities stay finite. {@code ln 1e-30
     * ≈ −69.1}.
     */
    public static final double PROBABILITY_FLOOR = 1e-30;

    /** How far a row's sum may be from 1 (float32 softmax outputs over many classes drift by ~1e-6). */
    public static final double ROW_SUM_TOLERANCE = 1e-3;

    /** Checks the ranges of the measures. */
    public Fidelity {
        checkArgument(sampleCount >= 1, "sampleCount must be >= 1, got %s", sampleCount);
        checkArgument(top1Agreement >= 0 && top1Agreement <= 1, "top1Agreement must be in [0, 1], got %s",
                top1Agreement);
        checkArgument(klTeacherStudent >= 0, "klTeacherStudent must be >= 0, got %s", klTeacherStudent);
        checkArgument(totalVariation >= 0 && totalVariation <= 1 + ROW_SUM_TOLERANCE,
                "totalVariation must be in [0, 1], got %s", totalVariation);
        checkArgument(meanLogProbOfTeacherLabels <= 0 && !Double.isNaN(meanLogProbOfTeacherLabels),
                "meanLogProbOfTeacherLabels must be <= 0, got %s", meanLogProbOfTeacherLabels);
    }

    /**
     * Compares teacher and student probabilities row by row. Neither argument is modified.
     *
     * <p>Ties in an argmax go to the lowest class index. KL is computed as
     * {@code Σ_j [p_j log(p_j / q_j) − p_j + q_j]}, with {@code 0 log 0 = 0} and q floored at
     * {@link #PROBABILITY_FLOOR}: for rows summing to 1 this is exactly {@code KL(p ‖ q)}, and every term is
     * non-negative, so rounding in the row sums cannot make it negative. The student log-probability of the
     * teacher's label is floored likewise.
     *
     * @param teacherProbabilities {@code [n, K]}, rows of non-negative entries summing to 1 (±1e-3)
     * @param studentProbabilities {@code [n, K]}, rows of non-negative entries summing to 1 (±1e-3)
     * @throws IllegalArgumentException if the shapes differ or are not {@code [n >= 1, K >= 1]}, or a row is
     *     not a probability vector
     */
    public static Fidelity between(INDArray teacherProbabilities, INDArray studentProbabilities) {
        checkNotNull(teacherProbabilities, "teacherProbabilities");
        checkNotNull(studentProbabilities, "studentProbabilities");
        checkArgument(teacherProbabilities.rank() == 2 && Arrays.equals(teacherProbabilities.shape(),
                studentProbabilities.shape()),
                "teacherProbabilities and studentProbabilities must both be [n, K], got %s and %s",
                Arrays.toString(teacherProbabilities.shape()), Arrays.toString(studentProbabilities.shape()));
        int n = Math.toIntExact(teacherProbabilities.rows());
        int classes = Math.toIntExact(teacherProbabilities.columns());
        checkArgument(n >= 1 && classes >= 1, "probabilities must have n >= 1 rows and K >= 1 columns, got %s",
                Arrays.toString(teacherProbabilities.shape()));
        double[] p = toDoubles(teacherProbabilities);
        double[] q = toDoubles(studentProbabilities);
        checkProbabilities(p, n, classes, "teacherProbabilities");
        checkProbabilities(q, n, classes, "studentProbabilities");

        long agreements = 0;
        double kl = 0;
        double tv = 0;
        double logProb = 0;
        for (int i = 0; i < n; i++) {
            int offset = i * classes;
            int teacherArgmax = offset;
            int studentArgmax = offset;
            double rowKl = 0;
            double rowAbs = 0;
            for (int j = offset; j < offset + classes; j++) {
                double pj = p[j];
                double qj = Math.max(q[j], PROBABILITY_FLOOR);
                rowKl += (pj > 0 ? pj * Math.log(pj / qj) : 0) - pj + qj;
                rowAbs += Math.abs(pj - q[j]);
                if (pj > p[teacherArgmax]) {
                    teacherArgmax = j;
                }
                if (q[j] > q[studentArgmax]) {
                    studentArgmax = j;
                }
            }
            if (teacherArgmax == studentArgmax) {
                agreements++;
            }
            kl += Math.max(0, rowKl);
            tv += 0.5 * rowAbs;
            logProb += Math.log(Math.max(q[teacherArgmax], PROBABILITY_FLOOR));
        }
        return new Fidelity(n, (double) agreements / n, kl / n, tv / n, Math.min(0, logProb / n));
    }

    /** A fresh C-ordered double copy of the values (never a view of the argument). */
    private static double[] toDoubles(INDArray array) {
        return array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static void checkProbabilities(double[] values, int n, int classes, String name) {
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = i * classes; j < (i + 1) * classes; j++) {
                double v = values[j];
                checkArgument(v >= 0 && v <= 1 + ROW_SUM_TOLERANCE,
                        "%s must hold probabilities in [0, 1], got %s at row %s", name, v, i);
                sum += v;
            }
            checkArgument(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE,
                    "%s rows must sum to 1 (within %s), row %s sums to %s", name, ROW_SUM_TOLERANCE, i, sum);
        }
    }
}
