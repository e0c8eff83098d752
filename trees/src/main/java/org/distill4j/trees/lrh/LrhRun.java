package org.distill4j.trees.lrh;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Stopwatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.DistillationException;
import org.distill4j.core.DistillationReport;
import org.distill4j.core.Version;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.RunCheckpoints;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.distill.TeacherQueries;
import org.distill4j.core.fidelity.Fidelity;
import org.distill4j.core.pac.PacCertificate;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.distill4j.core.transfer.HoldOut;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.trees.internal.QueryLog;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@link LrhDistiller} (Boix-Adsera 2024, arXiv:2403.09053, section 5), as a sequence of <i>steps</i>:
 * each chunk of teacher queries (the representations and answers on the probes' training and scoring inputs, the
 * labels of the dynamic program's inputs, the certificate's answers) and each level of the beam search. With a
 * {@link QueryLog} the teacher's answers are logged, and after every N-th step (or once the interval has passed,
 * never after the last) the log and the completed beam levels are written as a checkpoint. A resumed run replays
 * the log — the teacher is asked only what the log lacks — and takes the completed levels from the checkpoint, so
 * it ends with the same tree and report (timings aside) as an uninterrupted run. Not thread-safe; one per run.
 */
final class LrhRun {

    private static final Logger LOG = LoggerFactory.getLogger(LrhRun.class);
    /** Rows per batch read from the transfer source. */
    private static final int COLLECT_BATCH = 4096;

    private final LrhConfig config;
    private final ConditionalTeacher teacher;
    private final TransferSource transfer;
    private final QueryLog log;
    private final Checkpointing checkpoints;
    private final int stepsDone;
    private final List<LinearProbeBeamSearch.Level> levels;
    private final Stopwatch sinceCheckpoint = Stopwatch.createStarted();
    private int steps;
    private int totalSteps;

    /**
     * @param log the teacher's answers (null: no checkpoints)
     * @param checkpoints where to write checkpoints (null: none)
     * @param stepsDone the steps the checkpoint resumed from had finished (0 for a new run)
     * @param levels the completed beam levels, the root first
     */
    LrhRun(LrhConfig config, ConditionalTeacher teacher, TransferSource transfer, QueryLog log,
            Checkpointing checkpoints, int stepsDone, List<LinearProbeBeamSearch.Level> levels) {
        this.config = config;
        this.teacher = log == null ? teacher : log.wrap(teacher);
        this.transfer = transfer;
        this.log = log;
        this.checkpoints = log == null ? null : checkpoints;
        this.stepsDone = stepsDone;
        this.levels = new ArrayList<>(levels);
    }

    LrhResult execute() {
        int d = teacher.inputSize();
        Stopwatch total = Stopwatch.createStarted();
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom splitRng = root.split();
        SplittableRandom dataRng = root.split();

        int width = representation(Nd4j.ones(DataType.FLOAT, 1, d), -1).columns() - 1;
        MemoryPlan.check(config, d, width, log != null);
        HoldOut split = config.certificateSize() > 0 ? transfer.holdOut(config.certificateSize(), splitRng)
                : new HoldOut(transfer, null, null);
        INDArray x = collect(split.train(), config.samplesUsed(), dataRng);
        checkPlusMinusOne(x, "transfer inputs");
        INDArray fresh = split.heldOut();
        if (fresh != null) {
            checkPlusMinusOne(fresh, "held-out inputs");
        }
        int m = config.probeSamples();
        int n = config.scoreSamples();
        totalSteps = chunks(m) + chunks(n) + chunks(config.treeSamples()) + config.depth()
                + (fresh == null ? 0 : chunks(fresh.rows()));
        checkArgument(stepsDone <= totalSteps, "the checkpoint has finished %s steps, the run has %s", stepsDone,
                totalSteps);
        INDArray train = rows(x, 0, m);
        INDArray score = rows(x, m, m + n);
        INDArray labelled = rows(x, m + n, config.samplesUsed());
        INDArray phiTrain = inChunks(train, c -> representation(c, width + 1));
        INDArray phiScore = inChunks(score, c -> representation(c, width + 1));
        INDArray labelAnswers = inChunks(labelled, c -> guarded("labelling the tree inputs", config.depth(),
                () -> TeacherQueries.predictInChunks(teacher, c, config.teacherChunk())));
        int[] labels = classes(labelAnswers);
        Duration preparation = total.elapsed();

        Stopwatch training = Stopwatch.createStarted();
        steps += levels.size() - 1; // levels taken from the checkpoint
        LinearProbeBeamSearch search = null;
        while (levels.size() <= config.depth()) {
            if (search == null) {
                double scale = Representation.scaleOf(phiTrain);
                LinearProbes probes = LinearProbes.fit(Representation.scaled(phiTrain, scale, width + 1),
                        Representation.scaled(phiScore, scale, width + 1), config.ridge());
                search = new LinearProbeBeamSearch(probes, floats(train), floats(score), d);
            }
            levels.add(search.next(levels.get(levels.size() - 1), config.beam()));
            LOG.debug("LRH beam level {} of {}", levels.size() - 1, config.depth());
            step();
        }
        TreeDynamicProgram.Solution solution = new TreeDynamicProgram(levels, floats(labelled), labels, d,
                config.leafBudget()).solve();
        training.stop();

        Stopwatch evaluation = Stopwatch.createStarted();
        Fidelity fidelity = null;
        PacCertificate certificate = null;
        if (fresh != null) {
            INDArray answers = inChunks(fresh, c -> guarded("certifying the tree", config.depth(),
                    () -> TeacherQueries.predictInChunks(teacher, c, config.teacherChunk())));
            fidelity = Fidelity.between(answers, solution.tree().predict(fresh));
            long k = Math.round((1 - fidelity.top1Agreement()) * fidelity.sampleCount());
            certificate = PacCertificate.of(fidelity.sampleCount(), k, config.pacDelta());
        }
        evaluation.stop();
        return result(solution, fidelity, certificate, new DistillationReport.Timings(preparation,
                training.elapsed(), evaluation.elapsed(), total.elapsed()));
    }

