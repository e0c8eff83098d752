package org.distill4j.core.compression;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.distill.AbstractDistiller;
import org.distill4j.core.distill.TeacherQueries;
import org.distill4j.core.distill.ResumableRun;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.TeacherTargets;
import org.distill4j.core.teacher.HasInputJacobian;
import org.distill4j.core.transfer.FixedRows;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;

/**
 * Model compression: trains an {@link MlpStudent} to imitate a conditional teacher (an ensemble of nets, any
 * network) on transfer inputs, with any weighted {@link Objective} — soft targets, hard labels, logits, and
 * derivative matching on log-probabilities (G. Papamakarios, <i>Distilling Model Knowledge</i>, 2015,
 * arXiv:1510.02437, ch. 2). Derivative matching needs a teacher implementing {@link HasInputJacobian}; a teacher
 * whose derivatives are finite differences is accepted and flagged in the report.
 *
 * <p>The teacher's probabilities on fixed transfer data are computed once, before the first epoch, and cached;
 * so are its Jacobians when they fit {@link CompressionConfig#jacobianCacheBytes()}. Thread-safe: one instance
 * may run several distillations concurrently.
 */
public class CompressionDistiller
        extends AbstractDistiller<ConditionalTeacher, MlpStudent, CompressionDistiller.Run> {

    /** Rows per teacher call when caching the teacher's answers on fixed data. */
    private static final int TEACHER_CHUNK = 1024;

    private final CompressionConfig config;

    /** @param config the student, objective, optimiser and loop settings */
    public CompressionDistiller(CompressionConfig config) {
        super(checkNotNull(config, "config").training());
        this.config = config;
    }

    /** The configuration. */
    public CompressionConfig config() {
        return config;
    }

    @Override
    protected void validate(ConditionalTeacher teacher, TransferSource transfer) {
        MlpArchitecture a = config.architecture();
        checkArgument(teacher.inputSize() == a.inputSize(),
                "teacher has %s inputs but the student architecture expects %s", teacher.inputSize(),
                a.inputSize());
        checkArgument(teacher.outputSize() == a.outputSize(),
                "teacher has %s classes but the student architecture has %s outputs", teacher.outputSize(),
                a.outputSize());
        checkArgument(!config.objective().needsJacobian() || teacher instanceof HasInputJacobian,
                "the objective matches derivatives, so the teacher must implement HasInputJacobian; %s does not",
                teacher.getClass().getName());
    }

    @Override
    protected Run prepare(ConditionalTeacher teacher, TransferSource train, SplittableRandom rng) {
        long initSeed = rng.nextLong();
        MlpStudent start = config.warmStart() != null ? config.warmStart()
                : MlpStudent.initialize(config.architecture(), initSeed);
        List<String> warnings = new ArrayList<>();
        boolean jacobians = config.objective().needsJacobian();
        if (jacobians && !((HasInputJacobian) teacher).hasExactDerivatives()) {
            warnings.add("the teacher's input derivatives are finite-difference approximations, not exact");
        }
        TeacherQueries queries = new TeacherQueries(teacher, jacobians, TEACHER_CHUNK, config.jacobianCacheBytes());
        if (train instanceof FixedRows fixed) {
            queries.prime(fixed); // teacher answers on fixed data count as preparation, not training
        }
        return new Run(new MlpTraining(start, config.updater()), queries, warnings);
    }

    @Override
    protected Map<String, Double> step(Run run, ConditionalTeacher teacher, TransferBatch batch, int epoch,
            int batchIndex) {
        TeacherTargets targets = run.queries.targets(batch);
        run.training.setEpoch(epoch);
        Map<String, Double> losses = run.training.stepLosses(batch.inputs(), targets, config.objective());
        run.queries.releaseGathered();
        return losses;
    }

    @Override
    protected String describe() {
        return config.toString();
    }

    @Override
    protected MlpStudent loadStudent(Path file) throws IOException {
        return MlpStudent.load(file);
    }

    /** The state of one compression run: the student in training, its optimiser, the teacher's cached answers. */
    public static final class Run implements ResumableRun<MlpStudent> {
        private final MlpTraining training;
        private final TeacherQueries queries;
        private final List<String> warnings;

        Run(MlpTraining training, TeacherQueries queries, List<String> warnings) {
            this.training = training;
            this.queries = queries;
            this.warnings = List.copyOf(warnings);
        }

        /** The student being trained (its optimiser state included). */
        public MlpTraining training() {
            return training;
        }

        /** The teacher's answers for this run. */
        public TeacherQueries queries() {
            return queries;
        }

        @Override
        public MlpStudent snapshot() {
            return training.snapshot();
        }

        @Override
        public RunState saveState() {
            RunState state = training.saveState();
            Map<String, Object> fields = new LinkedHashMap<>(state.fields());
            fields.put("teacherQueries", queries.count());
            return new RunState(fields, state.arrays());
        }

        @Override
        public void restoreState(RunState state) {
            long count = state.longField("teacherQueries");
            training.restoreState(state);
            queries.restoreCount(count);
        }

        @Override
        public long teacherQueries() {
            return queries.count();
        }

        @Override
        public List<String> warnings() {
            return warnings;
        }
    }
}
