package org.distill4j.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distill4j.core.fidelity.Fidelity;
import org.distill4j.core.pac.PacCertificate;

/**
 * What a distillation did and how well it went: the loss of every objective term per epoch, the validation
 * fidelity per epoch, the final fidelity and PAC certificate on fresh held-out draws, timings, and provenance
 * (distiller, configuration, seed, library version), so that a run can be replayed.
 *
 * @param distiller the distiller's class name
 * @param configuration the distiller's configuration, as its {@code toString()}
 * @param seed the seed every random choice of the run derived from
 * @param version the distill4j version that produced the run
 * @param lossPerTerm for each objective term (and {@code "total"}), its mean per epoch, in epoch order
 * @param validationFidelity the fidelity on the validation inputs after each epoch (empty without validation)
 * @param fidelity the final student's fidelity on the certificate's held-out draws, or {@code null}
 * @param certificate the PAC certificate, or {@code null} when no draws were held out for it
 * @param epochsRun the number of epochs trained
 * @param bestEpoch the zero-based epoch whose student was kept (the last, unless early stopping restored one)
 * @param stoppedEarly whether training ended before the configured number of epochs
 * @param teacherQueries the number of inputs the teacher answered (cached answers count once)
 * @param timings wall-clock times of the run's phases
 * @param warnings things the user should know, e.g. that the teacher's derivatives were finite differences
 */
public record DistillationReport(String distiller, String configuration, long seed, String version,
        Map<String, List<Double>> lossPerTerm, List<Fidelity> validationFidelity, Fidelity fidelity,
        PacCertificate certificate, int epochsRun, int bestEpoch, boolean stoppedEarly, long teacherQueries,
        Timings timings, List<String> warnings) {

    /** Copies collections and checks consistency. */
    public DistillationReport {
        checkNotNull(distiller, "distiller");
        checkNotNull(configuration, "configuration");
        checkNotNull(version, "version");
        checkNotNull(timings, "timings");
        checkArgument(epochsRun >= 0, "epochsRun must be >= 0, got %s", epochsRun);
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        lossPerTerm.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        lossPerTerm = java.util.Collections.unmodifiableMap(copy);
        validationFidelity = List.copyOf(validationFidelity);
        warnings = List.copyOf(warnings);
    }

    /** The final fidelity on held-out draws, when draws were held out. */
    public Optional<Fidelity> finalFidelity() {
        return Optional.ofNullable(fidelity);
    }

    /** The PAC certificate, when draws were held out for it. */
    public Optional<PacCertificate> pacCertificate() {
        return Optional.ofNullable(certificate);
    }

    /**
     * Wall-clock durations of a run.
     *
     * @param preparation building the student, splitting data, caching teacher outputs
     * @param training the epochs, including per-batch teacher queries
     * @param evaluation validation after each epoch and the final certificate
     * @param total the whole call
     */
    public record Timings(Duration preparation, Duration training, Duration evaluation, Duration total) {

        /** Checks presence. */
        public Timings {
            checkNotNull(preparation, "preparation");
            checkNotNull(training, "training");
            checkNotNull(evaluation, "evaluation");
            checkNotNull(total, "total");
        }
    }
}
