package org.distill4j.bayes.online;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Stopwatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.distill4j.bayes.model.PredictiveModel;
import org.distill4j.bayes.sampler.CheckpointableChain;
import org.distill4j.bayes.sampler.MarkovChain;
import org.distill4j.bayes.student.Adam;
import org.distill4j.bayes.student.IterateAverage;
import org.distill4j.bayes.student.LogisticMixtureStudent;
import org.distill4j.bayes.student.MixtureInit;
import org.distill4j.bayes.student.MixtureObjective;
import org.distill4j.bayes.student.MixtureShape;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.DistillationReport;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.ResumableDistiller;
import org.distill4j.core.distill.RunCheckpoints;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.Version;
import org.distill4j.core.progress.DistillationListener;
import org.distill4j.core.progress.EpochSummary;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online distillation of a chain's posterior predictive into a {@link LogisticMixtureStudent} (Papamakarios 2015,
 * arXiv:1510.02437, ch. 3): for every minibatch of transfer inputs, the chain advances
 * {@link OnlineDistillerConfig#transitionsPerSample()} transitions before each input, the input is paired with
 * the state reached, and the student takes one Adam step on the cross-entropy to these single-sample targets
 * {@code p(y|x_n,θ_n)}. Their expectation over the posterior is the predictive {@code p(y|x_n,D)}, and the loss is
 * linear in the targets, so the gradient is unbiased. Nothing but the chain's current state (and the one target
 * row being filled) is kept. With {@link OnlineDistillerConfig#statesPerTarget()} {@code s > 1} each row's target
 * is the mean of {@code p(y|x_n,θ)} over the next {@code s} states, accumulated in that row: the same expectation
 * and memory, less variance, {@code s} times the chain's work. With {@link OnlineDistillerConfig#inputsPerState()}
 * {@code r > 1} successive inputs share a state: {@code r} times the student's steps per transition.
 *
 * <p>Each run starts its own chain from the run's seed ({@link ChainTeacher#newChain}); the components start from K
 * chain states when their layout matches the model's, else from seeded noise. The run measures what it holds — the
 * chain's current state, the student, its gradient, Adam moments and iterate average (when
 * {@link org.distill4j.bayes.student.MixtureDistillerConfig#averageFrom()} is below 1), the minibatch's inputs and
 * targets — and
 * reports the peak ({@link OnlineDistillation#peakBytes()}), with the samples consumed. Losses per epoch:
 * {@code crossEntropy} (to the single-sample targets) and {@code total}.
 *
 * <p>Failures (a chain or model that throws, a non-finite target or loss) end the run with a
 * {@link DistillationException} naming the epoch and batch.
 *
 * <p><b>Checkpoints.</b> With {@link #withCheckpoints} a run writes, between epochs, the student's parameters, Adam's
 * state, the iterate average, the counters and losses and the chain's whole state (position, random stream,
 * step-size adaptation, counters; the chain must be a {@link CheckpointableChain}); {@link #resume} after a crash
 * ({@code kill -9} included) ends with the same student, losses and counts as an uninterrupted run with the same
 * seed. The distiller holds its configuration, listeners and checkpoint policy; runs are independent and may be
 * concurrent (each with its own checkpoint folder).
 */
public final class OnlineDistiller implements ResumableDistiller<ChainTeacher, LogisticMixtureStudent> {

    private static final Logger LOG = LoggerFactory.getLogger(OnlineDistiller.class);

    private final OnlineDistillerConfig config;
    private final List<DistillationListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Checkpointing checkpointing;

    /** @param config the configuration */
    public OnlineDistiller(OnlineDistillerConfig config) {
        this.config = checkNotNull(config, "config");
    }

    /** Adds a progress listener to every later run; returns this distiller. */
    public OnlineDistiller withListener(DistillationListener listener) {
        listeners.add(checkNotNull(listener, "listener"));
        return this;
    }

    /** The configuration. */
    public OnlineDistillerConfig config() {
        return config;
    }

    @Override
    public Distillation<LogisticMixtureStudent> distill(ChainTeacher teacher, TransferSource transfer) {
        return distillOnline(teacher, transfer).run();
    }

    /**
     * Writes checkpoints as {@code checkpointing} says (after every N-th epoch, or once an interval has passed):
     * the student's parameters, Adam's moments and step count, the iterate average, the counters and losses, and
     * the chain's whole state — position, random stream, step-size adaptation, counters — so the teacher's chain
     * factory must make {@link CheckpointableChain}s (every sampler of {@code bayes.sampler} does).
     *
     * @return this distiller
     */
    @Override
    public OnlineDistiller withCheckpoints(Checkpointing checkpointing) {
        this.checkpointing = checkNotNull(checkpointing, "checkpointing");
        return this;
    }

    @Override
    public Distillation<LogisticMixtureStudent> resume(ChainTeacher teacher, TransferSource transfer,
            Path checkpointDirectory) {
        return resumeOnline(teacher, transfer, checkpointDirectory).run();
    }

    /**
     * Continues the run whose checkpoint is in {@code checkpointDirectory} with the same teacher (chain factory),
     * transfer source and configuration; ends with the same student, report contents and counts as an
     * uninterrupted run with the same seed.
     *
     * @throws IllegalArgumentException if the checkpoint is unreadable, another distiller's or configuration's,
     *     or the chain is not a {@link CheckpointableChain}
     */
    public OnlineDistillation resumeOnline(ChainTeacher teacher, TransferSource transfer, Path checkpointDirectory) {
        checkNotNull(checkpointDirectory, "checkpointDirectory");
        RunState state = RunCheckpoints.read(checkpointDirectory, OnlineDistiller.class, config.toString());
        return execute(teacher, transfer, state);
    }

    /**
     * Runs online distillation and returns the student with what the run consumed and held.
     *
     * @throws IllegalArgumentException if the transfer inputs' width is not the teacher's (both named), or
     *     checkpoints are asked for and the chain is not a {@link CheckpointableChain}
     * @throws DistillationException if the chain, the model or the loss fails
     */
    public OnlineDistillation distillOnline(ChainTeacher teacher, TransferSource transfer) {
        return execute(teacher, transfer, null);
    }

    private OnlineDistillation execute(ChainTeacher teacher, TransferSource transfer, RunState resumeFrom) {
        checkNotNull(teacher, "teacher");
        checkNotNull(transfer, "transfer");
        checkArgument(teacher.inputSize() == transfer.inputSize(),
                "transfer inputs have %s features but the teacher expects %s", transfer.inputSize(),
                teacher.inputSize());
        Checkpointing checkpoints = this.checkpointing;
        var settings = config.student().settings();
        Stopwatch total = Stopwatch.createStarted();
        SplittableRandom root = new SplittableRandom(settings.seed());
        long chainSeed = root.nextLong();
        SplittableRandom initRng = root.split();
        SplittableRandom trainRng = root.split();
        PredictiveModel model = teacher.model();
        MixtureShape shape = config.student().shapeFor(teacher.inputSize(), teacher.outputSize());
        MarkovChain chain = teacher.newChain(chainSeed);
        checkArgument((checkpoints == null && resumeFrom == null) || chain instanceof CheckpointableChain,
                "checkpoints need a chain whose state can be saved (a CheckpointableChain: position, random "
                        + "stream, adaptation state), but the teacher's chain factory made a %s",
                chain.getClass().getName());
        int parameterCount = shape.parameterCount();
        int firstAveraged = config.student().firstAveragedEpoch();
        OnlineRun run = new OnlineRun(chain, new double[parameterCount],
                new Adam(parameterCount, config.student().learningRate()),
                firstAveraged < settings.epochs() ? new IterateAverage(parameterCount) : null);
        if (resumeFrom != null) {
            try {
                run.restore(resumeFrom);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot resume from the checkpoint: " + e.getMessage(), e);
            }
            for (int e = 0; e < run.epochsRun(); e++) {
                trainRng.split(); // the transfer orders of the epochs already run
            }
        } else {
            if (settings.validationSize() > 0 || settings.certificateSize() > 0) {
                run.warnings.add("online distillation keeps no teacher to validate or certify against: held-out "
                        + "sizes ignored");
            }
            double[] init = guarded(-1, -1, () -> initialParameters(shape, model, run, initRng));
            System.arraycopy(init, 0, run.params, 0, parameterCount);
        }
        long fixedBytes = 8L * model.parameterDimension() + 16L * parameterCount + run.adam.memoryBytes()
                + (run.average == null ? 0 : run.average.memoryBytes());
        run.peakBytes = Math.max(run.peakBytes, fixedBytes);
        Duration preparation = total.elapsed();
        listeners.forEach(l -> safely(() -> l.onStart(getClass().getSimpleName(), settings.seed(),
                settings.epochs())));

        Stopwatch training = Stopwatch.createStarted();
        Stopwatch sinceCheckpoint = Stopwatch.createStarted();
        int firstEpoch = run.epochsRun();
        for (int epoch = firstEpoch; epoch < settings.epochs(); epoch++) {
            SplittableRandom orderRng = trainRng.split();
            int e = epoch;
            Iterator<TransferBatch> batches = guarded(epoch, -1, () -> transfer.epoch(settings.batchSize(),
                    orderRng));
            double mean = runEpoch(run, model, shape, teacher.inputSize(), batches, fixedBytes, epoch,
                    epoch >= firstAveraged);
            run.meanLosses.add(mean);
            Duration elapsed = total.elapsed();
            int done = epoch + 1 - firstEpoch;
            EpochSummary summary = new EpochSummary(epoch, settings.epochs(), Map.of("crossEntropy", mean,
                    "total", mean), null, elapsed, elapsed.dividedBy(done)
                    .multipliedBy(settings.epochs() - e - 1));
            if (checkpoints != null && epoch + 1 < settings.epochs()
                    && checkpoints.due(epoch, sinceCheckpoint.elapsed())) {
                RunCheckpoints.write(checkpoints, OnlineDistiller.class, config.toString(),
                        run.save(training.elapsed().toNanos()), epoch);
                sinceCheckpoint.reset().start();
            }
            listeners.forEach(l -> safely(() -> l.onEpoch(summary)));
            LOG.debug("online epoch {}: cross-entropy {} after {} samples", epoch, mean, run.samples);
        }
        training.stop();
        LogisticMixtureStudent student = LogisticMixtureStudent.of(shape,
                run.average != null && run.average.count() > 0 ? run.average.mean() : run.params);
        Map<String, List<Double>> lossPerTerm = new LinkedHashMap<>();
        lossPerTerm.put("crossEntropy", List.copyOf(run.meanLosses));
        lossPerTerm.put("total", List.copyOf(run.meanLosses));
        DistillationReport report = new DistillationReport(getClass().getName(), config.toString(),
                settings.seed(), Version.CURRENT, lossPerTerm, List.of(), null, null, settings.epochs(),
                settings.epochs() - 1, false, run.samples, new DistillationReport.Timings(preparation,
                        training.elapsed().plusNanos(run.priorTrainingNanos), Duration.ZERO, total.elapsed()),
                List.copyOf(run.warnings));
        listeners.forEach(l -> safely(() -> l.onEnd(report)));
        return new OnlineDistillation(new Distillation<>(student, report), run.samples, run.transitions,
                run.peakBytes);
    }

    /** One epoch: a chain state and an Adam step per row; returns the mean cross-entropy. */
    private double runEpoch(OnlineRun run, PredictiveModel model, MixtureShape shape, int inputSize,
            Iterator<TransferBatch> batches, long fixedBytes, int epoch, boolean averaging) {
        double sum = 0;
        long rows = 0;
        int b = 0;
        while (guarded(epoch, b, batches::hasNext)) {
            int e = epoch;
            int bi = b;
            TransferBatch batch = guarded(epoch, b, batches::next);
            INDArray x = batch.inputs();
            int n = (int) x.rows();
            double[] xs = guarded(epoch, b, () -> x.castTo(DataType.DOUBLE).dup('c').data().asDouble());
            double[] targets = new double[n * shape.classes()];
            guarded(epoch, b, () -> {
                singleSampleTargets(model, run, xs, n, targets, e, bi);
                return null;
            });
            run.peakBytes = Math.max(run.peakBytes, fixedBytes + x.length() * x.dataType().width()
                    + 8L * xs.length + 8L * targets.length + 8L * inputSize);
            double ce = MixtureObjective.crossEntropy(shape, run.params, xs, n, targets, run.gradient);
            if (!Double.isFinite(ce)) {
                throw new DistillationException("loss term 'crossEntropy' became " + ce
                        + "; last finite total loss was " + run.lastFinite, epoch, b, null);
            }
            run.adam.step(run.params, run.gradient);
            if (run.average != null && averaging) {
                run.average.add(run.params);
            }
            run.lastFinite = ce;
            sum += ce * n;
            rows += n;
            if (x.closeable()) {
                x.close();
            }
            Map<String, Double> losses = Map.of("crossEntropy", ce, "total", ce);
            listeners.forEach(l -> safely(() -> l.onBatch(e, bi, losses)));
            b++;
        }
        if (b == 0) {
            throw new DistillationException("the transfer source produced no batches: it is empty", epoch, -1,
                    null);
        }
        return sum / rows;
    }

    private double[] initialParameters(MixtureShape shape, PredictiveModel model, OnlineRun run,
            SplittableRandom rng) {
        double[] params = new double[shape.parameterCount()];
        int per = shape.parametersPerComponent();
        run.advance(config.burnIn());
        int kk = shape.components();
        if (config.student().initFromBag() && model.parameterDimension() == per
                && config.initWindow() >= (long) kk * config.transitionsPerSample()) {
            for (int i = 0; i < config.initWindow(); i++) {
                double[] state = run.advance(1);
                int slot = i < kk ? i : rng.nextInt(i + 1);
                if (slot < kk) {
                    System.arraycopy(state, 0, params, slot * per, per);
                }
            }
            return params;
        }
        if (config.student().initFromBag() && model.parameterDimension() == per) {
            for (int k = 0; k < kk; k++) {
                double[] state = run.advance(config.transitionsPerSample());
                System.arraycopy(state, 0, params, k * per, per);
            }
            return params;
        }
        if (config.student().initFromBag()) {
            run.warnings.add("chain states have dimension " + model.parameterDimension() + " but a component has "
                    + per + " parameters: components initialised at random");
        }
        MixtureInit.gaussian(params, config.student().initScale(), rng);
        return params;
    }

    /**
     * Fills the targets of one minibatch: per row, the mean of {@code p(y|x,θ)} over {@code statesPerTarget} new
     * chain states (one: the single-sample target); with {@code inputsPerState} r, rows {@code 0, r, 2r, …} advance
     * the chain and the rows after them reuse its state.
     */
    private void singleSampleTargets(PredictiveModel model, OnlineRun run, double[] xs, int n, double[] targets,
            int epoch, int batch) {
        int d = model.inputSize();
        int c = model.outputSize();
        int states = config.statesPerTarget();
        double[] row = new double[d];
        double[] values = new double[c];
        int share = config.inputsPerState();
        double[] theta = null;
        for (int i = 0; i < n; i++) {
            System.arraycopy(xs, i * d, row, 0, d);
            for (int s = 0; s < states; s++) {
                if (i % share == 0 || s > 0) {
                    theta = run.advance(config.transitionsPerSample());
                    run.samples++;
                }
                model.predictive(theta, row, 1, values);
                for (int j = 0; j < c; j++) {
                    if (!Double.isFinite(values[j]) || values[j] < 0) {
                        throw new DistillationException("the chain's state gave the invalid target probability "
                                + values[j] + " (class " + j + ", row " + i + ")", epoch, batch, null);
                    }
                    targets[i * c + j] = s == 0 ? values[j] : targets[i * c + j] + values[j];
                }
            }
            if (states > 1) {
                for (int j = 0; j < c; j++) {
                    targets[i * c + j] /= states;
                }
            }
        }
    }

    private static <V> V guarded(int epoch, int batch, java.util.function.Supplier<V> work) {
        try {
            return work.get();
        } catch (DistillationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DistillationException("online distillation failed: " + e, epoch, batch, e);
        }
    }

    private static void safely(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            LOG.warn("a distillation listener threw; ignored", e);
        }
    }
}
