package org.distill4j.core.distill;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * When and where a distillation writes checkpoints: at the end of every {@code everyEpochs}-th epoch, and at the
 * end of any epoch once {@code everyInterval} has passed since the last checkpoint (zero: no time rule). A
 * checkpoint holds everything the run needs to continue exactly as if it had not stopped (the student, its
 * optimiser's state, the loop's history and the best student so far; random streams are re-derived from the
 * seed and the epoch), so {@link AbstractDistiller#resume} after a crash — even {@code kill -9} — ends with the
 * same student as an uninterrupted run with the same seed. Files are written atomically (see
 * {@link org.distill4j.core.io.ModelFile}); the previous checkpoint stays valid until the next one is complete.
 *
 * @param directory the folder of the checkpoint files (created if missing)
 * @param everyEpochs write after every this many epochs, at least 1
 * @param everyInterval also write at the end of an epoch once this long has passed since the last checkpoint;
 *     {@link Duration#ZERO} for no time rule
 */
public record Checkpointing(Path directory, int everyEpochs, Duration everyInterval) {

    /** Validates the fields. */
    public Checkpointing {
        checkNotNull(directory, "directory");
        checkArgument(everyEpochs >= 1, "everyEpochs must be >= 1, got %s", everyEpochs);
        checkNotNull(everyInterval, "everyInterval");
        checkArgument(!everyInterval.isNegative(), "everyInterval must be >= 0, got %s", everyInterval);
    }

    /** A checkpoint at the end of every epoch, in {@code directory}. */
    public static Checkpointing everyEpoch(Path directory) {
        return new Checkpointing(directory, 1, Duration.ZERO);
    }

    /**
     * Whether a checkpoint is due after {@code epoch} (0-based; an EM iteration or a block of samples for
     * distillers that count those) when {@code sinceLast} has passed since the last one.
     */
    public boolean due(int epoch, Duration sinceLast) {
        return (epoch + 1) % everyEpochs == 0
                || (!everyInterval.isZero() && sinceLast.compareTo(everyInterval) >= 0);
    }
}
