package org.distill4j.generative.distill;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distill4j.core.DensityTeacher;
import org.distill4j.core.distill.AbstractDistiller;
import org.distill4j.core.distill.ResumableRun;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.generative.math.LogMath;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.nade.NadeSamples;
import org.distill4j.generative.nade.NadeTraining;
import org.distill4j.generative.rbm.GibbsChains;
import org.distill4j.generative.rbm.Rbm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Distils a density teacher (an {@link Rbm}) into a {@link Nade} (Papamakarios 2015, arXiv:1510.02437, ch. 4):
 * each minibatch is a block of persistent Gibbs chains of the RBM, advanced {@code sweepsPerBatch} sweeps (all
 * chains) before it, and the NADE takes a step on its negative log-likelihood of the block. In expectation this
 * minimises {@code KL(RBM ‖ NADE)}. Optionally the squared error on log densities,
 * {@code ½ Var_batch(log q − log p~)}, is added with weight λ (it is zero exactly when {@code q ∝ p~} on the batch,
 * whatever {@code log Z}).
 *
 * <p>The transfer source gives the chains their starting states (its first {@code chains} rows, repeated if
 * fewer; use the RBM's training data) and the epoch length (its rows / batch size); its rows are not trained on.
 * A density teacher that is not an {@link Rbm} has no chains: each minibatch is then {@code teacher.sample(B,
 * seed)}, and the report says so.
 *
 * <p>Losses per minibatch: {@code nll} (mean {@code −log q} of the RBM samples, the cross-entropy
 * {@code H(p, q)}), {@code log_density_se} when λ &gt; 0, {@code total}, and the latest estimates
 * {@code kl_rbm_nade} = {@code mean_{x~p}(log p~ − log q) − log Ẑ} and {@code kl_nade_rbm} =
 * {@code log Ẑ − mean_{x~q}(log p~ − log q)}, with {@code log Ẑ} the importance-sampling estimate from
 * {@code klSamples} NADE samples, refreshed every {@code klEvery} minibatches.
 *
 * <p>Checkpoints ({@link #withCheckpoints}, {@link #resume}): the run saves the NADE's parameters, the updater's
 * state, its counters, the latest KL estimates and the chains' visible states. The random streams (the chains'
 * native one and the run's own, for KL estimates and non-RBM teachers) cannot be saved; instead both are
 * re-derived at the start of every epoch from a seed drawn at preparation and the epoch, so a resumed run continues
 * exactly as an uninterrupted one.
 *
 * <p>Thread-safe: the distiller holds only its configuration; each run has its own state.
 */
public class RbmNadeDistiller extends AbstractDistiller<DensityTeacher, Nade, RbmNadeDistiller.Run> {

    private final RbmNadeConfig config;

    /** @param config the NADE, the chains and the loop settings */
    public RbmNadeDistiller(RbmNadeConfig config) {
        super(checkNotNull(config, "config").training());
        this.config = config;
    }

    /** The configuration. */
    public RbmNadeConfig config() {
        return config;
    }

    @Override
    protected void validate(DensityTeacher teacher, TransferSource transfer) {
        checkArgument(config.warmStart() == null || config.warmStart().visibleSize() == teacher.inputSize(),
                "warmStart has %s variables but the teacher has %s", config.warmStart() == null ? 0
                        : config.warmStart().visibleSize(), teacher.inputSize());
        checkArgument(config.ordering() == null || config.ordering().length == teacher.inputSize(),
                "ordering has %s entries but the teacher has %s variables", config.ordering() == null ? 0
                        : config.ordering().length, teacher.inputSize());
    }

    @Override
    protected Run prepare(DensityTeacher teacher, TransferSource train, SplittableRandom rng) {
        int d = teacher.inputSize();
        Nade start = config.warmStart() != null ? config.warmStart().castTo(config.dataType())
                : Nade.initialize(d, config.hiddenUnits(), config.ordering(), config.initialStd(), config.dataType(),
                        rng.nextLong());
        NadeTraining training = new NadeTraining(start.withBlockSize(config.blockSize()), config.updater());
        List<String> warnings = new ArrayList<>();
        GibbsChains chains = null;
        if (teacher instanceof Rbm rbm) {
            INDArray states = startingStates(train, rng.split(), d);
            chains = GibbsChains.fromStates(rbm, states, rng.nextLong()).sweep(config.burnIn());
        } else {
            warnings.add("the teacher " + teacher.getClass().getSimpleName() + " is not an Rbm: minibatches are "
                    + "fresh teacher.sample(...) draws, not persistent Gibbs chains");
        }
        return new Run(training, chains, rng.split(), rng.nextLong(), warnings);
    }

    /** The first {@code chains} rows of the transfer source (repeated cyclically if fewer), checked binary. */
    private INDArray startingStates(TransferSource train, SplittableRandom rng, int d) {
        Iterator<TransferBatch> batches = train.epoch(config.chains(), rng);
        checkArgument(batches.hasNext(), "the transfer source is empty: the Gibbs chains need starting states");
        INDArray rows = batches.next().inputs();
        LogMath.checkBinary(rows, "transfer inputs (the Gibbs chains' starting states)");
        if (rows.rows() == config.chains()) {
            return rows;
        }
        int[] index = new int[config.chains()];
        for (int i = 0; i < index.length; i++) {
            index[i] = (int) (i % rows.rows());
        }
        return Nd4j.pullRows(rows, 1, index);
    }

    @Override
    protected Map<String, Double> step(Run run, DensityTeacher teacher, TransferBatch batch, int epoch,
            int batchIndex) {
        int n = (int) batch.inputs().rows();
        if (batchIndex == 0) {
            run.startEpoch(epoch);
        }
        INDArray x = run.nextSamples(teacher, n);
        run.training.setEpoch(epoch);
        Map<String, Double> losses = new LinkedHashMap<>();
        double lambda = config.logDensityWeight();
        if (lambda > 0) {
            double[] logq = run.training.logProbabilities(x);
            double[] logp = teacher.unnormalizedLogDensity(x).toDoubleVector();
            run.queries += n;
            double[] delta = new double[n];
            double mean = 0;
            double nll = 0;
            for (int i = 0; i < n; i++) {
                delta[i] = logq[i] - logp[i];
                mean += delta[i] / n;
                nll -= logq[i] / n;
            }
            double[] weights = new double[n];
            double variance = 0;
            for (int i = 0; i < n; i++) {
                weights[i] = 1.0 / n - lambda * (delta[i] - mean) / n;
                variance += (delta[i] - mean) * (delta[i] - mean) / n;
            }
            run.training.step(x, weights);
            losses.put("nll", nll);
            losses.put("log_density_se", 0.5 * variance);
            losses.put("total", nll + lambda * 0.5 * variance);
        } else {
            double nll = run.training.step(x);
            losses.put("nll", nll);
            losses.put("total", nll);
        }
        if (batchIndex == 0 || ++run.batchesSinceKl >= config.klEvery()) {
            run.estimateKl(teacher);
        }
        losses.put("kl_rbm_nade", run.klTeacherStudent);
        losses.put("kl_nade_rbm", run.klStudentTeacher);
        return losses;
    }

    @Override
    protected Nade loadStudent(Path file) throws IOException {
        return Nade.load(file);
    }

    @Override
    protected String describe() {
        return config.toString();
    }

    /** The state of one run: the NADE in training, the teacher's chains, the latest KL estimates. */
    public final class Run implements ResumableRun<Nade> {
        private final NadeTraining training;
        private final long seed;
        private final List<String> warnings;
        private GibbsChains chains;
        private SplittableRandom rng;
        private int offset;
        private int batchesSinceKl;
        private long queries;
        private double klTeacherStudent = Double.NaN;
        private double klStudentTeacher = Double.NaN;
        private double logZ = Double.NaN;

        Run(NadeTraining training, GibbsChains chains, SplittableRandom rng, long seed, List<String> warnings) {
            this.training = training;
            this.chains = chains;
            this.rng = rng;
            this.seed = seed;
            this.warnings = List.copyOf(warnings);
        }

        /** Re-derives the random streams from the run's seed and the epoch (what makes resuming exact). */
        void startEpoch(int epoch) {
            SplittableRandom epochRng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
            rng = epochRng.split();
            if (chains != null) {
                chains.reseed(epochRng.nextLong());
            }
        }

        @Override
        public RunState saveState() {
            RunState nade = training.saveState();
            Map<String, Object> fields = new LinkedHashMap<>(nade.fields());
            fields.put("offset", offset);
            fields.put("batchesSinceKl", batchesSinceKl);
            fields.put("teacherQueries", queries);
            Map<String, INDArray> arrays = new LinkedHashMap<>(nade.arrays());
            // doubles that may be NaN go into an array (JSON has no NaN)
            arrays.put("estimates", Nd4j.createFromArray(klTeacherStudent, klStudentTeacher, logZ));
            if (chains != null) {
                arrays.put("chains", chains.visible());
            }
            return new RunState(fields, arrays);
        }

        @Override
        public void restoreState(RunState state) {
            checkNotNull(state, "state");
            long savedOffset = state.longField("offset");
            long savedSinceKl = state.longField("batchesSinceKl");
            long savedQueries = state.longField("teacherQueries");
            double[] estimates = state.array("estimates").castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                    .toDoubleVector();
            checkArgument(estimates.length == 3, "checkpointed estimates must hold 3 values, got %s",
                    estimates.length);
            checkArgument(savedOffset >= 0 && savedSinceKl >= 0 && savedQueries >= 0
                    && savedOffset <= Integer.MAX_VALUE && savedSinceKl <= Integer.MAX_VALUE,
                    "checkpointed counters out of range: offset %s, batchesSinceKl %s, teacherQueries %s",
                    savedOffset, savedSinceKl, savedQueries);
            GibbsChains restored = null;
            if (chains != null) {
                INDArray states = state.array("chains");
                checkArgument(java.util.Arrays.equals(states.shape(), new long[] {chains.size(),
                        chains.rbm().visibleSize()}), "checkpointed chains have shape %s, this run has [%s, %s]",
                        java.util.Arrays.toString(states.shape()), chains.size(), chains.rbm().visibleSize());
                checkArgument(savedOffset <= chains.size(), "checkpointed offset %s exceeds the %s chains",
                        savedOffset, chains.size());
                // reseeded at the start of the next epoch, as in the uninterrupted run
                restored = GibbsChains.fromStates(chains.rbm(), states, seed);
            }
            training.restoreState(state);
            if (restored != null) {
                chains = restored;
            }
            offset = (int) savedOffset;
            batchesSinceKl = (int) savedSinceKl;
            queries = savedQueries;
            klTeacherStudent = estimates[0];
            klStudentTeacher = estimates[1];
            logZ = estimates[2];
        }

        /** The NADE being trained. */
        public NadeTraining training() {
            return training;
        }

        /** The teacher's persistent chains, or {@code null} for a teacher that is not an RBM. */
        public GibbsChains chains() {
            return chains;
        }

        /** The latest importance-sampling estimate of the teacher's log Z (NaN before the first). */
        public double latestLogZ() {
            return logZ;
        }

        @Override
        public Nade snapshot() {
            return training.snapshot();
        }

        @Override
        public long teacherQueries() {
            return queries;
        }

        @Override
        public List<String> warnings() {
            return warnings;
        }

        /** The next {@code n} teacher samples: a block of the chains after a sweep, or fresh draws. */
        INDArray nextSamples(DensityTeacher teacher, int n) {
            queries += n;
            if (chains == null) {
                return teacher.sample(n, rng.nextLong());
            }
            chains.sweep(config.sweepsPerBatch());
            if (offset + n > chains.size()) {
                offset = 0;
            }
            INDArray x = chains.visible(offset, n);
            offset += n;
            return x;
        }

        /** Refreshes the KL estimates with the current NADE. */
        void estimateKl(DensityTeacher teacher) {
            batchesSinceKl = 0;
            int m = config.klSamples();
            NadeSamples fromStudent = training.snapshot().sampleWithLogProbabilities(m, rng.nextLong());
            double[] logpStudent = teacher.unnormalizedLogDensity(fromStudent.samples()).toDoubleVector();
            double[] logqStudent = fromStudent.logProbabilities();
            INDArray teacherSamples = chains == null ? teacher.sample(m, rng.nextLong())
                    : chains.visible(0, Math.min(m, chains.size()));
            double[] logpTeacher = teacher.unnormalizedLogDensity(teacherSamples).toDoubleVector();
            double[] logqTeacher = training.logProbabilities(teacherSamples);
            queries += m + teacherSamples.rows() * 2L;
            double[] w = new double[m];
            double meanStudent = 0;
            for (int i = 0; i < m; i++) {
                w[i] = logpStudent[i] - logqStudent[i];
                meanStudent += w[i] / m;
            }
            double meanTeacher = 0;
            for (int i = 0; i < logpTeacher.length; i++) {
                meanTeacher += (logpTeacher[i] - logqTeacher[i]) / logpTeacher.length;
            }
            logZ = LogMath.logMeanExp(w);
            klStudentTeacher = logZ - meanStudent;
            klTeacherStudent = meanTeacher - logZ;
        }
    }
}
