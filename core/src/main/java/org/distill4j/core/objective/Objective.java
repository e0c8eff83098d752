package org.distill4j.core.objective;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A distillation objective: a weighted sum of {@link ObjectiveTerm}s, each reported separately (Papamakarios
 * 2015, ch. 2: {@code L_value + λ · L_deriv}).
 *
 * <pre>{@code
 * Objective objective = Objective.builder()
 *         .term(SoftTargetCrossEntropy.atTemperature(1.0), 1.0)
 *         .term(DerivativeMatching.onLogProbabilities(), 1.0 / 784)
 *         .build();
 * }</pre>
 *
 * <p>The gradients a term returns are taken over by the objective, which scales and sums them in place: terms
 * must return fresh arrays, as every distill4j term does.
 *
 * <p>Immutable and thread-safe.
 */
public final class Objective {

    /**
     * A term and its weight.
     *
     * @param term the term
     * @param weight finite and {@code >= 0}
     */
    public record WeightedTerm(ObjectiveTerm term, double weight) {

        /** Checks the weight. */
        public WeightedTerm {
            checkNotNull(term, "term");
            checkArgument(weight >= 0 && Double.isFinite(weight),
                    "weight of term %s must be finite and >= 0, got %s", term.name(), weight);
        }
    }

    private final List<WeightedTerm> terms;
    private final boolean needsJacobian;

    private Objective(List<WeightedTerm> terms) {
        this.terms = List.copyOf(terms);
        this.needsJacobian = terms.stream().anyMatch(t -> t.term().needsJacobian());
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The objective made of one term with weight 1. */
    public static Objective of(ObjectiveTerm term) {
        return builder().term(term, 1.0).build();
    }

    /** The terms and weights, in the order given. */
    public List<WeightedTerm> terms() {
        return terms;
    }

    /** Whether some term needs the student's and teacher's log-probability Jacobians. */
    public boolean needsJacobian() {
        return needsJacobian;
    }

    /**
     * Evaluates every term on a batch and sums them with their weights.
     *
     * @param student the student's outputs; must carry its Jacobian when {@link #needsJacobian()}; not modified
     * @param teacher the teacher's targets on the same rows; not modified
     * @return the total, each term's unweighted loss, and the weighted gradients
     * @throws IllegalArgumentException if shapes disagree (both shapes in the message), the teacher's
     *     probabilities are not finite, or a term's needed input is missing
     */
    public ObjectiveValue evaluate(StudentOutputs student, TeacherTargets teacher) {
        checkNotNull(student, "student");
        checkNotNull(teacher, "teacher");
        if (!Arrays.equals(student.logits().shape(), teacher.probabilities().shape())) {
            throw new IllegalArgumentException(String.format(
                    "student logits %s and teacher probabilities %s must have the same shape [n, K]",
                    Arrays.toString(student.logits().shape()), Arrays.toString(teacher.probabilities().shape())));
        }
        checkArgument(TermMath.isFinite(teacher.probabilities()),
                "teacher probabilities must be finite, got NaN or infinite values");
        if (needsJacobian) {
            checkArgument(student.logProbabilityJacobian() != null,
                    "objective %s needs the student's log-probability Jacobian, which is absent", this);
            checkArgument(teacher.logProbabilityJacobian() != null,
                    "objective %s needs the teacher's log-probability Jacobian, which is absent", this);
        }
        Map<String, Double> losses = new LinkedHashMap<>();
        double total = 0;
        INDArray logitGradient = null;
        INDArray jacobianGradient = null;
        for (WeightedTerm wt : terms) {
            TermValue v = wt.term().evaluate(student, teacher);
            double w = wt.weight();
            losses.put(wt.term().name(), v.loss());
            total += w * v.loss();
            logitGradient = accumulate(logitGradient, v.logitGradient(), w);
            if (v.jacobianGradient() != null) {
                jacobianGradient = accumulate(jacobianGradient, v.jacobianGradient(), w);
            }
        }
        return new ObjectiveValue(total, losses, logitGradient, jacobianGradient);
    }

    private static INDArray accumulate(INDArray sum, INDArray gradient, double weight) {
        if (sum == null) {
            return weight == 1.0 ? gradient : gradient.muli(weight);
        }
        if (weight == 0.0) {
            return sum;
        }
        return sum.addi(weight == 1.0 ? gradient : gradient.muli(weight));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Objective && ((Objective) o).terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Objective[");
        for (int i = 0; i < terms.size(); i++) {
            s.append(i == 0 ? "" : " + ").append(terms.get(i).weight()).append('·').append(terms.get(i).term().name());
        }
        return s.append(']').toString();
    }

    /** Builds an {@link Objective}; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {

        private final List<ObjectiveTerm> terms = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a term with its weight.
         *
         * @param term the term
         * @param weight finite and {@code >= 0} (checked in {@link #build()})
         */
        public Builder term(ObjectiveTerm term, double weight) {
            terms.add(term);
            weights.add(weight);
            return this;
        }

        /**
         * The objective.
         *
         * @throws IllegalArgumentException if there is no term, a weight is negative or not finite, or two terms
         *     share a name
         */
        public Objective build() {
            checkArgument(!terms.isEmpty(), "an objective needs at least one term");
            List<WeightedTerm> list = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < terms.size(); i++) {
                checkArgument(terms.get(i) != null, "term #%s must not be null", i);
                String name = terms.get(i).name();
                checkArgument(names.add(name), "term names must be unique, got %s twice", name);
                list.add(new WeightedTerm(terms.get(i), weights.get(i)));
            }
            return new Objective(list);
        }
    }
}
