package org.distill4j.core.rid;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.distill.AbstractDistiller;
import org.distill4j.core.distill.TeacherQueries;
import org.distill4j.core.distill.ResumableRun;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.objective.LogSoftmax;
import org.distill4j.core.rid.RepresentationDistillationConfig.Method;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.distill4j.core.transfer.FixedRows;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Trains an {@link MlpStudent} on <b>labelled</b> transfer data ({@code TransferSources.fixed(inputs, labels)})
 * with {@code α₀·CE(labels) + α₁·term}, the term being nothing (no-KD baseline), plain KD, VID
 * ({@link VidTerm}, Ahn et al. 2019, arXiv:1904.05835) or RID ({@link RidTerm}, Dissanayake et al. 2025,
 * arXiv:2411.07483), as chosen by {@link RepresentationDistillationConfig#method()}. The teacher exposes its
 * hidden representations (e.g. {@code MultiLayerNetworkTeacher}); plain KD also needs its probabilities
 * ({@link ConditionalTeacher}).
 *
 * <p>On fixed transfer rows the teacher's representation (or, for KD, its probabilities) of every row is computed
 * once, before the first epoch, and gathered per batch. One step on a batch: the teacher's answers; for RID,
 * {@code teacherStepsPerBatch} updates of the teacher filter and task head (phase A) with the student fixed;
 * then one update of the student, and of the term's student-side parameters (VID's regressor and variances,
 * RID's student filter and scales), by back-propagating the term's gradient on the student's hidden layer
 * together with the cross-entropy's gradient on its logits (phase B). Every parameter group has its own clone of
 * the configured updater. Reported losses: {@code ce}, the term ({@code kd_T<τ>}, {@code vid}, {@code rid}, and
 * {@code rid_head_ce} for the teacher phase) and {@code total = α₀·ce + α₁·term}.
 *
 * <p>Like every distiller on the core loop it is deterministic for a seed, never modifies the teacher or the
 * transfer data, and may run several distillations concurrently.
 */
public class RepresentationDistiller
        extends AbstractDistiller<HasHiddenRepresentation, MlpStudent, RepresentationDistiller.Run> {

    /** Rows per teacher call when caching the teacher's answers on fixed rows. */
    private static final int CHUNK = 1024;

    private final RepresentationDistillationConfig config;

    /** @param config the method, student, weights and loop settings */
    public RepresentationDistiller(RepresentationDistillationConfig config) {
        super(checkNotNull(config, "config").training());
        this.config = config;
    }

    /** The configuration. */
    public RepresentationDistillationConfig config() {
        return config;
    }

    @Override
    protected void validate(HasHiddenRepresentation teacher, TransferSource transfer) {
        MlpArchitecture a = config.architecture();
        checkArgument(teacher.inputSize() == a.inputSize(), "teacher has %s inputs but the student expects %s",
                teacher.inputSize(), a.inputSize());
        checkArgument(config.method() != Method.KD || teacher instanceof ConditionalTeacher,
                "plain KD needs a ConditionalTeacher; %s is not", teacher.getClass().getName());
        if (teacher instanceof ConditionalTeacher conditional) {
            checkArgument(conditional.outputSize() == a.outputSize(),
                    "teacher has %s classes but the student has %s outputs", conditional.outputSize(),
                    a.outputSize());
        }
    }

    @Override
    protected Run prepare(HasHiddenRepresentation teacher, TransferSource train, SplittableRandom rng) {
        MlpArchitecture a = config.architecture();
        MlpStudent start = MlpStudent.initialize(a, rng.nextLong());
        long termSeed = rng.nextLong();
        Run run = new Run(start, config.updater());
        boolean representations = config.method() == Method.VID || config.method() == Method.RID;
        if (train instanceof FixedRows fixed && (representations || config.method() == Method.KD)) {
            // the teacher's answers on fixed rows are computed once, in chunks, and gathered per batch
            INDArray rows = fixed.rows();
            run.source = fixed;
            if (config.method() == Method.KD) {
                run.cache = TeacherQueries.predictInChunks((ConditionalTeacher) teacher, rows, CHUNK)
                        .castTo(a.dataType());
            } else {
                List<INDArray> chunks = new ArrayList<>();
                for (long from = 0; from < rows.rows(); from += CHUNK) {
                    long to = Math.min(rows.rows(), from + CHUNK);
                    chunks.add(teacherRepresentation(teacher,
                            rows.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())));
                }
                run.cache = Nd4j.vstack(chunks.toArray(new INDArray[0]));
            }
            run.queries += rows.rows();
        }
        if (representations) {
            // without a cache, one probe row gives the teacher representation's width
            int teacherWidth = run.cache != null ? (int) run.cache.size(1) : (int) teacherRepresentation(teacher,
                    train.epoch(1, new SplittableRandom(0)).next().inputs()).size(1);
            int studentWidth = a.layerSizes().get(config.resolvedStudentLayer() + 1);
            if (config.method() == Method.VID) {
                run.vid = VidTerm.of(studentWidth, teacherWidth);
                run.termParameters = run.addGroup(run.vid.initialParameters(termSeed, a.dataType()));
            } else {
                run.rid = RidTerm.of(studentWidth, teacherWidth, config.filterWidth(), a.outputSize());
                run.termParameters = run.addGroup(run.rid.initialStudentParameters(termSeed, a.dataType()));
                run.teacherFilter = run.addGroup(run.rid.initialTeacherParameters(termSeed + 1, a.dataType()));
            }
        }
        return run;
    }

    @Override
    protected Map<String, Double> step(Run run, HasHiddenRepresentation teacher, TransferBatch batch, int epoch,
            int batchIndex) {
        checkArgument(batch.hardLabels().isPresent(),
                "%s needs labelled transfer data (TransferSources.fixed(inputs, labels))", getClass().getSimpleName());
        int[] labels = batch.hardLabels().get();
        MlpArchitecture a = config.architecture();
        INDArray x = batch.inputs().dataType() == a.dataType() ? batch.inputs() : batch.inputs().castTo(a.dataType());
        long n = x.size(0);
        INDArray onehot = Nd4j.create(a.dataType(), n, a.outputSize());
        for (int i = 0; i < n; i++) {
            checkArgument(labels[i] >= 0 && labels[i] < a.outputSize(), "label %s of row %s is not in [0, %s)",
                    labels[i], i, a.outputSize());
            onehot.putScalar(i, labels[i], 1.0);
        }
        Map<String, Double> losses = new LinkedHashMap<>();
        StudentNet.Forward f = run.net.forward(run.parameters, x);
        INDArray logP = LogSoftmax.of(f.logits());
        double ce = -logP.mul(onehot).sumNumber().doubleValue() / n;
        losses.put("ce", ce);
        INDArray gradLogits = Transforms.exp(logP, true).subi(onehot).muli(config.crossEntropyWeight() / n);
        INDArray hiddenGradient = null;
        double term = 0;
        int layer = config.resolvedStudentLayer();
        switch (config.method()) {
            case KD -> {
                double tau = config.temperature();
                INDArray teacherP = teacherAnswer(run, batch, () -> ((ConditionalTeacher) teacher).predict(x)
                        .castTo(a.dataType()));
                INDArray softT = Transforms.softmax(Transforms.log(teacherP.add(1e-12), false).divi(tau), false);
                INDArray logQ = LogSoftmax.of(f.logits().div(tau));
                INDArray logSoftT = Transforms.log(softT.add(1e-30), true);
                term = tau * tau * softT.mul(logSoftT.sub(logQ)).sumNumber().doubleValue() / n;
                losses.put(String.format(Locale.ROOT, "kd_T%s", tau), term);
                gradLogits.addi(Transforms.exp(logQ, true).subi(softT).muli(config.termWeight() * tau / n));
            }
            case VID -> {
                INDArray t = teacherAnswer(run, batch, () -> teacherRepresentation(teacher, x));
                RepresentationTermValue v = run.vid.evaluate(f.hidden()[layer], t, run.termParameters);
                term = v.loss();
                losses.put("vid", term);
                hiddenGradient = v.studentGradient().muli(config.termWeight());
                run.update(run.termParameters, v.parameterGradient().muli(config.termWeight()), epoch);
            }
            case RID -> {
                INDArray t = teacherAnswer(run, batch, () -> teacherRepresentation(teacher, x));
                INDArray s = f.hidden()[layer];
                double head = 0;
                for (int k = 0; k < config.teacherStepsPerBatch(); k++) {
                    RidTerm.TeacherPhaseValue tv = run.rid.teacherPhase(s, t, labels, run.termParameters,
                            run.teacherFilter, config.teacherMatchingWeight());
                    head = tv.headCrossEntropy();
                    run.update(run.teacherFilter, tv.teacherGradient(), epoch);
                }
                RepresentationTermValue v = run.rid.studentPhase(s, t, run.termParameters, run.teacherFilter);
                term = v.loss();
                losses.put("rid", term);
                losses.put("rid_head_ce", head);
                hiddenGradient = v.studentGradient().muli(config.termWeight());
                run.update(run.termParameters, v.parameterGradient().muli(config.termWeight()), epoch);
            }
            default -> {
            }
        }
        run.net.backward(run.parameters, f, gradLogits, layer, hiddenGradient, run.gradient);
        run.update(run.parameters, run.gradient, epoch);
        losses.put("total", config.crossEntropyWeight() * ce + config.termWeight() * term);
        return losses;
    }

    /** The cached rows for a batch of the fixed source, or a fresh teacher answer (counted). */
    private static INDArray teacherAnswer(Run run, TransferBatch batch,
            Supplier<INDArray> fresh) {
        if (run.cache != null && batch.rowOrigin().isPresent() && batch.rowOrigin().get().data() == run.source) {
            return Nd4j.pullRows(run.cache, 1, batch.rowOrigin().get().rows());
        }
        run.queries += batch.inputs().rows();
        return fresh.get();
    }

    /** The configured teacher representation of {@code x}, in the student's dtype. */
    private INDArray teacherRepresentation(HasHiddenRepresentation teacher, INDArray x) {
        List<INDArray> all = teacher.hiddenRepresentations(x);
        int count = all.size();
        int index = config.teacherLayer() < 0 ? count + config.teacherLayer() : config.teacherLayer();
        checkArgument(index >= 0 && index < count, "teacherLayer must be in [-%s, %s) for this teacher, got %s",
                count, count, config.teacherLayer());
        INDArray t = all.get(index);
        return t.dataType() == config.architecture().dataType() ? t : t.castTo(config.architecture().dataType());
    }

    @Override
    protected String describe() {
        return config.toString();
    }

    @Override
    protected MlpStudent loadStudent(java.nio.file.Path file) throws java.io.IOException {
        return MlpStudent.load(file);
    }

    /** The state of one run: the student's parameters, the term's parameters, and their optimisers. */
    public static final class Run implements ResumableRun<MlpStudent> {
        private final MlpStudent start;
        private final StudentNet net;
        private final IUpdater updaterConfig;
        private final INDArray parameters;
        private final INDArray gradient;
        private final Map<INDArray, GradientUpdater<?>> updaters = new IdentityHashMap<>();
        private final Map<INDArray, int[]> iterations = new IdentityHashMap<>();
        private final Map<INDArray, INDArray> states = new IdentityHashMap<>();
        private VidTerm vid;
        private RidTerm rid;
        private INDArray termParameters;
        private INDArray teacherFilter;
        private FixedRows source;
        private INDArray cache;
        private long queries;

        Run(MlpStudent start, IUpdater updater) {
            this.start = start;
            this.net = new StudentNet(start.architecture());
            this.updaterConfig = updater;
            this.parameters = addGroup(start.parameters());
            this.gradient = Nd4j.create(parameters.dataType(), 1, parameters.length());
        }

        private INDArray addGroup(INDArray group) {
            IUpdater u = updaterConfig.clone();
            long stateSize = u.stateSize(group.length());
            INDArray state = stateSize == 0 ? null : Nd4j.create(group.dataType(), 1, stateSize);
            updaters.put(group, u.instantiate(state, true));
            iterations.put(group, new int[1]);
            states.put(group, state);
            return group;
        }

        private void update(INDArray group, INDArray groupGradient, int epoch) {
            int[] count = iterations.get(group);
            updaters.get(group).applyUpdater(groupGradient, count[0]++, epoch);
            group.subi(groupGradient);
        }

        /** The current RID student-side or VID parameters (a copy), or null for the other methods. */
        public INDArray termParameters() {
            return termParameters == null ? null : termParameters.dup();
        }

        /** The current RID teacher filter and head parameters (a copy), or null for the other methods. */
        public INDArray teacherFilterParameters() {
            return teacherFilter == null ? null : teacherFilter.dup();
        }

        @Override
        public long teacherQueries() {
            return queries;
        }

        @Override
        public MlpStudent snapshot() {
            return start.withParameters(parameters);
        }

        /** The parameter groups by name, in a fixed order (absent groups are skipped). */
        private Map<String, INDArray> groups() {
            Map<String, INDArray> g = new LinkedHashMap<>();
            g.put("student", parameters);
            if (termParameters != null) {
                g.put("term", termParameters);
            }
            if (teacherFilter != null) {
                g.put("teacherFilter", teacherFilter);
            }
            return g;
        }

        @Override
        public RunState saveState() {
            Map<String, Object> fields = new LinkedHashMap<>();
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            fields.put("teacherQueries", queries);
            groups().forEach((name, group) -> {
                fields.put(name + ".iterations", iterations.get(group)[0]);
                arrays.put(name, group.dup());
                INDArray state = states.get(group);
                if (state != null) {
                    arrays.put(name + ".updater", state.dup());
                }
            });
            return new RunState(fields, arrays);
        }

        @Override
        public void restoreState(RunState state) {
            Map<String, INDArray> groups = groups();
            for (Map.Entry<String, INDArray> e : groups.entrySet()) {
                INDArray saved = state.array(e.getKey());
                checkArgument(saved.length() == e.getValue().length(), "checkpointed %s has %s values, this run %s",
                        e.getKey(), saved.length(), e.getValue().length());
                INDArray updater = states.get(e.getValue());
                checkArgument(updater == null || state.array(e.getKey() + ".updater").length() == updater.length(),
                        "checkpointed updater state of %s does not fit", e.getKey());
            }
            long count = state.longField("teacherQueries");
            groups.forEach((name, group) -> {
                group.assign(state.array(name).reshape(group.shape()));
                INDArray updater = states.get(group);
                if (updater != null) {
                    updater.assign(state.array(name + ".updater").reshape(updater.shape()));
                }
                iterations.get(group)[0] = (int) state.longField(name + ".iterations");
            });
            queries = count;
        }
    }
}
