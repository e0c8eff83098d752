package org.distill4j.core.rid;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Variational Information Distillation term (S. Ahn, S. X. Hu, A. Damianou, N. D. Lawrence and Z. Dai,
 * <i>Variational Information Distillation for Knowledge Transfer</i>, CVPR 2019, arXiv:1904.05835, eq. 4–6): a
 * Gaussian variational distribution {@code q(t|s) = N(μ(s), diag σ²)} whose negative log-likelihood, up to a
 * constant, lower-bounds the mutual information between teacher and student representations:
 * <pre>
 *   L = mean_{i,k} ½ [ log σ_k² + (t_ik − μ_k(s_i))² / σ_k² ]
 * </pre>
 * with an affine regressor {@code μ(s) = s·W + b} and heteroscedastic per-channel variances
 * {@code σ_k² = softplus(α_k) + 10⁻³} (the paper's parametrisation; the RID authors' code starts at
 * {@code α = 5}). The mean runs over the batch and the teacher's channels (the authors' {@code torch.mean}); the
 * paper's sum over channels is {@code dT} times larger.
 *
 * <p>Parameters: one flat {@code [1, P]} vector {@code W (dS·dT, C order), b (dT), α (dT)}. Immutable and
 * thread-safe; inputs are not modified; the arrays returned are new.
 */
public final class VidTerm {

    /** The paper code's starting value of the raw variance parameter α. */
    public static final double DEFAULT_INITIAL_ALPHA = 5.0;

    private final int studentWidth;
    private final int teacherWidth;

    private VidTerm(int studentWidth, int teacherWidth) {
        this.studentWidth = studentWidth;
        this.teacherWidth = teacherWidth;
    }

    /**
     * A term regressing a {@code teacherWidth}-wide representation on a {@code studentWidth}-wide one.
     *
     * @throws IllegalArgumentException if a width is below 1
     */
    public static VidTerm of(int studentWidth, int teacherWidth) {
        checkArgument(studentWidth >= 1, "studentWidth must be >= 1, got %s", studentWidth);
        checkArgument(teacherWidth >= 1, "teacherWidth must be >= 1, got %s", teacherWidth);
        return new VidTerm(studentWidth, teacherWidth);
    }

    /** {@code "vid"}. */
    public String name() {
        return "vid";
    }

    /** The length of the parameter vector: {@code dS·dT + 2·dT}. */
    public long parameterCount() {
        return (long) studentWidth * teacherWidth + 2L * teacherWidth;
    }

    /** Glorot-normal regressor weights (seeded), zero biases, {@code α =} {@link #DEFAULT_INITIAL_ALPHA}. */
    public INDArray initialParameters(long seed, DataType type) {
        double[] v = new double[(int) parameterCount()];
        FlatParameters.glorot(v, 0, studentWidth, teacherWidth, new SplittableRandom(seed));
        int alpha = studentWidth * teacherWidth + teacherWidth;
        for (int k = 0; k < teacherWidth; k++) {
            v[alpha + k] = DEFAULT_INITIAL_ALPHA;
        }
        return FlatParameters.vector(v, type);
    }

    /** The per-channel variances {@code σ_k² = softplus(α_k) + 10⁻³}, {@code [1, dT]}. */
    public INDArray variances(INDArray parameters) {
        INDArray p = FlatParameters.checkParameters(parameters, "parameters", parameterCount(),
                parameters.dataType());
        return Transforms.softPlus(alpha(p), true).addi(FlatParameters.FLOOR);
    }

    /**
     * The loss and its gradients.
     *
     * @param student {@code [n, dS]}; not modified
     * @param teacher {@code [n, dT]}, same dtype; not modified
     * @param parameters {@code [1, P]} (or {@code [P]}), same dtype; not modified
     * @throws IllegalArgumentException on shape or dtype mismatches (both shapes in the message)
     */
    public RepresentationTermValue evaluate(INDArray student, INDArray teacher, INDArray parameters) {
        FlatParameters.checkRepresentation(student, "student", studentWidth);
        FlatParameters.checkRepresentation(teacher, "teacher", teacherWidth);
        FlatParameters.checkPair(student, "student", teacher, "teacher");
        INDArray p = FlatParameters.checkParameters(parameters, "parameters", parameterCount(), student.dataType());
        long n = student.size(0);
        double scale = 1.0 / (n * teacherWidth);
        INDArray w = FlatParameters.matrix(p, 0, studentWidth, teacherWidth);
        INDArray b = FlatParameters.row(p, (long) studentWidth * teacherWidth, teacherWidth);
        INDArray rawAlpha = alpha(p);
        INDArray variance = Transforms.softPlus(rawAlpha, true).addi(FlatParameters.FLOOR);
        INDArray residual = teacher.sub(student.mmul(w).addiRowVector(b)); // t − μ
        INDArray squared = residual.mul(residual);
        double loss = 0.5 * scale * (n * Transforms.log(variance, true).sumNumber().doubleValue()
                + squared.divRowVector(variance).sumNumber().doubleValue());

        INDArray gradMu = residual.divRowVector(variance).muli(-scale); // ∂L/∂μ
        INDArray gradient = Nd4j.create(student.dataType(), 1, parameterCount());
        FlatParameters.matrix(gradient, 0, studentWidth, teacherWidth).assign(student.transpose().mmul(gradMu));
        FlatParameters.row(gradient, (long) studentWidth * teacherWidth, teacherWidth).assign(gradMu.sum(true, 0));
        // ∂L/∂σ²_k = ½·scale·Σ_i (1/σ²_k − r²_ik/σ⁴_k); ∂σ²/∂α = sigmoid(α)
        INDArray inverse = variance.rdiv(1.0);
        INDArray gradVariance = inverse.mul(n).subi(squared.sum(true, 0).muli(inverse).muli(inverse))
                .muli(0.5 * scale);
        FlatParameters.row(gradient, (long) studentWidth * teacherWidth + teacherWidth, teacherWidth)
                .assign(gradVariance.muli(Transforms.sigmoid(rawAlpha, true)));
        INDArray gradStudent = gradMu.mmul(w.transpose());
        return new RepresentationTermValue(loss, gradStudent, gradient);
    }

    private INDArray alpha(INDArray p) {
        return FlatParameters.row(p, (long) studentWidth * teacherWidth + teacherWidth, teacherWidth);
    }

    @Override
    public String toString() {
        return "VidTerm[dS=" + studentWidth + ", dT=" + teacherWidth + "]";
    }
}
