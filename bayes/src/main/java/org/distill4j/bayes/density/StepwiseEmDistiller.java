package org.distill4j.bayes.density;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Stopwatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.bayes.sampler.CheckpointableChain;
import org.distill4j.bayes.sampler.MarkovChain;
import org.distill4j.core.random.SplitMix64;
import org.distill4j.core.DensityTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.ResumableDistiller;
import org.distill4j.core.distill.RunCheckpoints;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.transfer.TransferSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online distillation of a 1-D predictive density into a {@link GmmStudent} by stepwise EM (Cappé &amp; Moulines
 * 2009, JRSS B 71(3), eq. 5; Papamakarios 2015, arXiv:1510.02437, ch. 3): each new sample {@code x_t} moves the
 * expected sufficient statistics {@code s ← (1 − γ_t) s + γ_t ŝ(x_t; θ)} with {@code γ_t = (t + 2)^{−α}}, and an
 * M-step follows every sample. The first {@link EmConfig#warmup()} samples initialise the mixture (as batch EM's
 * quantile start) and one averaged E-step; {@code t} counts every sample, warm-up included.
 *
 * <p>{@link #distillChain} is the thesis's online setting: each sample comes from advancing a Markov chain over
 * the mixture means by one step and drawing {@code x ~ Σ_k π_k N(μ_k, σ²)} from its current state; nothing but the
 * chain's state, the {@code 3K} statistics and the student is kept. {@link #distill} draws the samples from any
 * 1-D {@link DensityTeacher} in blocks of {@link EmConfig#reportEvery()} (the transfer source only fixes the width).
 *
 * <p>Report: per block of {@code reportEvery} samples, the prequential {@code nll} (mean {@code −log q(x_t)} under
 * the student before it saw {@code x_t}) and {@code total}; {@code teacherQueries} is the number of samples
 * consumed.
 *
 * <p><b>Checkpoints.</b> With {@link #withCheckpoints} a run writes, at the end of every N-th block, the mixture,
 * the sufficient statistics, the sample index, the loss history and the source's state: the random stream
 * ({@link SplitMix64}, the stream of {@code SplittableRandom}) and the current block of teacher samples, or the
 * chain's whole state for {@link #distillChain} (a {@link CheckpointableChain}); {@link #resume} and
 * {@link #resumeChain} continue as an uninterrupted run. Thread-safe: holds its configuration and checkpoint
 * policy; each run has its own state.
 */
public final class StepwiseEmDistiller implements ResumableDistiller<DensityTeacher, GmmStudent> {

    private static final Logger LOG = LoggerFactory.getLogger(StepwiseEmDistiller.class);

    private final EmConfig config;
    private volatile Checkpointing checkpointing;

    /** @param config components, samples consumed, α, warm-up, report block, variance floor, seed */
    public StepwiseEmDistiller(EmConfig config) {
        this.config = checkNotNull(config, "config");
        checkArgument(config.samples() > config.warmup(), "samples (%s) must exceed warmup (%s)", config.samples(),
                config.warmup());
    }

    /** The configuration. */
    public EmConfig config() {
        return config;
    }

    /**
     * Writes a checkpoint after every N-th reported block of samples (or once an interval has passed) as
     * {@code checkpointing} says; {@link #distillChain} then needs a {@link CheckpointableChain}.
     *
     * @return this distiller
     */
    @Override
    public StepwiseEmDistiller withCheckpoints(Checkpointing checkpointing) {
        this.checkpointing = checkNotNull(checkpointing, "checkpointing");
        return this;
    }

    /** A source of predictive samples, one per call ({@code epoch} is for error messages), with its state. */
    private interface Source {
        double next(int epoch);

        void save(RunState.Builder checkpoint);

        void restore(RunState checkpoint);
    }

    @Override
    public Distillation<GmmStudent> distill(DensityTeacher teacher, TransferSource transfer) {
        return distill(teacher, transfer, null);
    }

    @Override
    public Distillation<GmmStudent> resume(DensityTeacher teacher, TransferSource transfer,
            Path checkpointDirectory) {
        return distill(teacher, transfer, RunCheckpoints.read(checkNotNull(checkpointDirectory,
                "checkpointDirectory"), StepwiseEmDistiller.class, settings("teacher")));
    }

    private Distillation<GmmStudent> distill(DensityTeacher teacher, TransferSource transfer, RunState resume) {
        checkNotNull(teacher, "teacher");
        checkNotNull(transfer, "transfer");
        checkArgument(teacher.inputSize() == transfer.inputSize(),
                "transfer inputs have %s features but the teacher expects %s", transfer.inputSize(),
                teacher.inputSize());
        checkArgument(teacher.inputSize() == 1, "the teacher must be a 1-D density (inputSize 1), got inputSize %s",
                teacher.inputSize());
        SplitMix64 rng = new SplitMix64(config.seed());
        int block = config.reportEvery();
        Source source = new Source() {
            private double[] buffer = new double[0];
            private int used;

            @Override
            public double next(int epoch) {
                if (used == buffer.length) {
                    buffer = BatchEmDistiller.TeacherSamples.draw(teacher, block, rng.nextLong(), epoch);
                    used = 0;
                }
                return buffer[used++];
            }

            @Override
            public void save(RunState.Builder checkpoint) {
                checkpoint.put("buffer", buffer).put("used", used).put("rng", rng.state());
            }

            @Override
            public void restore(RunState checkpoint) {
                double[] saved = EmCheckpoint.doubles(checkpoint, "buffer");
                long u = checkpoint.longField("used");
                checkArgument(u >= 0 && u <= saved.length && (saved.length == 0 || saved.length == block),
                        "inconsistent sample buffer: %s values, %s used", saved.length, u);
                buffer = saved;
                used = (int) u;
                rng.setState(checkpoint.longField("rng"));
            }
        };
        return run(source, List.of(), "teacher", resume);
    }

    /**
     * Online distillation from a running chain over the means: each sample advances {@code chain} one step and
     * draws {@code x} from the mixture with the chain's new means.
     *
     * @param chain a chain over the {@code K} means of the model (e.g. over a {@link MixtureMeansPosterior});
     *     advanced {@link EmConfig#samples()} times; a {@link CheckpointableChain} if checkpoints are written
     * @param weights the model's known weights {@code [K]}
     * @param variance the model's known variance, > 0
     * @throws IllegalArgumentException if the chain's dimension is not the number of weights, or checkpoints are
     *     asked for and the chain's state cannot be saved
     * @throws DistillationException if the chain throws or returns a non-finite state
     */
    public Distillation<GmmStudent> distillChain(MarkovChain chain, double[] weights, double variance) {
        return distillChain(chain, weights, variance, null);
    }

    /**
     * Continues a {@link #distillChain} run from its checkpoint: {@code chain} (built as the original, with the
     * same target and configuration) is restored to the checkpoint's state and advanced from there.
     *
     * @throws IllegalArgumentException if the checkpoint is unreadable or another configuration's, or the chain is
     *     not a {@link CheckpointableChain} of the saved kind
     */
    public Distillation<GmmStudent> resumeChain(MarkovChain chain, double[] weights, double variance,
            Path checkpointDirectory) {
        return distillChain(chain, weights, variance, RunCheckpoints.read(checkNotNull(checkpointDirectory,
                "checkpointDirectory"), StepwiseEmDistiller.class, settings("chain")));
    }

    private Distillation<GmmStudent> distillChain(MarkovChain chain, double[] weights, double variance,
            RunState resume) {
        checkNotNull(chain, "chain");
        GaussianMixture.sharedVariance(weights, new double[checkNotNull(weights, "weights").length], variance);
        checkArgument(chain.dimension() == weights.length,
                "the chain has dimension %s but the model has %s components (weights)", chain.dimension(),
                weights.length);
        checkArgument((checkpointing == null && resume == null) || chain instanceof CheckpointableChain,
                "checkpoints need a chain whose state can be saved (a CheckpointableChain), got a %s",
                chain.getClass().getName());
        SplitMix64 rng = new SplitMix64(config.seed());
        double[] w = weights.clone();
        Source source = new Source() {
            @Override
            public double next(int epoch) {
                double[] mu;
                try {
                    mu = chain.next();
                } catch (RuntimeException e) {
                    throw new DistillationException("advancing the chain failed: " + e, epoch, -1, e);
                }
                for (double m : mu) {
                    if (!Double.isFinite(m)) {
                        throw new DistillationException("the chain returned a non-finite state", epoch, -1, null);
                    }
                }
                return GaussianMixture.sharedVariance(w, mu, variance).sample(rng);
            }

            @Override
            public void save(RunState.Builder checkpoint) {
                checkpoint.put("rng", rng.state()).nested("chain", ((CheckpointableChain) chain).saveState());
            }

            @Override
            public void restore(RunState checkpoint) {
                ((CheckpointableChain) chain).restoreState(checkpoint.nested("chain"));
                rng.setState(checkpoint.longField("rng"));
            }
        };
        return run(source, List.of(), "chain", resume);
    }

    /** The identity of a checkpoint: the configuration and the kind of source. */
    private String settings(String sourceKind) {
        return config + " source=" + sourceKind;
    }

    private Distillation<GmmStudent> run(Source source, List<String> warnings, String sourceKind,
            RunState resume) {
        Checkpointing checkpoints = this.checkpointing;
        Stopwatch total = Stopwatch.createStarted();
        int k = config.components();
        GaussianMixture q;
        GmmStatistics stats = new GmmStatistics(k);
        List<Double> nll;
        int first;
        if (resume == null) {
            double[] warm = new double[config.warmup()];
            for (int i = 0; i < warm.length; i++) {
                warm[i] = source.next(0);
            }
            q = GmmStatistics.initial(warm, k, config.varianceFloor());
            for (double v : warm) {
                stats.update(q, v, 1, 1.0 / warm.length);
            }
            q = stats.maximise(q, config.varianceFloor());
            nll = new ArrayList<>();
            first = warm.length;
        } else {
            try {
                q = EmCheckpoint.mixture(resume, k);
                nll = EmCheckpoint.nll(resume);
                System.arraycopy(resume.doubles("s0", k), 0, stats.s0, 0, k);
                System.arraycopy(resume.doubles("s1", k), 0, stats.s1, 0, k);
                System.arraycopy(resume.doubles("s2", k), 0, stats.s2, 0, k);
                long t = resume.longField("nextSample");
                checkArgument(t >= config.warmup() && t < config.samples(), "checkpoint sample index %s is outside "
                        + "[%s, %s)", t, config.warmup(), config.samples());
                first = (int) t;
                source.restore(resume);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot resume from the checkpoint: " + e.getMessage(), e);
            }
        }
        var preparation = total.elapsed();
        Stopwatch training = Stopwatch.createStarted();
        Stopwatch sinceCheckpoint = Stopwatch.createStarted();
        double blockSum = 0;
        int inBlock = 0;
        double alpha = config.stepExponent();
        for (int t = first; t < config.samples(); t++) {
            double x = source.next(nll.size());
            double gamma = Math.pow(t + 2.0, -alpha);
            blockSum -= stats.update(q, x, 1 - gamma, gamma);
            q = stats.maximise(q, config.varianceFloor());
            if (++inBlock == config.reportEvery() || t == config.samples() - 1) {
                nll.add(blockSum / inBlock);
                LOG.debug("stepwise EM: {} samples, prequential nll {}", t + 1, blockSum / inBlock);
                blockSum = 0;
                inBlock = 0;
                int epoch = nll.size() - 1;
                if (checkpoints != null && t + 1 < config.samples()
                        && checkpoints.due(epoch, sinceCheckpoint.elapsed())) {
                    RunState.Builder c = EmCheckpoint.writing(q, nll).put("s0", stats.s0).put("s1", stats.s1)
                            .put("s2", stats.s2).put("nextSample", t + 1);
                    source.save(c);
                    RunCheckpoints.write(checkpoints, StepwiseEmDistiller.class, settings(sourceKind), c.build(),
                            epoch);
                    sinceCheckpoint.reset().start();
                }
            }
        }
        LOG.info("stepwise EM: {} samples, last prequential nll {}", config.samples(), nll.get(nll.size() - 1));
        Map<String, List<Double>> losses = new LinkedHashMap<>();
        losses.put("nll", nll);
        losses.put("total", nll);
        return new Distillation<>(new GmmStudent(q), EmReports.report(this, config, losses, false, config.samples(),
                preparation, training.elapsed(), total.elapsed(), warnings));
    }
}
