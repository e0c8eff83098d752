package org.distill4j.bayes.online;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Stopwatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.distill4j.bayes.model.PredictiveModel;
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
import org.distill4j.core.Distiller;
import org.distill4j.core.Version;
import org.distill4j.core.progress.DistillationListener;
import org.distill4j.core.progress.EpochSummary;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online distillation of a chain's posterior predictive into a {@link LogisticMixtureStudent} (Papamakarios 2015,
 * arXiv:1510.02437, ch. 3): for every minibatch of transfer inputs, the chain advances
 * {@link OnlineDistillerConfig#transitionsPerSample()} transitions before each input, the input is paired with
 * the state reached, and the student takes one Adam step on the cross-entropy to these single-sample targets
 * {@code p(y|x_n,θ_n)}. Their expectation over the posterior is the predictive {@code p(y|x_n,D)}, and the loss is
 * linear in the targets, so the gradient is unbiased. Nothing but the chain's current state (and the one target
 * row being filled) is kept.
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
 * {@link DistillationException} naming the epoch and batch. The distiller holds only its configuration and
 * listeners; runs are independent and may be concurrent.
 */
public final class OnlineDistiller implements Distiller<ChainTeacher, LogisticMixtureStudent> {

    private static final Logger LOG = LoggerFactory.getLogger(OnlineDistiller.class);

    private final OnlineDistillerConfig config;
    private final List<DistillationListener> listeners = new CopyOnWriteArrayList<>();

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
     * Runs online distillation and returns the student with what the run consumed and held.
     *
     * @throws IllegalArgumentException if the transfer inputs' width is not the teacher's (both named)
     * @throws DistillationException if the chain, the model or the loss fails
     */
    public OnlineDistillation distillOnline(ChainTeacher teacher, TransferSource transfer) {
        checkNotNull(teacher, "teacher");
        checkNotNull(transfer, "transfer");
        checkArgument(teacher.inputSize() == transfer.inputSize(),
                "transfer inputs have %s features but the teacher expects %s", transfer.inputSize(),
                teacher.inputSize());
        var settings = config.student().settings();
        Stopwatch total = Stopwatch.createStarted();
        SplittableRandom root = new SplittableRandom(settings.seed());
        long chainSeed = root.nextLong();
        SplittableRandom initRng = root.split();
        SplittableRandom trainRng = root.split();
        PredictiveModel model = teacher.model();
        MixtureShape shape = config.student().shapeFor(teacher.inputSize(), teacher.outputSize());
        List<String> warnings = new ArrayList<>();
        if (settings.validationSize() > 0 || settings.certificateSize() > 0) {
            warnings.add("online distillation keeps no teacher to validate or certify against: held-out sizes "
                    + "ignored");
        }
        MarkovChain chain = teacher.newChain(chainSeed);
        Counter counter = new Counter();
        double[] params = guarded(-1, -1, () -> initialParameters(shape, model, chain, initRng, warnings, counter));
        Adam adam = new Adam(params.length, config.student().learningRate());
        double[] gradient = new double[params.length];
        int firstAveraged = config.student().firstAveragedEpoch();
        IterateAverage average = firstAveraged < settings.epochs() ? new IterateAverage(params.length) : null;
        long fixedBytes = 8L * model.parameterDimension() + 8L * params.length + 8L * gradient.length
                + adam.memoryBytes() + (average == null ? 0 : average.memoryBytes());
        long peak = fixedBytes;
        Duration preparation = total.elapsed();
        listeners.forEach(l -> safely(() -> l.onStart(getClass().getSimpleName(), settings.seed(),
                settings.epochs())));

        Map<String, List<Double>> lossPerTerm = new LinkedHashMap<>();
        Stopwatch training = Stopwatch.createStarted();
        double lastFinite = Double.NaN;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            Iterator<TransferBatch> batches = transfer.epoch(settings.batchSize(), trainRng.split());
            double sum = 0;
            long rows = 0;
            int b = 0;
            while (batches.hasNext()) {
                int e = epoch;
                int bi = b;
                TransferBatch batch = guarded(epoch, b, batches::next);
                INDArray x = batch.inputs();
                int n = (int) x.rows();
                double[] xs = guarded(epoch, b, () -> x.castTo(DataType.DOUBLE).dup('c').data().asDouble());
                double[] targets = new double[n * shape.classes()];
                guarded(epoch, b, () -> {
                    singleSampleTargets(model, chain, xs, n, targets, counter, e, bi);
                    return null;
                });
                peak = Math.max(peak, fixedBytes + x.length() * x.dataType().width() + 8L * xs.length
                        + 8L * targets.length + 8L * teacher.inputSize());
                double ce = MixtureObjective.crossEntropy(shape, params, xs, n, targets, gradient);
                if (!Double.isFinite(ce)) {
                    throw new DistillationException("loss term 'crossEntropy' became " + ce
                            + "; last finite total loss was " + lastFinite, epoch, b, null);
                }
                adam.step(params, gradient);
                if (average != null && epoch >= firstAveraged) {
                    average.add(params);
                }
                lastFinite = ce;
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
            double mean = sum / rows;
            lossPerTerm.computeIfAbsent("crossEntropy", k -> new ArrayList<>()).add(mean);
            lossPerTerm.computeIfAbsent("total", k -> new ArrayList<>()).add(mean);
            int e = epoch;
            Duration elapsed = total.elapsed();
            EpochSummary summary = new EpochSummary(epoch, settings.epochs(), Map.of("crossEntropy", mean,
                    "total", mean), null, elapsed, elapsed.dividedBy(epoch + 1).multipliedBy(settings.epochs() - e - 1));
            listeners.forEach(l -> safely(() -> l.onEpoch(summary)));
            LOG.debug("online epoch {}: cross-entropy {} after {} samples", epoch, mean, counter.samples);
        }
        training.stop();
        LogisticMixtureStudent student = LogisticMixtureStudent.of(shape,
                average != null && average.count() > 0 ? average.mean() : params);
        DistillationReport report = new DistillationReport(getClass().getName(), config.toString(),
                settings.seed(), Version.CURRENT, lossPerTerm, List.of(), null, null, settings.epochs(),
                settings.epochs() - 1, false, counter.samples, new DistillationReport.Timings(preparation,
                        training.elapsed(), Duration.ZERO, total.elapsed()), warnings);
        listeners.forEach(l -> safely(() -> l.onEnd(report)));
        return new OnlineDistillation(new Distillation<>(student, report), counter.samples, counter.transitions,
                peak);
    }

