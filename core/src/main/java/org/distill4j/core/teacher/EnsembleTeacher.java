package org.distill4j.core.teacher;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distill4j.core.ConditionalTeacher;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

/**
 * An ensemble that predicts the mean of its members' probabilities, {@code p̄(y|x) = (1/M) Σ_m p_m(y|x)}: the
 * teacher of Papamakarios (2015, arXiv 1510.02437, ch. 2), 30 ReLU networks trained on bootstrap resamples and
 * compressed into one small network. Probabilities are averaged, never logits: a mean of logits is a different
 * (geometric, renormalised) model.
 *
 * <p><b>Capabilities.</b> {@link #averagingProbabilities} returns an instance whose run-time class implements
 * {@link HasInputJacobian} exactly when every member does, and {@link HasParameterCount} exactly when every member
 * does (the count is the sum); test with {@code instanceof}. The Jacobian of the log of the mean is exact given
 * the members' Jacobians:
 * {@code ∂ log p̄_k / ∂x = Σ_m p^m_k · ∂ log p^m_k / ∂x / (M p̄_k)}; where {@code p̄_k} is exactly 0 (every
 * member's {@code p^m_k} underflowed) the members' derivatives are averaged with equal weights instead. It is
 * exact ({@link HasInputJacobian#hasExactDerivatives()}) when every member's is.
 *
 * <p><b>Shapes and ownership.</b> Inputs {@code [n, d]} are validated here and passed to every member, which does
 * not modify them; results are new caller-owned arrays in the data type of the first member's answer
 * ({@code predict}: {@code [n, K]}, Jacobian {@code [n, K, d]}).
 *
 * <p><b>Thread-safety.</b> Immutable; thread-safe when its members are (every distill4j teacher is).
 */
public sealed class EnsembleTeacher implements ConditionalTeacher {

    private final List<ConditionalTeacher> members;
    private final int inputSize;
    private final int outputSize;

    private EnsembleTeacher(List<ConditionalTeacher> members) {
        this.members = members;
        this.inputSize = members.get(0).inputSize();
        this.outputSize = members.get(0).outputSize();
    }

    /**
     * The ensemble averaging the probabilities of {@code members}.
     *
     * @param members at least one teacher, all with the same input and output sizes; the list is copied
     * @return an ensemble implementing {@link HasInputJacobian} and {@link HasParameterCount} where all members do
     * @throws IllegalArgumentException if {@code members} is empty or sizes differ (naming the member index and
     *     both sizes)
     */
    public static EnsembleTeacher averagingProbabilities(List<? extends ConditionalTeacher> members) {
        checkNotNull(members, "members");
        checkArgument(!members.isEmpty(), "members must contain at least one teacher, got none");
        List<ConditionalTeacher> copy = new ArrayList<>(members.size());
        boolean differentiable = true;
        boolean counted = true;
        for (int m = 0; m < members.size(); m++) {
            ConditionalTeacher member = checkNotNull(members.get(m), "members[%s]", m);
            checkArgument(member.inputSize() == members.get(0).inputSize(),
                    "member %s has inputSize %s but member 0 has inputSize %s", m, member.inputSize(),
                    members.get(0).inputSize());
            checkArgument(member.outputSize() == members.get(0).outputSize(),
                    "member %s has outputSize %s but member 0 has outputSize %s", m, member.outputSize(),
                    members.get(0).outputSize());
            differentiable &= member instanceof HasInputJacobian;
            counted &= member instanceof HasParameterCount;
            copy.add(member);
        }
        List<ConditionalTeacher> frozen = List.copyOf(copy);
        if (differentiable && counted) {
            return new WithJacobianAndCount(frozen);
        } else if (differentiable) {
            return new WithJacobian(frozen);
        } else if (counted) {
            return new WithCount(frozen);
        }
        return new EnsembleTeacher(frozen);
    }

