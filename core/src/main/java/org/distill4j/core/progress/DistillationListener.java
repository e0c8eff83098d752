package org.distill4j.core.progress;

import java.util.Map;
import org.distill4j.core.DistillationReport;

/**
 * Receives progress events of a distillation. Every method has an empty default, so a listener overrides only
 * what it needs. Listeners are called on the distilling thread; they must be quick and must not throw (an
 * exception from a listener is logged and otherwise ignored, so that monitoring cannot break training).
 */
public interface DistillationListener {

    /**
     * Called once before the first epoch.
     *
     * @param distiller the distiller's class name
     * @param seed the run's seed
     * @param epochs the configured maximum number of epochs
     */
    default void onStart(String distiller, long seed, int epochs) {
    }

    /**
     * Called after every batch.
     *
     * @param epoch zero-based epoch
     * @param batch zero-based batch within the epoch
     * @param losses this batch's loss per objective term, and {@code "total"}
     */
    default void onBatch(int epoch, int batch, Map<String, Double> losses) {
    }

    /** Called after every epoch, after validation. */
    default void onEpoch(EpochSummary summary) {
    }

    /** Called once with the final report. */
    default void onEnd(DistillationReport report) {
    }
}
