package org.distill4j.bayes.student;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distill4j.bayes.bag.CategoricalPredictive;
import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.bag.PredictiveEvaluation;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.distill.AbstractDistiller;
import org.distill4j.core.distill.ResumableRun;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.distill.TeacherQueries;
import org.distill4j.core.objective.TeacherTargets;
import org.distill4j.core.progress.DistillationListener;
import org.distill4j.core.transfer.FixedRows;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch distillation of a posterior predictive into a {@link LogisticMixtureStudent}: minimises the cross-entropy
 * {@code −Σ_x Σ_y p(y|x,D) log q(y|x)} to the teacher's probabilities (the Monte-Carlo average of a bag, or any
 * conditional teacher) on transfer inputs, with Adam in {@code double} (Papamakarios 2015, arXiv:1510.02437,
 * ch. 3). Teacher answers on fixed transfer rows are computed once and cached. The components start from K
 * distinct random samples of the teacher's bag when possible ({@link MixtureDistillerConfig#initFromBag()}), else
 * from seeded Gaussian noise. Losses reported per epoch: {@code crossEntropy}, {@code kl} (cross-entropy minus the
 * teacher's entropy: {@code KL(p ‖ q)} on the batch) and {@code total} (= crossEntropy). With
 * {@link MixtureDistillerConfig#averageFrom()} below 1 the student is the average of the late iterates.
 *
 * <p>Built on core's {@link AbstractDistiller}; thread-safe as it (each run's state is its own).
 */
public final class MixtureDistiller
        extends AbstractDistiller<ConditionalTeacher, LogisticMixtureStudent, MixtureDistiller.Run> {

    private static final int TEACHER_CHUNK = 1024;

    private final MixtureDistillerConfig config;

    /** @param config the configuration */
    public MixtureDistiller(MixtureDistillerConfig config) {
        super(checkNotNull(config, "config").settings());
        this.config = config;
    }

    /** Adds a progress listener to every later run; returns this distiller (for chaining into {@code distill(bag, …)}). */
    @Override
    public MixtureDistiller withListener(DistillationListener listener) {
        super.withListener(listener);
        return this;
    }

    /** The configuration. */
    public MixtureDistillerConfig config() {
        return config;
    }

    /**
     * Distils a bag and evaluates the student on held-out inputs: KL to the bag's predictive, test log-likelihood
     * of both, the memory of each, and the samples consumed (the bag's size).
     *
     * @param testInputs {@code [n, d]} held-out inputs, not modified
     * @param testLabels their labels, or {@code null}
     */
    public BagDistillation distill(PosteriorBag bag, TransferSource transfer, INDArray testInputs,
            int[] testLabels) {
        CategoricalPredictive teacher = CategoricalPredictive.of(bag);
        Distillation<LogisticMixtureStudent> run = distill(teacher, transfer);
        LogisticMixtureStudent student = run.student();
        // parameters, gradient, two Adam moments, and the iterate average when on
        long held = bag.memoryBytes() + student.memoryBytes() * (config.averageFrom() < 1 ? 5 : 4);
        PredictiveEvaluation evaluation = PredictiveEvaluation.of(teacher, student, testInputs, testLabels,
                student.memoryBytes(), bag.size(), held);
        return new BagDistillation(run, evaluation);
    }

    /**
     * A batch distillation's outcome.
     *
     * @param run the student and core's report
     * @param evaluation KL, test log-likelihoods, memory and samples consumed
     */
    public record BagDistillation(Distillation<LogisticMixtureStudent> run, PredictiveEvaluation evaluation) {

        /** Checks presence. */
        public BagDistillation {
            checkNotNull(run, "run");
            checkNotNull(evaluation, "evaluation");
        }
    }

    @Override
    protected void validate(ConditionalTeacher teacher, TransferSource transfer) {
        checkArgument(teacher.outputSize() >= 2, "the teacher must have >= 2 classes, got %s", teacher.outputSize());
    }

    @Override
    protected Run prepare(ConditionalTeacher teacher, TransferSource train, SplittableRandom rng) {
        MixtureShape shape = config.shapeFor(teacher.inputSize(), teacher.outputSize());
        List<String> warnings = new ArrayList<>();
        double[] params = initialParameters(shape, teacher, rng, warnings);
        TeacherQueries queries = new TeacherQueries(teacher, false, TEACHER_CHUNK);
        if (train instanceof FixedRows fixed) {
            queries.prime(fixed);
        }
        return new Run(shape, params, new Adam(params.length, config.learningRate()), queries, warnings);
    }

    private double[] initialParameters(MixtureShape shape, ConditionalTeacher teacher, SplittableRandom rng,
            List<String> warnings) {
        double[] params = new double[shape.parameterCount()];
        int per = shape.parametersPerComponent();
        if (config.initFromBag() && teacher instanceof CategoricalPredictive predictive) {
            PosteriorBag bag = predictive.bag();
            if (bag.dimension() == per) {
                int[] chosen = MixtureInit.distinctIndices(bag.size(), shape.components(), rng);
                for (int k = 0; k < chosen.length; k++) {
                    double[] sample = bag.sample(chosen[k]);
                    System.arraycopy(sample, 0, params, k * per, per);
                }
                return params;
            }
            warnings.add("bag samples have dimension " + bag.dimension() + " but a component has " + per
                    + " parameters: components initialised at random");
        }
        MixtureInit.gaussian(params, config.initScale(), rng);
        return params;
    }

    @Override
    protected Map<String, Double> step(Run run, ConditionalTeacher teacher, TransferBatch batch, int epoch,
            int batchIndex) {
        TeacherTargets targets = run.queries.targets(batch);
        INDArray x = batch.inputs();
        int n = (int) x.rows();
        double[] xs = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] t = targets.probabilities().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        run.queries.releaseGathered();
        double ce = MixtureObjective.crossEntropy(run.shape, run.params, xs, n, t, run.gradient);
        run.adam.step(run.params, run.gradient);
        if (epoch >= config.firstAveragedEpoch()) {
            run.average.add(run.params);
        }
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("crossEntropy", ce);
        losses.put("kl", ce - MixtureInit.meanEntropy(t, n, run.shape.classes()));
        losses.put("total", ce);
        return losses;
    }

    @Override
    protected String describe() {
        return config.toString();
    }

    @Override
    protected LogisticMixtureStudent loadStudent(Path file) throws IOException {
        return LogisticMixtureStudent.load(file);
    }

    /**
     * One run's state: the parameters, Adam and the cached teacher answers. Resumable: a checkpoint holds the
     * parameters, Adam's moments and step count, the iterate average and the teacher-query count. Not thread-safe.
     */
    static final class Run implements ResumableRun<LogisticMixtureStudent> {
        private final MixtureShape shape;
        private final double[] params;
        private final double[] gradient;
        private final Adam adam;
        private final TeacherQueries queries;
        private final List<String> warnings;
        private final IterateAverage average;

        Run(MixtureShape shape, double[] params, Adam adam, TeacherQueries queries, List<String> warnings) {
            this.shape = shape;
            this.params = params;
            this.gradient = new double[params.length];
            this.adam = adam;
            this.queries = queries;
            this.warnings = warnings;
            this.average = new IterateAverage(params.length);
        }

        @Override
        public LogisticMixtureStudent snapshot() {
            return LogisticMixtureStudent.of(shape, average.count() > 0 ? average.mean() : params);
        }

        @Override
        public RunState saveState() {
            double[][] moments = adam.momentsCopy();
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            arrays.put("parameters", Nd4j.createFromArray(params.clone()));
            arrays.put("adamFirstMoment", Nd4j.createFromArray(moments[0]));
            arrays.put("adamSecondMoment", Nd4j.createFromArray(moments[1]));
            arrays.put("averageMean", Nd4j.createFromArray(average.meanCopy()));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("adamSteps", adam.steps());
            fields.put("averageCount", average.count());
            fields.put("teacherQueries", queries.count());
            return new RunState(fields, arrays);
        }

        @Override
        public void restoreState(RunState state) {
            checkNotNull(state, "state");
            double[] p = vector(state, "parameters");
            double[] m = vector(state, "adamFirstMoment");
            double[] v = vector(state, "adamSecondMoment");
            double[] mean = vector(state, "averageMean");
            long steps = state.longField("adamSteps");
            long count = state.longField("averageCount");
            long queried = state.longField("teacherQueries");
            checkArgument(steps >= 0 && count >= 0 && queried >= 0,
                    "checkpoint counters must be >= 0, got adamSteps %s, averageCount %s, teacherQueries %s", steps,
                    count, queried);
            adam.restore(m, v, steps);
            average.restore(mean, count);
            System.arraycopy(p, 0, params, 0, params.length);
            queries.restoreCount(queried);
        }

        private double[] vector(RunState state, String name) {
            INDArray a = state.array(name);
            checkArgument(a.length() == params.length, "checkpoint array '%s' has %s entries but this run has %s "
                    + "parameters (%s)", name, a.length(), params.length, shape);
            return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }

        @Override
        public long teacherQueries() {
            return queries.count();
        }

        @Override
        public List<String> warnings() {
            return List.copyOf(warnings);
        }
    }
}
