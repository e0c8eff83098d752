package org.distill4j.core;

/**
 * Thrown when a distillation cannot go on: the teacher threw while answering a batch, or a loss became NaN or
 * infinite. The message names the epoch and batch, and the last finite loss when there was one; the cause, if
 * any, is the teacher's exception. The caller's student, teacher and data are left as they were.
 */
public class DistillationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    /**
     * @param message what went wrong, naming the quantity
     * @param epoch the zero-based epoch, or -1 outside training
     * @param batch the zero-based batch within the epoch, or -1
     * @param cause the underlying failure, may be {@code null}
     */
    public DistillationException(String message, int epoch, int batch, Throwable cause) {
        super(message + " (epoch " + epoch + ", batch " + batch + ")", cause);
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The zero-based epoch at which the run failed, or -1. */
    public int epoch() {
        return epoch;
    }

    /** The zero-based batch within the epoch at which the run failed, or -1. */
    public int batch() {
        return batch;
    }
}
