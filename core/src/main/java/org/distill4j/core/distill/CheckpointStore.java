package org.distill4j.core.distill;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.distill4j.core.DistillationException;
import org.distill4j.core.Student;
import org.distill4j.core.io.ModelFile;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes the checkpoint files of one run's folder: {@code checkpoint.d4j} (a distill4j model file of
 * type {@value #TYPE}: the loop's state, the run's {@link RunState}, the distiller and settings it belongs to) and
 * the best student so far as {@code best-epoch<k>.d4j}, written before the checkpoint that names it. Stateless.
 */
final class CheckpointStore {

    static final String TYPE = "org.distill4j.Checkpoint";
    static final int VERSION = 1;
    static final String FILE = "checkpoint.d4j";
    private static final String RUN_PREFIX = "run.";
    private static final Pattern BEST_NAME = Pattern.compile("best-epoch[0-9]{1,9}\\.d4j");

    /** What a checkpoint file holds. */
    record Loaded(String distiller, String settings, Map<String, Object> loop, RunState run, Path bestStudent) {
    }

    /** Loads a student a distiller saved. */
    @FunctionalInterface
    interface StudentLoader<S> {
        S load(Path file) throws IOException;
    }

    private CheckpointStore() {
    }

    /** Writes a checkpoint of {@code run} and {@code loop}; failures become {@link DistillationException}s. */
    static <S extends Student> void save(Checkpointing checkpoints, String distiller, String settings,
            TrainingRun<S> run, LoopState<S> loop, long trainingNanos, long evaluationNanos, boolean bestChanged,
            int epoch) {
        if (!(run instanceof ResumableRun<?> resumable)) {
            throw new DistillationException(distiller + "'s run state cannot be checkpointed (it is not a "
                    + "ResumableRun)", epoch, -1, null);
        }
        try {
            write(checkpoints.directory(), distiller, settings, loop, trainingNanos, evaluationNanos,
                    resumable.saveState(), bestChanged);
        } catch (IOException e) {
            throw new DistillationException("writing the checkpoint failed: " + e.getMessage(), epoch, -1, e);
        }
    }

    /**
     * Reads the checkpoint in {@code dir} for a distiller of class {@code distiller} with {@code settings}.
     *
     * @throws IllegalArgumentException if it is unreadable or belongs to another distiller or settings
     */
    static Loaded readFor(Path dir, String distiller, String settings) {
        Loaded loaded;
        try {
            loaded = read(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resume: " + e.getMessage(), e);
        }
        checkArgument(loaded.distiller().equals(distiller), "the checkpoint in %s was written by %s, not %s", dir,
                loaded.distiller(), distiller);
        checkArgument(loaded.settings().equals(settings),
                "the checkpoint in %s was written with other settings: %s; this distiller has %s", dir,
                loaded.settings(), settings);
        return loaded;
    }

    /** Restores a freshly prepared run of at most {@code epochs} epochs and the loop state from {@code loaded}. */
    static <S extends Student> void restoreInto(Loaded loaded, TrainingRun<S> run, LoopState<S> loop, int epochs,
            StudentLoader<S> students) {
        checkArgument(run instanceof ResumableRun<?>, "this distiller's run state cannot be restored (not a "
                + "ResumableRun)");
        try {
            ((ResumableRun<?>) run).restoreState(loaded.run());
            loop.restoreFields(loaded.loop(), epochs);
            loop.best = loaded.bestStudent() == null ? null : students.load(loaded.bestStudent());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot resume from the checkpoint: " + e.getMessage(), e);
        }
    }

    static <S extends Student> void write(Path dir, String distiller, String settings, LoopState<S> loop,
            long trainingNanos, long evaluationNanos, RunState run, boolean bestChanged) throws IOException {
        Files.createDirectories(dir);
        String bestName = null;
        if (loop.best != null) {
            bestName = "best-epoch" + loop.bestEpoch + ".d4j";
            if (bestChanged || !Files.exists(dir.resolve(bestName))) {
                loop.best.save(dir.resolve(bestName));
            }
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("distiller", distiller);
        header.put("settings", settings);
        header.put("loop", loop.toFields(trainingNanos, evaluationNanos));
        header.put("run", run.fields());
        header.put("bestStudent", bestName);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        run.arrays().forEach((k, v) -> arrays.put(RUN_PREFIX + k, v));
        ModelFile.write(dir.resolve(FILE), TYPE, VERSION, header, arrays);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "best-epoch*.d4j")) {
            for (Path p : old) {
                if (!p.getFileName().toString().equals(bestName)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static Loaded read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new IOException("no checkpoint in " + dir + " (expected " + FILE + ")");
        }
        ModelFile.Contents c = ModelFile.read(file, TYPE);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        c.arrays().forEach((k, v) -> {
            if (k.startsWith(RUN_PREFIX)) {
                arrays.put(k.substring(RUN_PREFIX.length()), v);
            }
        });
        Object best = c.header().get("bestStudent");
        if (best != null && !(best instanceof String name && BEST_NAME.matcher(name).matches())) {
            throw new IOException("checkpoint field 'bestStudent' must be a file name best-epoch<k>.d4j, got "
                    + best);
        }
        return new Loaded(c.stringField("distiller"), c.stringField("settings"), object(c, "loop"),
                new RunState(object(c, "run"), arrays), best == null ? null : dir.resolve(best.toString()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(ModelFile.Contents c, String key) throws IOException {
        Object v = c.field(key);
        if (!(v instanceof Map<?, ?>)) {
            throw new IOException("checkpoint field '" + key + "' must be an object, got " + v);
        }
        return (Map<String, Object>) v;
    }
}