    /** The members, in the order given; an unmodifiable list. */
    public List<ConditionalTeacher> members() {
        return members;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    /**
     * The mean of the members' probabilities.
     *
     * @param inputs {@code [n, d]} finite values, not modified
     * @return a new {@code [n, K]} array
     */
    @Override
    public INDArray predict(INDArray inputs) {
        TeacherInputs.checkBatch(inputs, inputSize, "inputs");
        return mean(memberProbabilities(inputs));
    }

    private List<INDArray> memberProbabilities(INDArray inputs) {
        List<INDArray> answers = new ArrayList<>(members.size());
        for (int m = 0; m < members.size(); m++) {
            INDArray p = members.get(m).predict(inputs);
            checkState(p.rank() == 2 && p.size(0) == inputs.size(0) && p.size(1) == outputSize,
                    "member %s answered shape %s, expected [%s, %s]", m, Arrays.toString(p.shape()),
                    inputs.size(0), outputSize);
            answers.add(m == 0 ? p : p.castTo(answers.get(0).dataType()));
        }
        return answers;
    }

    private INDArray mean(List<INDArray> probabilities) {
        INDArray sum = probabilities.get(0).dup('c');
        for (int m = 1; m < probabilities.size(); m++) {
            sum.addi(probabilities.get(m));
        }
        return sum.divi(probabilities.size());
    }

    /**
     * The weights {@code w^m_k = p^m_k / (M p̄_k)} of the members' log-derivatives, {@code [n, K]} each; equal
     * weights {@code 1/M} where {@code p̄_k = 0}.
     */
    private List<INDArray> derivativeWeights(List<INDArray> probabilities) {
        INDArray total = probabilities.get(0).dup('c');
        for (int m = 1; m < probabilities.size(); m++) {
            total.addi(probabilities.get(m));
        }
        INDArray vanished = total.eq(0.0).castTo(total.dataType());
        INDArray denominator = total.addi(vanished.mul(probabilities.size()));
        List<INDArray> weights = new ArrayList<>(probabilities.size());
        for (INDArray p : probabilities) {
            weights.add(p.add(vanished).divi(denominator));
        }
        return weights;
    }

    /** {@code ∂ log p̄ / ∂x}, {@code [n, K, d]}; only for differentiable members. */
    final INDArray jacobianOfMean(INDArray inputs) {
        TeacherInputs.checkBatch(inputs, inputSize, "inputs");
        if (DenseEnsembleJacobian.supports(members)) {
            return DenseEnsembleJacobian.jacobianOfMean(members, inputs); // one forward pass per member
        }
        List<INDArray> weights = derivativeWeights(memberProbabilities(inputs));
        INDArray result = null;
        for (int m = 0; m < members.size(); m++) {
            INDArray jacobian = ((HasInputJacobian) members.get(m)).logProbabilityJacobian(inputs);
            checkState(jacobian.rank() == 3 && jacobian.size(0) == inputs.size(0) && jacobian.size(1) == outputSize
                    && jacobian.size(2) == inputSize, "member %s answered a Jacobian of shape %s, expected [%s, %s, %s]",
                    m, Arrays.toString(jacobian.shape()), inputs.size(0), outputSize, inputSize);
            // members answer new arrays (ConditionalTeacher's contract): use it in place when it has the right
            // layout, else convert and free large ones at once
            boolean usable = jacobian.dataType() == weights.get(0).dataType() && jacobian.ordering() == 'c'
                    && !jacobian.isView();
            INDArray term = usable ? jacobian : jacobian.castTo(weights.get(0).dataType()).dup('c');
            if (!usable) {
                free(jacobian);
            }
            Broadcast.mul(term, weights.get(m), term, 0, 1);
            if (result == null) {
                result = term;
            } else {
                result.addi(term);
                free(term);
            }
        }
        return result;
    }

    /** Returns an array's native memory now rather than when the garbage collector finds it. */
    private static void free(INDArray array) {
        if (array.closeable()) {
            array.close();
        }
    }

    /** {@code (∂ log p̄ / ∂x) · v} per row, {@code [n, K]}, from the members' Jacobian-vector products. */
    final INDArray jvpOfMean(INDArray inputs, INDArray directions) {
        TeacherInputs.checkBatch(inputs, inputSize, "inputs");
        TeacherInputs.checkDirections(directions, inputs);
        List<INDArray> weights = derivativeWeights(memberProbabilities(inputs));
        INDArray result = null;
        for (int m = 0; m < members.size(); m++) {
            INDArray jvp = ((HasInputJacobian) members.get(m)).logProbabilityJvp(inputs, directions);
            INDArray term = jvp.castTo(weights.get(0).dataType()).mul(weights.get(m));
            result = result == null ? term : result.addi(term);
        }
        return result;
    }

    final boolean allExact() {
        return members.stream().allMatch(member -> ((HasInputJacobian) member).hasExactDerivatives());
    }

    final long totalParameters() {
        return members.stream().mapToLong(member -> ((HasParameterCount) member).parameterCount()).sum();
    }

    @Override
    public String toString() {
        return "EnsembleTeacher[" + members.size() + " members, " + inputSize + " -> " + outputSize
                + "]";
    }

    /** An ensemble of members that all count their parameters. */
    private static final class WithCount extends EnsembleTeacher implements HasParameterCount {
        WithCount(List<ConditionalTeacher> members) {
            super(members);
        }

        @Override
        public long parameterCount() {
            return totalParameters();
        }
    }

    /** An ensemble of members that all have input Jacobians. */
    private static final class WithJacobian extends EnsembleTeacher implements HasInputJacobian {
        WithJacobian(List<ConditionalTeacher> members) {
            super(members);
        }

        @Override
        public INDArray logProbabilityJacobian(INDArray inputs) {
            return jacobianOfMean(inputs);
        }

        @Override
        public INDArray logProbabilityJvp(INDArray inputs, INDArray directions) {
            return jvpOfMean(inputs, directions);
        }

        @Override
        public boolean hasExactDerivatives() {
            return allExact();
        }
    }

    /** An ensemble of members that all have input Jacobians and count their parameters. */
    private static final class WithJacobianAndCount extends EnsembleTeacher
            implements HasInputJacobian, HasParameterCount {
        WithJacobianAndCount(List<ConditionalTeacher> members) {
            super(members);
        }

        @Override
        public INDArray logProbabilityJacobian(INDArray inputs) {
            return jacobianOfMean(inputs);
        }

        @Override
        public INDArray logProbabilityJvp(INDArray inputs, INDArray directions) {
            return jvpOfMean(inputs, directions);
        }

        @Override
        public boolean hasExactDerivatives() {
            return allExact();
        }

        @Override
        public long parameterCount() {
            return totalParameters();
        }
    }
}
