package org.distill4j.core.distill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.progress.DistillationListener;
import org.distill4j.core.progress.EpochSummary;

/**
 * For crash tests run in a child JVM: after the given epoch (by then a checkpoint is written) writes a marker file
 * and sleeps, so that the parent can see the marker and kill the child with SIGKILL.
 */
public final class PauseAfterEpoch implements DistillationListener {

    private final Path marker;
    private final int epoch;

    /** Pauses after epoch {@code epoch} (0-based), signalling through {@code marker}. */
    public PauseAfterEpoch(Path marker, int epoch) {
        this.marker = marker;
        this.epoch = epoch;
    }

    @Override
    public void onEpoch(EpochSummary summary) {
        if (summary.epoch() == epoch) {
            try {
                markAndWait(marker);
            } catch (IOException | InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes {@code marker} and sleeps ten minutes, long enough to be killed. */
    public static void markAndWait(Path marker) throws IOException, InterruptedException {
        Files.writeString(marker, "checkpointed");
        Thread.sleep(600_000);
    }
}
