package org.distill4j.core.distill;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import org.distill4j.core.DistillationException;
import org.distill4j.core.Student;

/**
 * Checkpoint files for distillers that run their own loop instead of {@link AbstractDistiller}'s (online MCMC
 * distillation, EM): the whole run state — student, optimiser, chain, counters, loss history — goes into one
 * {@link RunState}, written in the same file format as {@link AbstractDistiller}'s checkpoints
 * ({@code checkpoint.d4j} in the policy's folder, a distill4j model file with a CRC32, written atomically so the
 * previous checkpoint stays valid until the next is complete), and tagged with the distiller's class and settings
 * so that another distiller's or configuration's checkpoint is refused. Stateless; thread-safe.
 */
public final class RunCheckpoints {

    private RunCheckpoints() {
    }

    /**
     * Writes {@code state} as the checkpoint of a run of {@code distiller} with {@code settings}.
     *
     * @param epoch the epoch (or iteration) just finished, for the error message
     * @throws DistillationException if writing fails
     */
    public static void write(Checkpointing policy, Class<?> distiller, String settings, RunState state, int epoch) {
        checkNotNull(policy, "policy");
        checkNotNull(distiller, "distiller");
        checkNotNull(settings, "settings");
        checkNotNull(state, "state");
        try {
            CheckpointStore.write(policy.directory(), distiller.getName(), settings, new LoopState<Student>(), 0, 0,
                    state, false);
        } catch (IOException e) {
            throw new DistillationException("writing the checkpoint failed: " + e.getMessage(), epoch, -1, e);
        }
    }

    /**
     * Reads the run state of the checkpoint in {@code directory}.
     *
     * @throws IllegalArgumentException if there is no readable checkpoint, or it was written by another distiller
     *     class or with other settings (both named)
     */
    public static RunState read(Path directory, Class<?> distiller, String settings) {
        checkNotNull(directory, "checkpointDirectory");
        checkNotNull(distiller, "distiller");
        checkNotNull(settings, "settings");
        CheckpointStore.Loaded loaded = CheckpointStore.readFor(directory, distiller.getName(), settings);
        checkArgument(loaded.run() != null, "the checkpoint in %s holds no run state", directory);
        return loaded.run();
    }
}
