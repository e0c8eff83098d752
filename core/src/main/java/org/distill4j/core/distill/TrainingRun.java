package org.distill4j.core.distill;

import java.util.List;
import org.distill4j.core.Student;

/**
 * The mutable state of one distillation run (the student being trained, optimiser state, caches), created by
 * {@link AbstractDistiller#prepare} and discarded when the run ends. Not thread-safe; never shared between runs.
 *
 * @param <S> the student type
 */
public interface TrainingRun<S extends Student> {

    /** An independent, immutable copy of the student as it is now. */
    S snapshot();

    /** How many inputs the teacher has answered so far (cached answers count once). */
    default long teacherQueries() {
        return 0;
    }

    /** Things the report should tell the user, e.g. that the teacher's derivatives are approximate. */
    default List<String> warnings() {
        return List.of();
    }
}
