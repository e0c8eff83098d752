package org.distill4j.core.objective;

/**
 * One term of a distillation objective: a differentiable function of the student's outputs and the teacher's
 * targets on a batch. Terms are immutable and thread-safe; the {@code ObjectiveTermContract} of the core test
 * kit checks that each reports a finite value, is non-negative, and that its gradient agrees with finite
 * differences.
 */
public interface ObjectiveTerm {

    /** A short stable name, used as the key of this term in reports (e.g. {@code "soft_ce_T2"}). */
    String name();

    /** Whether this term needs the student's and the teacher's input-Jacobians. */
    default boolean needsJacobian() {
        return false;
    }

    /**
     * The term's value (a mean over the batch) and its gradients.
     *
     * @param student the student's outputs on the batch; not modified
     * @param teacher the teacher's targets on the same rows; not modified
     * @throws IllegalArgumentException if the shapes disagree or a needed part is missing
     */
    TermValue evaluate(StudentOutputs student, TeacherTargets teacher);
}
