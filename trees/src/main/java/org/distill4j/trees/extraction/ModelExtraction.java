package org.distill4j.trees.extraction;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Stopwatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.DistillationReport;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.ResumableDistiller;
import org.distill4j.core.distill.RunCheckpoints;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.Version;
import org.distill4j.core.distill.TeacherQueries;
import org.distill4j.core.fidelity.Fidelity;
import org.distill4j.core.pac.PacCertificate;
import org.distill4j.core.transfer.HoldOut;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.trees.cart.BinnedFeatures;
import org.distill4j.trees.internal.QueryLog;
import org.distill4j.trees.tree.ClassificationTree;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model extraction: distils a conditional teacher into a classification tree grown on teacher-labelled inputs,
 * drawing more inputs inside a node's region where too few transfer points reach it (TREPAN, M. Craven and
 * J. Shavlik, <i>Extracting tree-structured representations of trained networks</i>, NIPS 1995; O. Bastani,
 * C. Kim and H. Bastani, <i>Interpreting blackbox models via model extraction</i>, 2017, arXiv:1705.08504).
 * Splits are chosen on the teacher's probabilities (soft labels); leaves hold their mean.
 *
 * <p>Tree growth does not fit minibatch epochs, so this distiller runs its own loop (not
 * {@code AbstractDistiller}'s) and reports in the same form: held-out inputs are split off the transfer source
 * first ({@code validationSize + certificateSize}); the tree grows best-first in <i>stages</i> ending at 2, 4,
 * 8, … leaves and at {@code growthFactor × maxLeaves} leaves; each stage's tree is pruned back to at most
 * {@code maxLeaves} leaves for the most agreement with the teacher's top class on its points
 * ({@link AgreementPruning}: greedy impurity splits are not the best for top-1 agreement at a fixed size). After
 * each stage ("epoch" in the report) it records the KL divergence from teacher to the pruned tree
 * ({@code "total"}) and the top-1 disagreement ({@code "disagreement"}) on the transfer points, and the validation
 * fidelity. Growth stops at {@code growthFactor × maxLeaves} leaves or the depth, when no split helps, when
 * validation agreement reaches the target, or after {@code patience} stages without improvement; the best stage's
 * pruned tree is kept. The report's {@code teacherQueries} counts the transfer points and the drawn inputs; its
 * certificate is the PAC bound on fresh held-out draws (Boix-Adsera 2024, Definition 1).
 *
 * <p>A failure of the teacher ends the run with a {@link DistillationException} naming the stage; the teacher and
 * the transfer data are never modified. Holds its configuration and checkpoint policy: thread-safe, reusable.
 *
 * <p><b>Checkpoints.</b> The run is a deterministic function of its seed and the teacher's answers, so with
 * {@link #withCheckpoints} it logs every answer (in the order asked, with a fingerprint of each question) and
 * writes the log after every N-th stage; {@link #resume} rebuilds the stages already run from the log without
 * asking the teacher again — the teacher's queries are what costs — and continues with the real teacher, ending
 * with the same tree and report contents as an uninterrupted run.
 */
public final class ModelExtraction implements ResumableDistiller<ConditionalTeacher, ClassificationTree> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelExtraction.class);
    private static final int COLLECT_BATCH = 4096;

    private final ExtractionConfig config;
    private volatile Checkpointing checkpointing;

    /** A distiller with the given configuration. */
    public ModelExtraction(ExtractionConfig config) {
        this.config = checkNotNull(config, "config");
    }

    /** The configuration. */
    public ExtractionConfig config() {
        return config;
    }

    /**
     * Writes a checkpoint after every N-th stage (or once an interval has passed) as {@code checkpointing} says:
     * the teacher's answers so far, in the order they were asked, with a fingerprint of each question.
     *
     * @return this distiller
     */
    @Override
    public ModelExtraction withCheckpoints(Checkpointing checkpointing) {
        this.checkpointing = checkNotNull(checkpointing, "checkpointing");
        return this;
    }

    /**
     * Continues a run from its checkpoint: the stages already run are rebuilt from the logged teacher answers
     * (the teacher is not asked again; the run checks it asks the same questions), then the teacher answers the
     * rest. Ends with the same tree and report contents as an uninterrupted run with the same seed.
     *
     * @throws IllegalArgumentException if the checkpoint is unreadable or another distiller's or configuration's
     */
    @Override
    public Distillation<ClassificationTree> resume(ConditionalTeacher teacher, TransferSource transfer,
            Path checkpointDirectory) {
        checkNotNull(teacher, "teacher");
        RunState state = RunCheckpoints.read(checkNotNull(checkpointDirectory, "checkpointDirectory"),
                ModelExtraction.class, config.toString());
        QueryLog log;
        int stages;
        try {
            log = QueryLog.replaying(state.nested("queries"));
            stages = (int) state.longField("stages");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot resume from the checkpoint: " + e.getMessage(), e);
        }
        return execute(teacher, transfer, log, stages);
    }

    @Override
    public Distillation<ClassificationTree> distill(ConditionalTeacher teacher, TransferSource transfer) {
        checkNotNull(teacher, "teacher");
        return execute(teacher, transfer, checkpointing == null ? null : QueryLog.recording(), 0);
    }

    private Distillation<ClassificationTree> execute(ConditionalTeacher caller, TransferSource transfer,
            QueryLog log, int stagesDone) {
        Checkpointing checkpoints = log == null ? null : this.checkpointing;
        ConditionalTeacher teacher = log == null ? caller : log.wrap(caller);
        checkNotNull(transfer, "transfer");
        checkArgument(teacher.inputSize() == transfer.inputSize(),
                "transfer inputs have %s features but the teacher expects %s", transfer.inputSize(),
                teacher.inputSize());
        Stopwatch total = Stopwatch.createStarted();
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom splitRng = root.split();
        SplittableRandom dataRng = root.split();
        SplittableRandom growRng = root.split();

        int held = config.validationSize() + config.certificateSize();
        HoldOut split = held > 0 ? transfer.holdOut(held, splitRng) : new HoldOut(transfer, null, null);
        INDArray validation = rows(split.heldOut(), 0, config.validationSize());
        INDArray certification = rows(split.heldOut(), config.validationSize(), held);
        INDArray x = collect(split.train(), dataRng);
        BinnedFeatures binned = BinnedFeatures.of(x, config.maxBins()); // checks the inputs before any query
        INDArray teacherOnX = guarded("answering the transfer inputs", -1, () -> answers(teacher, x));
        INDArray teacherOnValidation = validation == null ? null
                : guarded("answering the validation inputs", -1, () -> answers(teacher, validation));
        ExtractionGrowth growth = new ExtractionGrowth(config, teacher, x, teacherOnX, binned, growRng);
        guarded("drawing inputs for the root", 0, () -> {
            growth.start();
            return null;
        });
        java.time.Duration preparation = total.elapsed();

        Map<String, List<Double>> losses = new LinkedHashMap<>();
        losses.put("total", new ArrayList<>());
        losses.put("disagreement", new ArrayList<>());
        List<Fidelity> history = new ArrayList<>();
        Stopwatch training = Stopwatch.createUnstarted();
        Stopwatch evaluation = Stopwatch.createUnstarted();
        Stopwatch sinceCheckpoint = Stopwatch.createStarted();
        ClassificationTree best = null;
        Fidelity bestFidelity = null;
        int bestStage = -1;
        int stage = 0;
        boolean stoppedEarly = false;
        int grownLeaves = config.grownLeaves();
        int nextBoundary = Math.min(2, grownLeaves);
        while (true) {
            training.start();
            int stageIndex = stage;
            while (growth.canGrow() && growth.leaves() < nextBoundary) {
                guarded("growing the tree", stageIndex, () -> {
                    growth.splitNext();
                    return null;
                });
            }
            training.stop();
            evaluation.start();
            ClassificationTree tree = growth.snapshot();
            Fidelity onTransfer = Fidelity.between(teacherOnX, tree.predict(x));
            losses.get("total").add(onTransfer.klTeacherStudent());
            losses.get("disagreement").add(1 - onTransfer.top1Agreement());
            Fidelity fidelity = validation == null ? null : Fidelity.between(teacherOnValidation,
                    tree.predict(validation));
            if (fidelity != null) {
                history.add(fidelity);
            }
            if (best == null || fidelity == null || isBetter(fidelity, bestFidelity)) {
                best = tree;
                bestFidelity = fidelity;
                bestStage = stage;
            }
            evaluation.stop();
            LOG.debug("stage {}: {} leaves, transfer agreement {}, validation {}", stage, tree.leafCount(),
                    onTransfer.top1Agreement(), fidelity);
            stage++;
            boolean grown = growth.canGrow() && growth.leaves() < grownLeaves;
            if (!grown) {
                break;
            }
            if (fidelity != null && (fidelity.top1Agreement() >= config.targetAgreement()
                    || (config.patience() > 0 && stage - 1 - bestStage >= config.patience()))) {
                stoppedEarly = true;
                break;
            }
            if (checkpoints != null && stage > stagesDone && checkpoints.due(stage - 1, sinceCheckpoint.elapsed())) {
                RunCheckpoints.write(checkpoints, ModelExtraction.class, config.toString(), RunState.builder()
                        .put("stages", stage).nested("queries", log.save()).build(), stage - 1);
                sinceCheckpoint.reset().start();
            }
            nextBoundary = (int) Math.min(grownLeaves, 2L * nextBoundary);
        }

        evaluation.start();
        ClassificationTree student = best;
        Fidelity finalFidelity = null;
        PacCertificate certificate = null;
        if (certification != null) {
            INDArray teacherOnCertification = guarded("certifying the student", stage,
                    () -> answers(teacher, certification));
            finalFidelity = Fidelity.between(teacherOnCertification, student.predict(certification));
            long m = finalFidelity.sampleCount();
            long k = Math.round((1 - finalFidelity.top1Agreement()) * m);
            certificate = PacCertificate.of(m, k, config.pacDelta());
        }
        evaluation.stop();
        List<String> warnings = new ArrayList<>(growth.warnings());
        DistillationReport report = new DistillationReport(getClass().getName(), config.toString(), config.seed(),
                Version.CURRENT, losses, history, finalFidelity, certificate, stage, bestStage, stoppedEarly,
                x.rows() + growth.drawn(), new DistillationReport.Timings(preparation, training.elapsed(),
                        evaluation.elapsed(), total.elapsed()), warnings);
        LOG.info("model extraction: {} leaves, {} transfer points, {} drawn inputs, certificate {}",
                student.leafCount(), x.rows(), growth.drawn(), certificate);
        return new Distillation<>(student, report);
    }

    /** Higher agreement wins; ties go to the lower KL. */
    private static boolean isBetter(Fidelity candidate, Fidelity incumbent) {
        if (candidate.top1Agreement() != incumbent.top1Agreement()) {
            return candidate.top1Agreement() > incumbent.top1Agreement();
        }
        return candidate.klTeacherStudent() < incumbent.klTeacherStudent();
    }

    private INDArray answers(ConditionalTeacher teacher, INDArray inputs) {
        return TeacherQueries.predictInChunks(teacher, inputs, config.teacherChunk());
    }

    /** Every row of one epoch of the source, as one FLOAT array. */
    private static INDArray collect(TransferSource source, SplittableRandom rng) {
        List<INDArray> parts = new ArrayList<>();
        Iterator<TransferBatch> batches = source.epoch(COLLECT_BATCH, rng);
        while (batches.hasNext()) {
            parts.add(batches.next().inputs().castTo(DataType.FLOAT));
        }
        if (parts.isEmpty()) {
            throw new DistillationException("the transfer source produced no inputs: it is empty", 0, -1, null);
        }
        return parts.size() == 1 ? parts.get(0).dup('c') : Nd4j.vstack(parts.toArray(new INDArray[0]));
    }

    /** Runs a phase, turning a failure (of the teacher, or of the input model) into a DistillationException. */
    private static <V> V guarded(String phase, int stage, Supplier<V> work) {
        try {
            return work.get();
        } catch (DistillationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DistillationException(phase + " failed: " + e, stage, -1, e);
        }
    }

    private static INDArray rows(INDArray all, int from, int to) {
        if (all == null || to <= from) {
            return null;
        }
        return all.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }
}
