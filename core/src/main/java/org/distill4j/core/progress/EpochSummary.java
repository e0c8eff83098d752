package org.distill4j.core.progress;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.distill4j.core.fidelity.Fidelity;

/**
 * What happened in one epoch of a distillation.
 *
 * @param epoch the zero-based epoch just finished
 * @param epochs the configured maximum number of epochs
 * @param losses the mean loss of each objective term over the epoch's batches, and {@code "total"}
 * @param validation the validation fidelity after the epoch, or {@code null} without validation inputs
 * @param elapsed time since the run started
 * @param remaining estimated time to the last epoch (elapsed per epoch × epochs left)
 */
public record EpochSummary(int epoch, int epochs, Map<String, Double> losses, Fidelity validation,
        Duration elapsed, Duration remaining) {

    /** Copies the loss map, keeping its order. */
    public EpochSummary {
        checkNotNull(losses, "losses");
        checkNotNull(elapsed, "elapsed");
        checkNotNull(remaining, "remaining");
        losses = Collections.unmodifiableMap(new LinkedHashMap<>(losses));
    }

    /** The validation fidelity, when validation inputs were held out. */
    public Optional<Fidelity> validationFidelity() {
        return Optional.ofNullable(validation);
    }
}
