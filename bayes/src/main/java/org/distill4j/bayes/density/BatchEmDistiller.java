package org.distill4j.bayes.density;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Stopwatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distill4j.core.DensityTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.ResumableDistiller;
import org.distill4j.core.distill.RunCheckpoints;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.transfer.TransferSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distils a 1-D density teacher (a {@link MixturePredictive}, or any 1-D {@link DensityTeacher}) into a
 * {@link GmmStudent} by batch EM on {@link EmConfig#samples()} teacher samples: maximising the student's
 * log-likelihood of predictive samples minimises a Monte-Carlo estimate of {@code KL(p ‖ q)} (Papamakarios 2015,
 * arXiv:1510.02437, ch. 3). Initialisation: equal weights, means at sample quantiles (deterministic); EM runs until
 * the mean log-likelihood improves by less than the tolerance or {@link EmConfig#maxIterations()}.
 *
 * <p>Density distillation draws its inputs from the teacher: the transfer source only fixes the input width (it
 * must be 1, like the teacher's) and is never read. Report: per EM iteration ("epoch") the mean negative
 * log-likelihood {@code nll} of the samples (and {@code total}, equal to it); {@code teacherQueries} is the number
 * of samples drawn. Failures of the teacher end the run with a {@link DistillationException} whose cause is the
 * teacher's exception.
 *
 * <p><b>Checkpoints.</b> With {@link #withCheckpoints} a run writes, after every N-th EM iteration (or once an
 * interval has passed), the mixture, the loss history and a fingerprint of the samples; {@link #resume} (or
 * {@link #resumeFit} for given samples) redraws the samples from the seed, checks the fingerprint and continues,
 * ending with the same student and losses as an uninterrupted run.
 *
 * <p>Thread-safe: holds its configuration and checkpoint policy.
 */
public final class BatchEmDistiller implements ResumableDistiller<DensityTeacher, GmmStudent> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchEmDistiller.class);

    private final EmConfig config;
    private volatile Checkpointing checkpointing;

    /** @param config components, samples, iterations, tolerance, variance floor, seed */
    public BatchEmDistiller(EmConfig config) {
        this.config = checkNotNull(config, "config");
    }

    /** The configuration. */
    public EmConfig config() {
        return config;
    }

    /**
     * Writes a checkpoint after every N-th EM iteration as {@code checkpointing} says.
     *
     * @return this distiller
     */
    @Override
    public BatchEmDistiller withCheckpoints(Checkpointing checkpointing) {
        this.checkpointing = checkNotNull(checkpointing, "checkpointing");
        return this;
    }

    @Override
    public Distillation<GmmStudent> distill(DensityTeacher teacher, TransferSource transfer) {
        return distill(teacher, transfer, null);
    }

    @Override
    public Distillation<GmmStudent> resume(DensityTeacher teacher, TransferSource transfer,
            Path checkpointDirectory) {
        return distill(teacher, transfer, RunCheckpoints.read(checkNotNull(checkpointDirectory,
                "checkpointDirectory"), BatchEmDistiller.class, config.toString()));
    }

    /**
     * Continues a {@link #fit} of the same samples from its checkpoint.
     *
     * @throws IllegalArgumentException if the checkpoint is unreadable, another configuration's, or was written
     *     for other samples
     */
    public Distillation<GmmStudent> resumeFit(double[] samples, Path checkpointDirectory) {
        checkSamples(samples);
        return fit(samples.clone(), Stopwatch.createStarted(), RunCheckpoints.read(checkNotNull(checkpointDirectory,
                "checkpointDirectory"), BatchEmDistiller.class, config.toString()));
    }

    private Distillation<GmmStudent> distill(DensityTeacher teacher, TransferSource transfer, RunState resume) {
        checkNotNull(teacher, "teacher");
        checkNotNull(transfer, "transfer");
        checkArgument(teacher.inputSize() == transfer.inputSize(),
                "transfer inputs have %s features but the teacher expects %s", transfer.inputSize(),
                teacher.inputSize());
        checkArgument(teacher.inputSize() == 1, "the teacher must be a 1-D density (inputSize 1), got inputSize %s",
                teacher.inputSize());
        Stopwatch total = Stopwatch.createStarted();
        SplittableRandom rng = new SplittableRandom(config.seed());
        double[] x = TeacherSamples.draw(teacher, config.samples(), rng.nextLong(), 0);
        return fit(x, total, resume);
    }

    /**
     * Fits the student to given samples of the predictive (core-free use).
     *
     * @param samples {@code [N]} finite values, {@code N ≥ components}; not modified
     */
    public Distillation<GmmStudent> fit(double[] samples) {
        checkSamples(samples);
        return fit(samples.clone(), Stopwatch.createStarted(), null);
    }

    private void checkSamples(double[] samples) {
        checkNotNull(samples, "samples");
        checkArgument(samples.length >= config.components(), "samples must hold at least %s values, got %s",
                config.components(), samples.length);
        for (int i = 0; i < samples.length; i++) {
            checkArgument(Double.isFinite(samples[i]), "samples[%s] must be finite, got %s", (Object) i, samples[i]);
        }
    }

    private Distillation<GmmStudent> fit(double[] x, Stopwatch total, RunState resume) {
        Checkpointing checkpoints = this.checkpointing;
        long fingerprint = RunState.fingerprint(x);
        GaussianMixture q;
        List<Double> nll;
        double previous;
        if (resume == null) {
            q = GmmStatistics.initial(x, config.components(), config.varianceFloor());
            nll = new ArrayList<>();
            previous = Double.NEGATIVE_INFINITY;
        } else {
            try {
                checkArgument(resume.longField("samplesFingerprint") == fingerprint, "the checkpoint was written "
                        + "for other samples (another teacher or sample set)");
                q = EmCheckpoint.mixture(resume, config.components());
                nll = EmCheckpoint.nll(resume);
                previous = resume.doubles("previous", 1)[0];
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot resume from the checkpoint: " + e.getMessage(), e);
            }
        }
        var preparation = total.elapsed();
        Stopwatch training = Stopwatch.createStarted();
        Stopwatch sinceCheckpoint = Stopwatch.createStarted();
        GmmStatistics stats = new GmmStatistics(config.components());
        boolean converged = false;
        double weight = 1.0 / x.length;
        for (int it = nll.size(); it < config.maxIterations(); it++) {
            stats.clear();
            double ll = 0;
            for (double v : x) {
                ll += stats.update(q, v, 1, weight) * weight;
            }
            nll.add(-ll);
            q = stats.maximise(q, config.varianceFloor());
            if (ll - previous < config.tolerance()) {
                converged = true;
                break;
            }
            previous = ll;
            if (checkpoints != null && it + 1 < config.maxIterations()
                    && checkpoints.due(it, sinceCheckpoint.elapsed())) {
                RunCheckpoints.write(checkpoints, BatchEmDistiller.class, config.toString(),
                        EmCheckpoint.writing(q, nll).put("previous", previous)
                                .put("samplesFingerprint", fingerprint).build(), it);
                sinceCheckpoint.reset().start();
            }
        }
        LOG.info("batch EM: {} iterations on {} samples, mean log-likelihood {} ({})", nll.size(), x.length,
                -nll.get(nll.size() - 1), converged ? "converged" : "iteration limit");
        Map<String, List<Double>> losses = new LinkedHashMap<>();
        losses.put("nll", nll);
        losses.put("total", nll);
        return new Distillation<>(new GmmStudent(q), EmReports.report(this, config, losses, converged, x.length,
                preparation, training.elapsed(), total.elapsed(), List.of()));
    }

    /** Draws and checks teacher samples, turning failures into {@link DistillationException}s. */
    static final class TeacherSamples {
        private TeacherSamples() {
        }

        static double[] draw(DensityTeacher teacher, int n, long seed, int epoch) {
            INDArray drawn;
            try {
                drawn = teacher.sample(n, seed);
            } catch (RuntimeException e) {
                throw new DistillationException("sampling the teacher failed: " + e, epoch, -1, e);
            }
            if (drawn == null || drawn.rank() != 2 || drawn.rows() != n || drawn.columns() != 1) {
                throw new DistillationException("the teacher's sample(" + n + ") must be [" + n + ", 1], got "
                        + (drawn == null ? "null" : java.util.Arrays.toString(drawn.shape())), epoch, -1, null);
            }
            double[] x = drawn.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').toDoubleVector();
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(x[i])) {
                    throw new DistillationException("the teacher's sample " + i + " is " + x[i], epoch, -1, null);
                }
            }
            return x;
        }
    }
}
