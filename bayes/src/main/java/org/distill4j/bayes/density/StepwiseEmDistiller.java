package org.distill4j.bayes.density;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Stopwatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distill4j.bayes.sampler.MarkovChain;
import org.distill4j.core.DensityTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.Distiller;
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
 * consumed. Thread-safe: holds only its configuration; each run has its own state.
 */
public final class StepwiseEmDistiller implements Distiller<DensityTeacher, GmmStudent> {

    private static final Logger LOG = LoggerFactory.getLogger(StepwiseEmDistiller.class);

    private final EmConfig config;

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

    /** A source of predictive samples, one per call; {@code epoch} is for error messages. */
    private interface Source {
        double next(int epoch);
    }

    @Override
    public Distillation<GmmStudent> distill(DensityTeacher teacher, TransferSource transfer) {
        checkNotNull(teacher, "teacher");
        checkNotNull(transfer, "transfer");
        checkArgument(teacher.inputSize() == transfer.inputSize(),
                "transfer inputs have %s features but the teacher expects %s", transfer.inputSize(),
                teacher.inputSize());
        checkArgument(teacher.inputSize() == 1, "the teacher must be a 1-D density (inputSize 1), got inputSize %s",
                teacher.inputSize());
        SplittableRandom rng = new SplittableRandom(config.seed());
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
        };
        return run(source, List.of());
    }

    /**
     * Online distillation from a running chain over the means: each sample advances {@code chain} one step and
     * draws {@code x} from the mixture with the chain's new means.
     *
     * @param chain a chain over the {@code K} means of the model (e.g. over a {@link MixtureMeansPosterior});
     *     advanced {@link EmConfig#samples()} times
     * @param weights the model's known weights {@code [K]}
     * @param variance the model's known variance, > 0
     * @throws IllegalArgumentException if the chain's dimension is not the number of weights
     * @throws DistillationException if the chain throws or returns a non-finite state
     */
    public Distillation<GmmStudent> distillChain(MarkovChain chain, double[] weights, double variance) {
        checkNotNull(chain, "chain");
        GaussianMixture.sharedVariance(weights, new double[checkNotNull(weights, "weights").length], variance);
        checkArgument(chain.dimension() == weights.length,
                "the chain has dimension %s but the model has %s components (weights)", chain.dimension(),
                weights.length);
        SplittableRandom rng = new SplittableRandom(config.seed());
        double[] w = weights.clone();
        Source source = epoch -> {
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
        };
        return run(source, List.of());
    }

    private Distillation<GmmStudent> run(Source source, List<String> warnings) {
        Stopwatch total = Stopwatch.createStarted();
        int k = config.components();
        double[] warm = new double[config.warmup()];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = source.next(0);
        }
        GaussianMixture q = GmmStatistics.initial(warm, k, config.varianceFloor());
        GmmStatistics stats = new GmmStatistics(k);
        for (double v : warm) {
            stats.update(q, v, 1, 1.0 / warm.length);
        }
        q = stats.maximise(q, config.varianceFloor());
        var preparation = total.elapsed();
        Stopwatch training = Stopwatch.createStarted();
        List<Double> nll = new ArrayList<>();
        double blockSum = 0;
        int inBlock = 0;
        double alpha = config.stepExponent();
        for (int t = warm.length; t < config.samples(); t++) {
            double x = source.next(nll.size());
            double gamma = Math.pow(t + 2.0, -alpha);
            blockSum -= stats.update(q, x, 1 - gamma, gamma);
            q = stats.maximise(q, config.varianceFloor());
            if (++inBlock == config.reportEvery() || t == config.samples() - 1) {
                nll.add(blockSum / inBlock);
                LOG.debug("stepwise EM: {} samples, prequential nll {}", t + 1, blockSum / inBlock);
                blockSum = 0;
                inBlock = 0;
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
