package org.distill4j.core;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The outcome of a {@link Distiller} run: the trained student and the report of how it was obtained and how
 * faithful it is.
 *
 * @param student the trained student; owned by the caller
 * @param report losses, fidelity, PAC certificate, timings and provenance
 * @param <S> the student type
 */
public record Distillation<S extends Student>(S student, DistillationReport report) {

    /** Checks that both parts are present. */
    public Distillation {
        checkNotNull(student, "student");
        checkNotNull(report, "report");
    }
}
