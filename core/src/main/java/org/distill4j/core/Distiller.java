package org.distill4j.core;

import org.distill4j.core.transfer.TransferSource;

/**
 * A distillation algorithm: trains a new student of type {@code S} to imitate a teacher of type {@code T},
 * observing the teacher on inputs drawn from a {@link TransferSource}.
 *
 * <p>Implementations extend {@link org.distill4j.core.distill.AbstractDistiller}, which owns the loop, the
 * report and the PAC certificate, and override one step to make a new method. The teacher and the transfer
 * source are never modified; a failed call leaves every caller-owned object as it was.
 *
 * @param <T> the teacher family this algorithm imitates
 * @param <S> the student it produces
 */
public interface Distiller<T extends Teacher, S extends Student> {

    /**
     * Runs the distillation.
     *
     * @param teacher the model to imitate
     * @param transfer where the inputs shown to the teacher come from
     * @return the trained student and its report
     * @throws DistillationException if training fails (a teacher that throws, a non-finite loss)
     */
    Distillation<S> distill(T teacher, TransferSource transfer);
}