    private LrhResult result(TreeDynamicProgram.Solution solution, Fidelity fidelity, PacCertificate certificate,
            DistillationReport.Timings timings) {
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
        DistillationReport report = new DistillationReport(LrhDistiller.class.getName(), config.toString(),
                config.seed(), Version.CURRENT, losses, List.of(), fidelity, certificate, config.depth(),
                config.depth() - 1, false, config.samplesUsed() + config.certificateSize(), timings, List.of());
        return new LrhResult(solution.tree(), solution.probeErrors(), beams, probesUsed, report);
    }

    /** Ends a step: writes a checkpoint if one is due (never during replay, never after the last step). */
    private void step() {
        steps++;
        if (checkpoints == null || steps <= stepsDone || steps >= totalSteps
                || !checkpoints.due(steps - 1, sinceCheckpoint.elapsed())) {
            return;
        }
        RunState state = RunState.builder().put("steps", steps).nested("queries", log.save())
                .nested("beam", BeamLevels.save(levels)).build();
        RunCheckpoints.write(checkpoints, LrhDistiller.class, config.toString(), state, steps - 1);
        LOG.debug("LRH checkpoint after step {} of {} ({} teacher calls logged)", steps, totalSteps, log.calls());
        sinceCheckpoint.reset().start();
    }

    private int chunks(long rows) {
        return (int) ((rows + config.teacherChunk() - 1) / config.teacherChunk());
    }

    /** {@code ask} on every chunk of rows of {@code x}, one step each; the answers stacked. */
    private INDArray inChunks(INDArray x, Function<INDArray, INDArray> ask) {
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < x.rows(); from += config.teacherChunk()) {
            INDArray chunk = x.rows() <= config.teacherChunk() ? x
                    : rows(x, from, Math.min(x.rows(), from + config.teacherChunk()));
            parts.add(ask.apply(chunk));
            step();
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.vstack(parts.toArray(new INDArray[0]));
    }

    /**
     * φ of the rows of {@code x}: the teacher is asked inside a guard, its answers checked outside.
     *
     * @param columns the width φ must have, or -1 for any
     */
    private INDArray representation(INDArray x, int columns) {
        HasHiddenRepresentation exposing = (HasHiddenRepresentation) teacher;
        List<INDArray> parts = guarded("reading the teacher's representation", -1,
                () -> exposing.hiddenRepresentations(x));
        INDArray probabilities = guarded("asking the teacher", -1, () -> teacher.predict(x));
        INDArray phi = Representation.assemble(parts, probabilities, x.rows());
        checkArgument(columns < 0 || phi.columns() == columns, "the teacher's representation changed width: %s "
                + "columns on one batch, %s on another", columns, phi.columns());
        return phi;
    }

    private static int[] classes(INDArray p) {
        float[] v = p.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] out = new int[(int) p.rows()];
        for (int r = 0; r < out.length; r++) {
            out[r] = v[2 * r + 1] > v[2 * r] ? 1 : 0;
        }
        return out;
    }

    private static INDArray rows(INDArray x, long from, long to) {
        return x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
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
