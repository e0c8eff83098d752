package org.distill4j.core.distill;

import org.distill4j.core.Student;

/**
 * A {@link TrainingRun} that can be checkpointed and resumed (issue: reliability): it writes its mutable state
 * — the student being trained, the optimiser's state, counters — and restores it into a freshly
 * {@linkplain AbstractDistiller#prepare prepared} run, after which the run behaves exactly as the one that wrote
 * it. Caches that {@code prepare} rebuilds (e.g. the teacher's answers) need not be saved.
 *
 * @param <S> the student type
 */
public interface ResumableRun<S extends Student> extends TrainingRun<S> {

    /** The state to checkpoint now (copies, or arrays this run no longer changes). */
    RunState saveState();

    /**
     * Replaces this freshly prepared run's state by {@code state}.
     *
     * @throws IllegalArgumentException if the state does not fit this run (other shapes, missing entries)
     */
    void restoreState(RunState state);
}
