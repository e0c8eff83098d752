package org.distill4j.bayes.regression;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.distill4j.core.distill.AbstractDistiller;
import org.distill4j.core.distill.ResumableRun;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch distillation of a Gaussian teacher — typically the {@link GaussianPredictive} of a stored bag — into a
 * {@link GaussianRegressionStudent} (Korattikara et al., <i>Bayesian Dark Knowledge</i>, NIPS 2015, with a stored
 * bag in place of the running chain; Papamakarios 2015, arXiv:1510.02437, ch. 3). Each batch of transfer inputs
 * (use {@code TransferSources.perturbed} for BDK's perturbed training inputs) is answered by the teacher's mean
 * {@code m} and variance {@code v}, and the student takes one Adam step on
 * {@code E_{y~p}[−log S(y|x)] = ½ log 2π + ½α + ((m − μ)² + v)/(2e^α)}: for a mixture teacher this is
 * {@code KL(p ‖ S)} plus the teacher's entropy, with the same gradient.
 *
 * <p>Loss terms per epoch: {@code expected_nll} and {@code total} (equal). {@code teacherQueries} counts answered
 * inputs. Thread-safe: holds only its configuration.
 */
public final class GaussianRegressionDistiller extends AbstractDistiller<GaussianTeacher, GaussianRegressionStudent,
        GaussianRegressionDistiller.Run> {

    private final GaussianRegressionConfig config;

    /** @param config the loop, the student's hidden widths and the learning rate */
    public GaussianRegressionDistiller(GaussianRegressionConfig config) {
        super(checkNotNull(config, "config").training());
        this.config = config;
    }

    /** The configuration. */
    public GaussianRegressionConfig config() {
        return config;
    }

    @Override
    protected Run prepare(GaussianTeacher teacher, TransferSource train, SplittableRandom rng) {
        GaussianRegressionStudent start = GaussianRegressionStudent.initialize(teacher.inputSize(), config.hidden(),
                rng.nextLong());
        return new Run(new GaussianRegressionTraining(start, config.learningRate()));
    }

    @Override
    protected Map<String, Double> step(Run run, GaussianTeacher teacher, TransferBatch batch, int epoch,
            int batchIndex) {
        INDArray inputs = batch.inputs();
        int n = (int) inputs.rows();
        double[] x = RegressionInputs.rows(inputs, teacher.inputSize(), "transfer inputs");
        double[] moments = teacher.moments(inputs).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        OnlinePredictiveAverage.checkPredictive(moments, n);
        run.queries += n;
        double[] m = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = moments[2 * i];
            v[i] = moments[2 * i + 1];
        }
        double loss = run.training.step(x, n, m, v);
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("expected_nll", loss);
        losses.put("total", loss);
        return losses;
    }

    @Override
    protected String describe() {
        return config.toString();
    }

    @Override
    protected GaussianRegressionStudent loadStudent(Path file) throws IOException {
        return GaussianRegressionStudent.load(file);
    }

    /**
     * The state of one run: the student in training. Resumable: a checkpoint holds the parameters, Adam's moments
     * and step count, and the teacher-query count.
     */
    public static final class Run implements ResumableRun<GaussianRegressionStudent> {
        private final GaussianRegressionTraining training;
        private long queries;

        Run(GaussianRegressionTraining training) {
            this.training = training;
        }

        @Override
        public GaussianRegressionStudent snapshot() {
            return training.snapshot();
        }

        @Override
        public long teacherQueries() {
            return queries;
        }

        @Override
        public RunState saveState() {
            RunState state = training.saveState();
            Map<String, Object> fields = new LinkedHashMap<>(state.fields());
            fields.put("teacherQueries", queries);
            return new RunState(fields, state.arrays());
        }

        @Override
        public void restoreState(RunState state) {
            checkNotNull(state, "state");
            long count = state.longField("teacherQueries");
            checkArgument(count >= 0, "checkpoint teacherQueries must be >= 0, got %s", count);
            training.restoreState(state);
            queries = count;
        }
    }
}
