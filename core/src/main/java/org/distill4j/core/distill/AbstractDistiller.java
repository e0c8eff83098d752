package org.distill4j.core.distill;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Stopwatch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.DistillationReport;
import org.distill4j.core.Student;
import org.distill4j.core.Teacher;
import org.distill4j.core.Version;
import org.distill4j.core.fidelity.Fidelity;
import org.distill4j.core.linalg.NativeThreads;
import org.distill4j.core.pac.PacCertificate;
import org.distill4j.core.progress.DistillationListener;
import org.distill4j.core.progress.EpochSummary;
import org.distill4j.core.transfer.HoldOut;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The distillation loop, shared by every distiller. {@link #distill} is a final template method: it splits off
 * held-out inputs, asks {@link #prepare} for a {@link TrainingRun}, then for each epoch feeds every batch of the
 * transfer source through {@link #nextBatch} and {@link #step}, scores the student on validation inputs with
 * {@link #evaluate}, asks {@link #shouldStop}, and finally certifies the kept student on fresh draws (a PAC
 * certificate, Boix-Adsera 2024, Definition 1) and writes the {@link DistillationReport}.
 *
 * <p>A new method is a subclass overriding one hook; the base keeps the loop, the report and the certificate.
 * Failures: an exception from the teacher or a step becomes a {@link DistillationException} naming the epoch and
 * batch; a NaN or infinite loss stops the run with the last finite loss in the message. The caller's teacher,
 * transfer data and any warm-start student are never modified.
 *
 * <p>With {@link #withCheckpoints} a run writes checkpoints between epochs and {@link #resume} continues it after
 * a crash, as an uninterrupted run would. A distiller holds its configuration, listeners and checkpoint policy; one
 * instance may run several distillations, also concurrently (each with its own checkpoint folder).
 *
 * @param <T> the teacher family
 * @param <S> the student type
 * @param <R> the run state type
 */
public abstract class AbstractDistiller<T extends Teacher, S extends Student, R extends TrainingRun<S>>
        implements ResumableDistiller<T, S> {

    private static final int PREDICT_CHUNK = 2048;

    private final TrainingSettings settings;
    private final ListenerRelay listeners = new ListenerRelay();
    private volatile Checkpointing checkpointing;

    /** @param settings the loop settings (epochs, batch size, seed, held-out sizes, early stopping) */
    protected AbstractDistiller(TrainingSettings settings) {
        this.settings = checkNotNull(settings, "settings");
    }

    /** The loop settings. */
    public final TrainingSettings settings() {
        return settings;
    }

    /**
     * Adds a progress listener to every later run of this distiller.
     *
     * @return this distiller, for chaining
     */
    public AbstractDistiller<T, S, R> withListener(DistillationListener listener) {
        listeners.add(checkNotNull(listener, "listener"));
        return this;
    }

    @Override
    public final Distillation<S> distill(T teacher, TransferSource transfer) {
        return execute(teacher, transfer, null);
    }

    /**
     * Writes checkpoints as {@code checkpointing} says, so that a stopped run can be {@linkplain #resume resumed}
     * (the run state must be a {@link ResumableRun}; otherwise {@link #distill} fails at the first checkpoint).
     */
    @Override
    public AbstractDistiller<T, S, R> withCheckpoints(Checkpointing checkpointing) {
        this.checkpointing = checkNotNull(checkpointing, "checkpointing");
        return this;
    }

    /**
     * Continues the run whose latest checkpoint is in {@code checkpointDirectory}, with the same teacher and
     * transfer source (and this distiller configured as when it was written); ends with the same student and
     * report contents as an uninterrupted run with the same seed (timings aside). Checkpoints keep being written
     * if {@link #withCheckpoints} is set.
     *
     * @throws IllegalArgumentException if the checkpoint is unreadable or belongs to another distiller or settings
     */
    @Override
    public final Distillation<S> resume(T teacher, TransferSource transfer, Path checkpointDirectory) {
        checkNotNull(checkpointDirectory, "checkpointDirectory");
        CheckpointStore.Loaded loaded = CheckpointStore.readFor(checkpointDirectory, getClass().getName(), describe());
        return execute(teacher, transfer, loaded);
    }

    private Distillation<S> execute(T teacher, TransferSource transfer, CheckpointStore.Loaded resumeFrom) {
        NativeThreads.applyDefaultOnce();
        checkNotNull(teacher, "teacher");
        checkNotNull(transfer, "transfer");
        checkArgument(teacher.inputSize() == transfer.inputSize(),
                "transfer inputs have %s features but the teacher expects %s", transfer.inputSize(),
                teacher.inputSize());
        validate(teacher, transfer);

        Stopwatch total = Stopwatch.createStarted();
        SplittableRandom root = new SplittableRandom(settings.seed());
        SplittableRandom splitRng = root.split();
        SplittableRandom prepareRng = root.split();
        SplittableRandom trainRng = root.split();

        int held = settings.validationSize() + settings.certificateSize();
        HoldOut split = held > 0 ? transfer.holdOut(held, splitRng) : new HoldOut(transfer, null, null);
        INDArray validation = rows(split.heldOut(), 0, settings.validationSize());
        INDArray certification = rows(split.heldOut(), settings.validationSize(), held);
        Optional<INDArray> validationTargets = validation == null ? Optional.empty()
                : guarded("answering the validation inputs", -1, () -> teacherOutputs(teacher, validation));
        R run = guarded("preparing the run", -1, () -> prepare(teacher, split.train(), prepareRng));
        LoopState<S> loop = new LoopState<>();
        if (resumeFrom != null) {
            CheckpointStore.restoreInto(resumeFrom, run, loop, settings.epochs(), this::loadStudent);
            for (int e = 0; e < loop.epochsRun; e++) {
                trainRng.split(); // the random streams of the epochs already run
            }
        }
        Checkpointing checkpoints = this.checkpointing;
        Duration preparation = total.elapsed();
        listeners.start(getClass().getSimpleName(), settings.seed(), settings.epochs());

        Stopwatch training = Stopwatch.createUnstarted();
        Stopwatch evaluation = Stopwatch.createUnstarted();
        Stopwatch sinceCheckpoint = Stopwatch.createStarted();
        NativeMemoryGuard memory = new NativeMemoryGuard();
        int epochsThisCall = 0;

        for (int epoch = loop.epochsRun; epoch < settings.epochs(); epoch++) {
            training.start();
            SplittableRandom epochRng = trainRng.split();
            SplittableRandom orderRng = epochRng.split();
            Iterator<TransferBatch> batches = guarded("starting the epoch", epoch,
                    () -> split.train().epoch(settings.batchSize(), orderRng));
            SplittableRandom batchRng = epochRng.split();
            LossAccumulator accumulator = new LossAccumulator();
            int b = runEpoch(run, teacher, batches, batchRng, epoch, accumulator, loop, memory);
            training.stop();
            if (b == 0) {
                throw new DistillationException("the transfer source produced no batches: it is empty", epoch, -1,
                        null);
            }
            loop.epochsRun++;
            epochsThisCall++;
            Map<String, Double> epochLosses = accumulator.means();
            epochLosses.forEach((k, v) -> loop.lossPerTerm.computeIfAbsent(k, x -> new ArrayList<>()).add(v));

            evaluation.start();
            Fidelity fidelity = null;
            S current = null;
            if (validation != null) {
                current = run.snapshot();
                S scored = current;
                fidelity = guarded("validating", epoch, () -> evaluate(scored, validation, validationTargets))
                        .orElse(null);
                if (fidelity != null) {
                    loop.validationHistory.add(fidelity);
                }
            }
            boolean bestChanged = false;
            if (fidelity == null || loop.bestFidelity == null || isBetter(fidelity, loop.bestFidelity)) {
                loop.bestFidelity = fidelity;
                loop.bestEpoch = epoch;
                loop.best = current; // null without validation: the last student is kept
                bestChanged = true;
            }
            evaluation.stop();

            Duration elapsed = total.elapsed();
            Duration perEpoch = training.elapsed().plus(evaluation.elapsed()).dividedBy(epochsThisCall);
            EpochSummary summary = new EpochSummary(epoch, settings.epochs(), epochLosses, fidelity, elapsed,
                    perEpoch.multipliedBy(settings.epochs() - loop.epochsRun));
            boolean stop = epoch + 1 < settings.epochs()
                    && shouldStop(loop.validationHistory, epoch - loop.bestEpoch);
            if (checkpoints != null && !stop && epoch + 1 < settings.epochs()
                    && checkpoints.due(epoch, sinceCheckpoint.elapsed())) {
                CheckpointStore.save(checkpoints, getClass().getName(), describe(), run, loop,
                        training.elapsed().toNanos(), evaluation.elapsed().toNanos(), bestChanged, epoch);
                sinceCheckpoint.reset().start();
            }
            S epochStudent = current;
            listeners.epoch(summary, () -> epochStudent != null ? epochStudent : run.snapshot());
            if (stop) {
                loop.stoppedEarly = true;
                break;
            }
        }

        evaluation.start();
        S student = loop.best != null && loop.bestEpoch != loop.epochsRun - 1 ? loop.best : run.snapshot();
        if (loop.best == null || loop.bestEpoch == loop.epochsRun - 1) {
            loop.bestEpoch = loop.epochsRun - 1;
        }
        Fidelity finalFidelity = null;
        PacCertificate certificate = null;
        if (certification != null) {
            S kept = student;
            finalFidelity = guarded("certifying the student", loop.epochsRun, () -> evaluate(kept, certification,
                    teacherOutputs(teacher, certification))).orElse(null);
            if (finalFidelity != null) {
                long m = finalFidelity.sampleCount();
                long k = Math.round((1 - finalFidelity.top1Agreement()) * m);
                certificate = PacCertificate.of(m, k, settings.pacDelta());
            }
        }
        evaluation.stop();

        DistillationReport report = new DistillationReport(getClass().getName(), describe(), settings.seed(),
                Version.CURRENT, loop.lossPerTerm, loop.validationHistory, finalFidelity, certificate,
                loop.epochsRun, loop.bestEpoch, loop.stoppedEarly, run.teacherQueries(),
                new DistillationReport.Timings(preparation,
                        training.elapsed().plusNanos(loop.priorTrainingNanos),
                        evaluation.elapsed().plusNanos(loop.priorEvaluationNanos), total.elapsed()),
                run.warnings());
        listeners.end(report);
        return new Distillation<>(student, report);
    }

    /** One pass over the batches of an epoch; returns the number of batches. */
    private int runEpoch(R run, T teacher, Iterator<TransferBatch> batches, SplittableRandom batchRng, int epoch,
            LossAccumulator accumulator, LoopState<S> loop, NativeMemoryGuard memory) {
        int b = 0;
        while (batches.hasNext()) {
            Map<String, Double> losses;
            long rowsInBatch;
            try {
                TransferBatch batch = nextBatch(batches.next(), batchRng);
                rowsInBatch = batch.inputs().rows();
                losses = step(run, teacher, batch, epoch, b);
                release(batch.inputs());
                memory.afterBatch();
            } catch (DistillationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new DistillationException("distillation step failed: " + e, epoch, b, e);
            }
            for (Map.Entry<String, Double> e : losses.entrySet()) {
                if (!Double.isFinite(e.getValue())) {
                    throw new DistillationException("loss term '" + e.getKey() + "' became " + e.getValue()
                            + "; last finite total loss was " + loop.lastFiniteTotal, epoch, b, null);
                }
            }
            loop.lastFiniteTotal = losses.getOrDefault("total", loop.lastFiniteTotal);
            accumulator.add(losses, rowsInBatch);
            int batchIndex = b;
            listeners.batch(epoch, batchIndex, losses);
            b++;
        }
        return b;
    }

    /**
     * Loads a student this distiller saved (the best student of a checkpoint). Distillers that support
     * {@link #resume} with validation override it, e.g. with their student's static {@code load}.
     *
     * @throws IOException if the file cannot be read
     */
    protected S loadStudent(Path file) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot load its students");
    }

    /**
     * Checks that this distiller can work with the teacher (capabilities, sizes) before anything runs. The
     * default accepts everything; input sizes were already checked.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    protected void validate(T teacher, TransferSource transfer) {
    }

    /**
     * Starts a run: builds the student (fresh, or a copy of a warm start) and its optimiser state.
     *
     * @param train the training part of the transfer source
     * @param rng randomness for initialisation
     */
    protected abstract R prepare(T teacher, TransferSource train, SplittableRandom rng);

    /** Transforms a batch before the step (e.g. perturbs its inputs). The default returns it unchanged. */
    protected TransferBatch nextBatch(TransferBatch batch, SplittableRandom rng) {
        return batch;
    }

    /**
     * One training step on one batch.
     *
     * @return the batch's loss per objective term, and {@code "total"}; all must be finite
     */
    protected abstract Map<String, Double> step(R run, T teacher, TransferBatch batch, int epoch, int batchIndex);

    /**
     * The teacher's outputs on held-out inputs, computed once per run. The default answers for conditional
     * teachers (probabilities, in chunks) and is empty otherwise.
     */
    protected Optional<INDArray> teacherOutputs(T teacher, INDArray inputs) {
        if (!(teacher instanceof ConditionalTeacher conditional)) {
            return Optional.empty();
        }
        return Optional.of(TeacherQueries.predictInChunks(conditional, inputs, PREDICT_CHUNK));
    }

    /**
     * Scores a student against the teacher's outputs on held-out inputs. The default compares the probabilities
     * of conditional students; it is empty when either side is missing.
     */
    protected Optional<Fidelity> evaluate(S student, INDArray inputs, Optional<INDArray> teacherOutputs) {
        if (teacherOutputs.isEmpty() || !(student instanceof ConditionalTeacher conditional)) {
            return Optional.empty();
        }
        return Optional.of(Fidelity.between(teacherOutputs.get(),
                TeacherQueries.predictInChunks(conditional, inputs, PREDICT_CHUNK)));
    }

    /**
     * Whether to stop before the configured number of epochs. The default stops when the last validation
     * agreement reached {@link TrainingSettings#targetAgreement()} (below 1), or when {@code epochsSinceBest}
     * exceeds the patience.
     *
     * @param validation validation fidelity of each epoch so far
     * @param epochsSinceBest epochs since the best validation fidelity
     */
    protected boolean shouldStop(List<Fidelity> validation, int epochsSinceBest) {
        if (validation.isEmpty()) {
            return false;
        }
        Fidelity last = validation.get(validation.size() - 1);
        if (last.top1Agreement() >= settings.targetAgreement()) {
            return true;
        }
        return settings.patience() > 0 && epochsSinceBest >= settings.patience();
    }

    /** A description of the configuration for the report; subclasses include their own settings. */
    protected String describe() {
        return settings.toString();
    }

    /** Higher agreement wins; ties go to the lower KL. */
    private static boolean isBetter(Fidelity candidate, Fidelity incumbent) {
        if (candidate.top1Agreement() != incumbent.top1Agreement()) {
            return candidate.top1Agreement() > incumbent.top1Agreement();
        }
        return candidate.klTeacherStudent() < incumbent.klTeacherStudent();
    }

    /**
     * Frees a batch's input array once its step is done: transfer sources hand out new arrays that the loop owns,
     * and ND4J returns native memory only when the garbage collector finds an array, which a small heap may not
     * do for a long time. Views are left alone.
     */
    private static void release(INDArray inputs) {
        if (inputs.closeable()) {
            inputs.close();
        }
    }

    /** Runs a phase outside the batch loop, turning a failure into a {@link DistillationException}. */
    private static <V> V guarded(String phase, int epoch, java.util.function.Supplier<V> work) {
        try {
            return work.get();
        } catch (DistillationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DistillationException(phase + " failed: " + e, epoch, -1, e);
        }
    }

    private static INDArray rows(INDArray all, int from, int to) {
        if (all == null || to <= from) {
            return null;
        }
        return all.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }
}