    private double[] initialParameters(MixtureShape shape, PredictiveModel model, MarkovChain chain,
            SplittableRandom rng, List<String> warnings, Counter counter) {
        double[] params = new double[shape.parameterCount()];
        int per = shape.parametersPerComponent();
        advance(chain, config.burnIn(), counter);
        int kk = shape.components();
        if (config.student().initFromBag() && model.parameterDimension() == per
                && config.initWindow() >= (long) kk * config.transitionsPerSample()) {
            for (int i = 0; i < config.initWindow(); i++) {
                double[] state = advance(chain, 1, counter);
                int slot = i < kk ? i : rng.nextInt(i + 1);
                if (slot < kk) {
                    System.arraycopy(state, 0, params, slot * per, per);
                }
            }
            return params;
        }
        if (config.student().initFromBag() && model.parameterDimension() == per) {
            for (int k = 0; k < kk; k++) {
                double[] state = advance(chain, config.transitionsPerSample(), counter);
                System.arraycopy(state, 0, params, k * per, per);
            }
            return params;
        }
        if (config.student().initFromBag()) {
            warnings.add("chain states have dimension " + model.parameterDimension() + " but a component has " + per
                    + " parameters: components initialised at random");
        }
        MixtureInit.gaussian(params, config.student().initScale(), rng);
        return params;
    }

    /** Fills the single-sample targets of one minibatch: a new chain state per row. */
    private void singleSampleTargets(PredictiveModel model, MarkovChain chain, double[] xs, int n, double[] targets,
            Counter counter, int epoch, int batch) {
        int d = model.inputSize();
        int c = model.outputSize();
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            double[] theta = advance(chain, config.transitionsPerSample(), counter);
            counter.samples++;
            System.arraycopy(xs, i * d, row, 0, d);
            INDArray p = model.predictive(theta, Nd4j.create(row, new long[] {1, d}, DataType.DOUBLE));
            double[] values = p.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            if (values.length != c) {
                throw new IllegalStateException("the model answered " + values.length + " probabilities for one "
                        + "input, expected " + c);
            }
            for (int j = 0; j < c; j++) {
                if (!Double.isFinite(values[j]) || values[j] < 0) {
                    throw new DistillationException("the chain's state gave the invalid target probability "
                            + values[j] + " (class " + j + ", row " + i + ")", epoch, batch, null);
                }
                targets[i * c + j] = values[j];
            }
        }
    }

    private static double[] advance(MarkovChain chain, int transitions, Counter counter) {
        double[] state = null;
        for (int t = 0; t < transitions; t++) {
            state = chain.next();
            counter.transitions++;
        }
        return state == null ? chain.state() : state;
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

    /** Counts of one run. */
    private static final class Counter {
        private long samples;
        private long transitions;
    }
}
