package org.distill4j.core.distill;

import java.nio.file.Path;
import org.distill4j.core.Distillation;
import org.distill4j.core.Distiller;
import org.distill4j.core.Student;
import org.distill4j.core.Teacher;
import org.distill4j.core.transfer.TransferSource;

/**
 * A {@link Distiller} whose runs can write checkpoints and be resumed after a crash ({@code kill -9} included),
 * ending with the same student as an uninterrupted run with the same seed. {@link AbstractDistiller} is one; so
 * are the distillers that run their own loop and checkpoint through {@link RunCheckpoints}. A distiller that
 * cannot resume (nothing iterative to resume) says so in its Javadoc and throws from {@link #withCheckpoints}.
 *
 * @param <T> the teacher family
 * @param <S> the student type
 */
public interface ResumableDistiller<T extends Teacher, S extends Student> extends Distiller<T, S> {

    /**
     * Makes later runs write checkpoints as {@code checkpointing} says.
     *
     * @return this distiller, for chaining
     * @throws UnsupportedOperationException if this distiller cannot checkpoint (the message says why)
     */
    ResumableDistiller<T, S> withCheckpoints(Checkpointing checkpointing);

    /**
     * Continues the run whose latest checkpoint is in {@code checkpointDirectory}, with the same teacher, transfer
     * source and configuration as when it was written.
     *
     * @throws IllegalArgumentException if the checkpoint is unreadable or belongs to another distiller or settings
     */
    Distillation<S> resume(T teacher, TransferSource transfer, Path checkpointDirectory);
}
