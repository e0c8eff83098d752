package org.distill4j.core.rid;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.distill4j.core.objective.LogSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Redundant Information Distillation term (P. Dissanayake et al., AISTATS 2025, arXiv:2411.07483, section
 * 5) for one pair of representations: a <b>teacher filter</b> {@code f_t(T) = T·W_t + b_t} with a linear
 * <b>task head</b> {@code softmax(f_t(T)·W_h + b_h)}, a <b>student filter</b> {@code f_s(S) = S·W_s + b_s},
 * both of width {@code k}, and learned per-channel scales {@code σ_c = softplus(ρ_c) + 10⁻³}. The matching term
 * (DESIGN.md's form of the paper's objective, one layer pair) is
 * <pre>
 *   M = mean_{i,c} [ σ_c² + (f_s(s_i)_c − f_t(t_i)_c)² / σ_c ]
 * </pre>
 * and training alternates two phases:
 * <ul>
 *   <li>(A) {@link #teacherPhase}: the teacher filter and head minimise {@code CE(head(f_t(T)), y) + λ·M}, so
 *       that the filtered teacher representation keeps task information (a nuisance teacher's filter carries
 *       little of it, and the student is then pulled toward little);</li>
 *   <li>(B) {@link #studentPhase}: the student, its filter and the scales minimise {@code M} (the distiller adds
 *       {@code α₀·CE} of the student's own predictions and weighs M by {@code α₁}).</li>
 * </ul>
 * Minimising over σ_c alone gives {@code σ_c³ = m_c / 2} for a mean squared mismatch {@code m_c}, i.e. a
 * per-channel value {@code 3 (m_c/2)^{2/3}}: channels that cannot be matched are down-weighted.
 *
 * <p>Parameters are two flat vectors, updated in different phases: the <b>student side</b>
 * {@code W_s (dS·k), b_s (k), ρ (k)} and the <b>teacher side</b> {@code W_t (dT·k), b_t (k), W_h (k·K),
 * b_h (K)}. Immutable and thread-safe; inputs are not modified; returned arrays are new.
 */
public final class RidTerm {

    private final int studentWidth;
    private final int teacherWidth;
    private final int filterWidth;
    private final int classes;

    private RidTerm(int studentWidth, int teacherWidth, int filterWidth, int classes) {
        this.studentWidth = studentWidth;
        this.teacherWidth = teacherWidth;
        this.filterWidth = filterWidth;
        this.classes = classes;
    }

    /**
     * @param studentWidth {@code dS}, at least 1
     * @param teacherWidth {@code dT}, at least 1
     * @param filterWidth {@code k}, the width of both filters' outputs, at least 1
     * @param classes {@code K}, the task head's classes, at least 2
     */
    public static RidTerm of(int studentWidth, int teacherWidth, int filterWidth, int classes) {
        checkArgument(studentWidth >= 1, "studentWidth must be >= 1, got %s", studentWidth);
        checkArgument(teacherWidth >= 1, "teacherWidth must be >= 1, got %s", teacherWidth);
        checkArgument(filterWidth >= 1, "filterWidth must be >= 1, got %s", filterWidth);
        checkArgument(classes >= 2, "classes must be >= 2, got %s", classes);
        return new RidTerm(studentWidth, teacherWidth, filterWidth, classes);
    }

    /** {@code "rid"}. */
    public String name() {
        return "rid";
    }

    /** {@code dS·k + 2k}. */
    public long studentParameterCount() {
        return (long) studentWidth * filterWidth + 2L * filterWidth;
    }

    /** {@code dT·k + k + k·K + K}. */
    public long teacherParameterCount() {
        return (long) teacherWidth * filterWidth + filterWidth + (long) filterWidth * classes + classes;
    }

    /** Glorot-normal student filter (seeded), zero bias, scales σ = 1. */
    public INDArray initialStudentParameters(long seed, DataType type) {
        double[] v = new double[(int) studentParameterCount()];
        FlatParameters.glorot(v, 0, studentWidth, filterWidth, new SplittableRandom(seed));
        int rho = studentWidth * filterWidth + filterWidth;
        Arrays.fill(v, rho, rho + filterWidth, FlatParameters.inverseSoftplusFloor(1.0));
        return FlatParameters.vector(v, type);
    }

    /** Glorot-normal teacher filter and head (seeded), zero biases. */
    public INDArray initialTeacherParameters(long seed, DataType type) {
        double[] v = new double[(int) teacherParameterCount()];
        SplittableRandom rng = new SplittableRandom(seed);
        FlatParameters.glorot(v, 0, teacherWidth, filterWidth, rng);
        FlatParameters.glorot(v, teacherWidth * filterWidth + filterWidth, filterWidth, classes, rng);
        return FlatParameters.vector(v, type);
    }

    /** The scales {@code σ_c}, {@code [1, k]}. */
    public INDArray scales(INDArray studentParameters) {
        INDArray p = FlatParameters.checkParameters(studentParameters, "studentParameters", studentParameterCount(),
                studentParameters.dataType());
        return Transforms.softPlus(rho(p), true).addi(FlatParameters.FLOOR);
    }

    /** The filtered teacher representation {@code f_t(T)}, {@code [n, k]}. */
    public INDArray teacherFilter(INDArray teacher, INDArray teacherParameters) {
        FlatParameters.checkRepresentation(teacher, "teacher", teacherWidth);
        INDArray q = FlatParameters.checkParameters(teacherParameters, "teacherParameters", teacherParameterCount(),
                teacher.dataType());
        return teacher.mmul(wt(q)).addiRowVector(bt(q));
    }

    /**
     * Phase (B): the matching term M and its gradients with respect to the student representation and the
     * student-side parameters (the teacher side is held fixed).
     *
     * @param student {@code [n, dS]}; not modified
     * @param teacher {@code [n, dT]}, same dtype; not modified
     */
    public RepresentationTermValue studentPhase(INDArray student, INDArray teacher, INDArray studentParameters,
            INDArray teacherParameters) {
        Matching m = match(student, teacher, studentParameters, teacherParameters);
        INDArray gradient = Nd4j.create(student.dataType(), 1, studentParameterCount());
        FlatParameters.matrix(gradient, 0, studentWidth, filterWidth).assign(student.transpose().mmul(m.gradDiff));
        FlatParameters.row(gradient, (long) studentWidth * filterWidth, filterWidth).assign(m.gradDiff.sum(true, 0));
        FlatParameters.row(gradient, (long) studentWidth * filterWidth + filterWidth, filterWidth)
                .assign(m.gradRho);
        return new RepresentationTermValue(m.loss, m.gradDiff.mmul(ws(m.p).transpose()), gradient);
    }

    /**
     * Phase (A): {@code CE(head(f_t(T)), y) + λ·M} and its gradient with respect to the teacher-side parameters
     * (the student and its filter held fixed).
     *
     * @param student {@code [n, dS]}, the student's current representation; not modified
     * @param teacher {@code [n, dT]}; not modified
     * @param labels the class of each row, in {@code [0, K)}
     * @param matchingWeight λ ≥ 0
     * @return the total, the head's cross-entropy, M, and the teacher-side gradient
     */
    public TeacherPhaseValue teacherPhase(INDArray student, INDArray teacher, int[] labels,
            INDArray studentParameters, INDArray teacherParameters, double matchingWeight) {
        checkNotNull(labels, "labels");
        checkArgument(matchingWeight >= 0 && Double.isFinite(matchingWeight),
                "matchingWeight must be finite and >= 0, got %s", matchingWeight);
        Matching m = match(student, teacher, studentParameters, teacherParameters);
        long n = teacher.size(0);
        checkArgument(labels.length == n, "labels has %s entries but teacher has %s rows", labels.length, n);
        INDArray onehot = Nd4j.create(teacher.dataType(), n, classes);
        for (int i = 0; i < n; i++) {
            checkArgument(labels[i] >= 0 && labels[i] < classes, "labels[%s] must be in [0, %s), got %s", i,
                    classes, labels[i]);
            onehot.putScalar(i, labels[i], 1.0);
        }
        INDArray logits = m.filtered.mmul(wh(m.q)).addiRowVector(bh(m.q));
        INDArray logP = LogSoftmax.of(logits);
        double ce = -logP.mul(onehot).sumNumber().doubleValue() / n;
        INDArray gradLogits = Transforms.exp(logP, true).subi(onehot).divi(n);
        // ∂/∂f_t: head back-propagation, and −λ·∂M/∂d from the matching term (d = f_s − f_t)
        INDArray gradFiltered = gradLogits.mmul(wh(m.q).transpose()).subi(m.gradDiff.mul(matchingWeight));
        INDArray gradient = Nd4j.create(teacher.dataType(), 1, teacherParameterCount());
        FlatParameters.matrix(gradient, 0, teacherWidth, filterWidth).assign(teacher.transpose().mmul(gradFiltered));
        long offset = (long) teacherWidth * filterWidth;
        FlatParameters.row(gradient, offset, filterWidth).assign(gradFiltered.sum(true, 0));
        offset += filterWidth;
        FlatParameters.matrix(gradient, offset, filterWidth, classes).assign(m.filtered.transpose().mmul(gradLogits));
        offset += (long) filterWidth * classes;
        FlatParameters.row(gradient, offset, classes).assign(gradLogits.sum(true, 0));
        return new TeacherPhaseValue(ce + matchingWeight * m.loss, ce, m.loss, gradient);
    }

    /**
     * The value of phase (A).
     *
     * @param loss {@code CE + λ·M}
     * @param headCrossEntropy the task head's cross-entropy (nats per row)
     * @param matching M
     * @param teacherGradient {@code [1, teacherParameterCount()]}
     */
    public record TeacherPhaseValue(double loss, double headCrossEntropy, double matching, INDArray teacherGradient) {
        /** Checks the gradient is present. */
        public TeacherPhaseValue {
            checkNotNull(teacherGradient, "teacherGradient");
        }
    }

    /** The forward pass shared by both phases, with ∂M/∂d and ∂M/∂ρ. */
    private Matching match(INDArray student, INDArray teacher, INDArray studentParameters,
            INDArray teacherParameters) {
        FlatParameters.checkRepresentation(student, "student", studentWidth);
        FlatParameters.checkRepresentation(teacher, "teacher", teacherWidth);
        FlatParameters.checkPair(student, "student", teacher, "teacher");
        INDArray p = FlatParameters.checkParameters(studentParameters, "studentParameters", studentParameterCount(),
                student.dataType());
        INDArray q = FlatParameters.checkParameters(teacherParameters, "teacherParameters", teacherParameterCount(),
                student.dataType());
        long n = student.size(0);
        double scale = 1.0 / (n * filterWidth);
        INDArray filtered = teacher.mmul(wt(q)).addiRowVector(bt(q));
        INDArray diff = student.mmul(ws(p)).addiRowVector(bs(p)).subi(filtered);
        INDArray rawRho = rho(p);
        INDArray sigma = Transforms.softPlus(rawRho, true).addi(FlatParameters.FLOOR);
        INDArray squaredSum = diff.mul(diff).sum(true, 0); // [1, k]
        double loss = scale * (n * sigma.mul(sigma).sumNumber().doubleValue()
                + squaredSum.div(sigma).sumNumber().doubleValue());
        INDArray gradDiff = diff.divRowVector(sigma).muli(2 * scale);
        // ∂M/∂σ_c = scale·Σ_i (2σ_c − d²_ic/σ_c²); ∂σ/∂ρ = sigmoid(ρ)
        INDArray gradSigma = sigma.mul(2.0 * n).subi(squaredSum.div(sigma.mul(sigma))).muli(scale);
        INDArray gradRho = gradSigma.muli(Transforms.sigmoid(rawRho, true));
        return new Matching(loss, p, q, filtered, gradDiff, gradRho);
    }

    private record Matching(double loss, INDArray p, INDArray q, INDArray filtered, INDArray gradDiff,
            INDArray gradRho) {
    }

    private INDArray ws(INDArray p) {
        return FlatParameters.matrix(p, 0, studentWidth, filterWidth);
    }

    private INDArray bs(INDArray p) {
        return FlatParameters.row(p, (long) studentWidth * filterWidth, filterWidth);
    }

    private INDArray rho(INDArray p) {
        return FlatParameters.row(p, (long) studentWidth * filterWidth + filterWidth, filterWidth);
    }

    private INDArray wt(INDArray q) {
        return FlatParameters.matrix(q, 0, teacherWidth, filterWidth);
    }

    private INDArray bt(INDArray q) {
        return FlatParameters.row(q, (long) teacherWidth * filterWidth, filterWidth);
    }

    private INDArray wh(INDArray q) {
        return FlatParameters.matrix(q, (long) teacherWidth * filterWidth + filterWidth, filterWidth, classes);
    }

    private INDArray bh(INDArray q) {
        return FlatParameters.row(q, (long) teacherWidth * filterWidth + filterWidth
                + (long) filterWidth * classes, classes);
    }

    @Override
    public String toString() {
        return "RidTerm[dS=" + studentWidth + ", dT=" + teacherWidth + ", k=" + filterWidth + ", K=" + classes + "]";
    }
}
