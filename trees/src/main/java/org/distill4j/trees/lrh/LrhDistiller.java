package org.distill4j.trees.lrh;

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
import org.distill4j.core.Version;
import org.distill4j.core.distill.TeacherQueries;
import org.distill4j.core.fidelity.Fidelity;
import org.distill4j.core.pac.PacCertificate;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.distill4j.core.transfer.HoldOut;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.trees.tree.ClassificationTree;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
 * teacher ends the run with a {@link DistillationException}. Holds only its configuration: thread-safe.
 *
 * <p><b>Not resumable.</b> The run is one-shot — closed-form probes, a beam search of at most {@code depth} levels
 * and a dynamic program, no student trained step by step — so there is nothing to checkpoint:
 * {@link #withCheckpoints} and {@link #resume} throw {@link UnsupportedOperationException} saying so; a rerun with
 * the same seed gives the same tree.
 */
public final class LrhDistiller implements ResumableDistiller<ConditionalTeacher, ClassificationTree> {

    /** Why this distiller has no checkpoints. */
    static final String NOT_RESUMABLE =
            "LrhDistiller cannot checkpoint: LRH distillation is one-shot (closed-form ridge probes, "
            + "one beam search over at most depth levels and a dynamic program; no student is trained "
            + "step by step), so there is nothing to resume: rerun it with the same seed to get the same "
            + "tree";

    private static final int COLLECT_BATCH = 4096;

    private final LrhConfig config;

    /** A distiller with the given configuration. */
    public LrhDistiller(LrhConfig config) {
        this.config = checkNotNull(config, "config");
    }

    /** The configuration. */
    public LrhConfig config() {
        return config;
    }

    /**
     * Not supported: LRH distillation is one-shot (closed-form ridge probes, one beam search over at most depth levels and a dynamic program; no student is trained step by step), so there is nothing to resume: rerun it with the same seed to get the same tree.
     *
     * @throws UnsupportedOperationException always, saying why
     */
    @Override
    public LrhDistiller withCheckpoints(Checkpointing checkpointing) {
        throw new UnsupportedOperationException(NOT_RESUMABLE);
    }

    /**
     * Not supported (see {@link #withCheckpoints}).
     *
     * @throws UnsupportedOperationException always, saying why
     */
    @Override
    public Distillation<ClassificationTree> resume(ConditionalTeacher teacher, TransferSource transfer,
            Path checkpointDirectory) {
        throw new UnsupportedOperationException(NOT_RESUMABLE);
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
        checkNotNull(teacher, "teacher");
        checkNotNull(transfer, "transfer");
        checkArgument(teacher.inputSize() == transfer.inputSize(),
                "transfer inputs have %s features but the teacher expects %s", transfer.inputSize(),
                teacher.inputSize());
        checkArgument(teacher instanceof HasHiddenRepresentation, "LRH distillation needs a teacher that exposes "
                + "its hidden representations (HasHiddenRepresentation), got %s", teacher);
        checkArgument(teacher.outputSize() == 2, "LRH distils binary teachers; this one has %s outputs",
                teacher.outputSize());
        int d = teacher.inputSize();
        checkArgument(config.depth() <= d, "depth %s exceeds the input dimension d = %s", config.depth(), d);
        Stopwatch total = Stopwatch.createStarted();
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom splitRng = root.split();
        SplittableRandom dataRng = root.split();

        int width = representation(teacher, Nd4j.ones(DataType.FLOAT, 1, d)).columns() - 1;
        MemoryPlan.check(config, d, width);
        HoldOut split = config.certificateSize() > 0 ? transfer.holdOut(config.certificateSize(), splitRng)
                : new HoldOut(transfer, null, null);
        INDArray x = collect(split.train(), config.samplesUsed(), dataRng);
        checkPlusMinusOne(x, "transfer inputs");

        int m = config.probeSamples();
        int n = config.scoreSamples();
        INDArray train = x.get(NDArrayIndex.interval(0, m), NDArrayIndex.all()).dup();
        INDArray score = x.get(NDArrayIndex.interval(m, m + n), NDArrayIndex.all()).dup();
        INDArray labelled = x.get(NDArrayIndex.interval(m + n, config.samplesUsed()), NDArrayIndex.all()).dup();
        INDArray phiTrain = representation(teacher, train);
        INDArray phiScore = representation(teacher, score);
        double scale = Representation.scaleOf(phiTrain);
        LinearProbes probes = LinearProbes.fit(Representation.scaled(phiTrain, scale, width + 1),
                Representation.scaled(phiScore, scale, width + 1), config.ridge());
        java.time.Duration preparation = total.elapsed();

        Stopwatch training = Stopwatch.createStarted();
        List<LinearProbeBeamSearch.Level> levels = new LinearProbeBeamSearch(probes, floats(train), floats(score), d)
                .run(config.depth(), config.beam());
        int[] labels = guarded("labelling the tree inputs", config.depth(), () -> classes(teacher, labelled));
        TreeDynamicProgram.Solution solution = new TreeDynamicProgram(levels, floats(labelled), labels, d,
                config.leafBudget()).solve();
        training.stop();

        Stopwatch evaluation = Stopwatch.createStarted();
        Fidelity fidelity = null;
        PacCertificate certificate = null;
        if (split.heldOut() != null) {
            INDArray fresh = split.heldOut();
            checkPlusMinusOne(fresh, "held-out inputs");
            INDArray answers = guarded("certifying the tree", config.depth(),
                    () -> TeacherQueries.predictInChunks(teacher, fresh, COLLECT_BATCH));
            fidelity = Fidelity.between(answers, solution.tree().predict(fresh));
            long k = Math.round((1 - fidelity.top1Agreement()) * fidelity.sampleCount());
            certificate = PacCertificate.of(fidelity.sampleCount(), k, config.pacDelta());
        }
        evaluation.stop();

        Map<String, List<Double>> losses = new LinkedHashMap<>();
        losses.put("total", new ArrayList<>());
        losses.put("best", new ArrayList<>());
        List<List<AndTerm>> beams = new ArrayList<>();
        long probesUsed = 0;
        for (int j = 1; j < levels.size(); j++) {
            LinearProbeBeamSearch.Level level = levels.get(j);
            double sum = 0;
            double best = Double.POSITIVE_INFINITY;
            for (AndTerm a : level.beam()) {
                double e = level.scores().get(a);
                sum += e;
                best = Math.min(best, e);
            }
            losses.get("total").add(sum / Math.max(1, level.beam().size()));
            losses.get("best").add(best);
            beams.add(level.beam());
            probesUsed += level.scores().size();
        }
        DistillationReport report = new DistillationReport(getClass().getName(), config.toString(), config.seed(),
                Version.CURRENT, losses, List.of(), fidelity, certificate, config.depth(), config.depth() - 1, false,
                config.samplesUsed() + config.certificateSize(), new DistillationReport.Timings(preparation,
                        training.elapsed(), evaluation.elapsed(), total.elapsed()), List.of());
        return new LrhResult(solution.tree(), solution.probeErrors(), beams, probesUsed, report);
    }

    /** φ of the rows of {@code x}: the teacher is asked inside a guard, its answers checked outside. */
    private static INDArray representation(ConditionalTeacher teacher, INDArray x) {
        HasHiddenRepresentation exposing = (HasHiddenRepresentation) teacher;
        List<INDArray> parts = guarded("reading the teacher's representation", -1,
                () -> exposing.hiddenRepresentations(x));
        INDArray probabilities = guarded("asking the teacher", -1, () -> teacher.predict(x));
        return Representation.assemble(parts, probabilities, x.rows());
    }

    private static int[] classes(ConditionalTeacher teacher, INDArray x) {
        INDArray p = TeacherQueries.predictInChunks(teacher, x, COLLECT_BATCH);
        float[] v = p.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] out = new int[x.rows()];
        for (int r = 0; r < out.length; r++) {
            out[r] = v[2 * r + 1] > v[2 * r] ? 1 : 0;
        }
        return out;
    }

    private static float[] floats(INDArray x) {
        return x.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static void checkPlusMinusOne(INDArray x, String name) {
        float[] v = floats(x);
        for (int i = 0; i < v.length; i++) {
            checkArgument(v[i] == 1f || v[i] == -1f, "LRH needs %s in {±1}^d; found %s at row %s, column %s", name,
                    v[i], i / x.columns(), i % x.columns());
        }
    }

    /** At least {@code count} rows from one or more epochs of {@code source}. */
    private static INDArray collect(TransferSource source, int count, SplittableRandom rng) {
        List<INDArray> parts = new ArrayList<>();
        long rows = 0;
        for (int epoch = 0; rows < count; epoch++) {
            Iterator<TransferBatch> batches = source.epoch(COLLECT_BATCH, rng.split());
            long before = rows;
            while (batches.hasNext() && rows < count) {
                INDArray b = batches.next().inputs().castTo(DataType.FLOAT);
                parts.add(b);
                rows += b.rows();
            }
            checkArgument(rows > before, "the transfer source produced no inputs");
            checkArgument(epoch < 1000, "the transfer source supplies too few inputs per epoch: %s needed", count);
        }
        INDArray all = parts.size() == 1 ? parts.get(0) : Nd4j.vstack(parts.toArray(new INDArray[0]));
        return all.get(NDArrayIndex.interval(0, count), NDArrayIndex.all()).dup('c');
    }

    private static <V> V guarded(String phase, int level, Supplier<V> work) {
        try {
            return work.get();
        } catch (DistillationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DistillationException(phase + " failed: " + e, level, -1, e);
        }
    }
}
