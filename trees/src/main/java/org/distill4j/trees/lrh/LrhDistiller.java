package org.distill4j.trees.lrh;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.ResumableDistiller;
import org.distill4j.core.distill.RunCheckpoints;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.trees.internal.QueryLog;
import org.distill4j.trees.tree.ClassificationTree;

/**
 * Distils a binary teacher over {@code {±1}^d} that exposes its hidden representations into an explicit decision
 * tree, with the algorithm of E. Boix-Adsera, <i>Towards a theory of model distillation</i>, 2024
 * (arXiv:2403.09053), section 5, built on the linear representation hypothesis: if the teacher computes a tree,
 * the indicators of the conjunctions at its nodes are linear functions of its representation φ(x). Stage 1
 * ({@link LinearProbeBeamSearch}) finds such conjunctions by a beam search scored by closed-form ridge probes;
 * stage 2 ({@link TreeDynamicProgram}) assembles the tree of at most {@code maxLeaves} leaves over candidate
 * conjunctions that agrees with the teacher's labels on most inputs.
 *
 * <p>Inputs are drawn from the transfer source (typically {@code TransferSources.hypercube(d, n)}): the
 * certificate's fresh inputs are held out first, then one or more epochs supply the probes' training, scoring and
 * labelled inputs. The report has one "epoch" per beam level with the mean ({@code "total"}) and best
 * ({@code "best"}) probe error of the beam; its fidelity and certificate are measured on the fresh inputs.
 * Problems whose plan exceeds {@code memoryLimitBytes} are rejected before anything runs. A failure of the
 * teacher ends the run with a {@link DistillationException}. Holds its configuration and checkpoint policy:
 * thread-safe, reusable.
 *
 * <p><b>Checkpoints.</b> The costly part of a run is asking the teacher — its representations and answers on the
 * transfer inputs, {@code teacherChunk} inputs per call — and, for wide problems, the beam search. The run is a
 * deterministic function of its seed and of the teacher's answers, so with {@link #withCheckpoints} it logs every
 * answer (in the order asked, with a fingerprint of each question) and after every N-th <i>step</i> — a chunk of
 * teacher queries or a level of the beam search — or once the interval has passed, writes the log and the
 * completed beam levels; {@link #resume} replays the log without asking the teacher again, takes the completed
 * levels from the checkpoint, asks the teacher only the rest and ends with the same tree and report (timings
 * aside) as an uninterrupted run with the same seed, even after {@code kill -9}.
 */
public final class LrhDistiller implements ResumableDistiller<ConditionalTeacher, ClassificationTree> {

    private final LrhConfig config;
    private volatile Checkpointing checkpointing;

    /** A distiller with the given configuration. */
    public LrhDistiller(LrhConfig config) {
        this.config = checkNotNull(config, "config");
    }

    /** The configuration. */
    public LrhConfig config() {
        return config;
    }

    /**
     * Writes a checkpoint after every N-th step (a chunk of teacher queries or a beam level), or at the end of a
     * step once an interval has passed, as {@code checkpointing} says: the teacher's answers so far, in the order
     * asked with a fingerprint of each question, and the completed beam levels.
     *
     * @return this distiller
     */
    @Override
    public LrhDistiller withCheckpoints(Checkpointing checkpointing) {
        this.checkpointing = checkNotNull(checkpointing, "checkpointing");
        return this;
    }

    /**
     * Continues a run from its checkpoint (see {@link #resumeRun}).
     *
     * @throws IllegalArgumentException as {@link #resumeRun} does
     */
    @Override
    public Distillation<ClassificationTree> resume(ConditionalTeacher teacher, TransferSource transfer,
            Path checkpointDirectory) {
        return resumeRun(teacher, transfer, checkpointDirectory).distillation();
    }

    /**
     * Continues a run from its checkpoint: the logged teacher answers are replayed (the teacher is not asked again;
     * the run checks it asks the same questions, else it ends with a {@link DistillationException} saying so), the
     * completed beam levels are taken from the checkpoint, and the teacher answers the rest. Ends with the same
     * tree, probe errors, beams and report (timings aside) as an uninterrupted run with the same seed. Writes
     * further checkpoints if {@link #withCheckpoints} was called on this distiller.
     *
     * @throws IllegalArgumentException if the arguments are invalid (as for {@link #run}), or the checkpoint is
     *     missing, unreadable, or another distiller's or configuration's (the message says which)
     */
    public LrhResult resumeRun(ConditionalTeacher teacher, TransferSource transfer, Path checkpointDirectory) {
        validate(teacher, transfer);
        RunState state = RunCheckpoints.read(checkNotNull(checkpointDirectory, "checkpointDirectory"),
                LrhDistiller.class, config.toString());
        QueryLog log;
        List<LinearProbeBeamSearch.Level> levels;
        int steps;
        try {
            log = QueryLog.replaying(state.nested("queries"));
            levels = BeamLevels.restore(state.nested("beam"), teacher.inputSize(), config.depth());
            steps = Math.toIntExact(state.longField("steps"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot resume from the checkpoint: " + e.getMessage(), e);
        }
        return new LrhRun(config, teacher, transfer, log, checkpointing, steps, levels).execute();
    }

    @Override
    public Distillation<ClassificationTree> distill(ConditionalTeacher teacher, TransferSource transfer) {
        return run(teacher, transfer).distillation();
    }

    /**
     * Runs the distillation and returns the tree with its probe errors and beams.
     *
     * @param teacher a binary conditional teacher implementing {@link HasHiddenRepresentation}
     * @param transfer inputs in {@code {±1}^d}
     * @throws IllegalArgumentException if the teacher has no usable representation or is not binary, the widths
     *     differ, the depth exceeds d, the inputs are not ±1, the source cannot supply enough inputs, or the plan
     *     needs more memory than {@code memoryLimitBytes} (the message says how much)
     */
    public LrhResult run(ConditionalTeacher teacher, TransferSource transfer) {
        validate(teacher, transfer);
        Checkpointing policy = checkpointing;
        return new LrhRun(config, teacher, transfer, policy == null ? null : QueryLog.recording(), policy, 0,
                List.of(LinearProbeBeamSearch.root())).execute();
    }

    private void validate(ConditionalTeacher teacher, TransferSource transfer) {
        checkNotNull(teacher, "teacher");
        checkNotNull(transfer, "transfer");
        checkArgument(teacher.inputSize() == transfer.inputSize(),
                "transfer inputs have %s features but the teacher expects %s", transfer.inputSize(),
                teacher.inputSize());
        checkArgument(teacher instanceof HasHiddenRepresentation, "LRH distillation needs a teacher that exposes "
                + "its hidden representations (HasHiddenRepresentation), got %s", teacher);
        checkArgument(teacher.outputSize() == 2, "LRH distils binary teachers; this one has %s outputs",
                teacher.outputSize());
        checkArgument(config.depth() <= teacher.inputSize(), "depth %s exceeds the input dimension d = %s",
                config.depth(), teacher.inputSize());
    }
}
