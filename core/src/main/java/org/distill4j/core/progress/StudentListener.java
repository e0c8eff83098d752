package org.distill4j.core.progress;

import org.distill4j.core.Student;

/**
 * A {@link DistillationListener} that also sees the student at the end of every epoch, e.g. to measure its
 * representation (distillable and distilled knowledge, Dissanayake et al. 2025, arXiv:2411.07483). The loop takes
 * an immutable snapshot of the student for it (only when such a listener is registered) and calls
 * {@link #onEpochStudent} right after {@link #onEpoch}. The same rules hold as for every listener: called on the
 * distilling thread, must not throw (an exception is logged and ignored), must not keep the run waiting long.
 */
public interface StudentListener extends DistillationListener {

    /**
     * Called after every epoch, after {@link #onEpoch}.
     *
     * @param epoch the zero-based epoch just finished
     * @param student an immutable snapshot of the student as it is after this epoch
     */
    void onEpochStudent(int epoch, Student student);
}
