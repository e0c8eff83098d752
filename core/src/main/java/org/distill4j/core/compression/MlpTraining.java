package org.distill4j.core.compression;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.linalg.Finite;
import org.distill4j.core.linalg.Workspaces;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.ObjectiveValue;
import org.distill4j.core.objective.StudentOutputs;
import org.distill4j.core.objective.TeacherTargets;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One training run of an {@link MlpStudent}: a private copy of its parameters, a gradient buffer and the state
 * of an ND4J updater (Adam, AdaDelta — the thesis's choice —, Sgd, Nesterovs, ...), advanced one minibatch at a
 * time by {@link #step}. Derivative matching (Papamakarios 2015, ch. 2) is included whenever the objective
 * {@linkplain Objective#needsJacobian() needs the Jacobian}: the student's Jacobian is computed and its
 * gradient back-propagated explicitly ({@link JacobianPropagation}).
 *
 * <p>The starting student is never modified; {@link #snapshot()} returns immutable students. A step whose
 * validation fails, or whose loss is not finite, changes nothing.
 *
 * <p>Mutable and not thread-safe: one instance per run, used from one thread.
 */
public final class MlpTraining {

    private final MlpArchitecture architecture;
    private final HiddenActivation activation;
    private final INDArray parameters;
    private final MlpLayers layers;
    private final INDArray gradient;
    private final MlpLayers gradientLayers;
    private final UpdateRule updater;
    private StepBuffers buffers;
    private int iterations;
    private int epoch;

    /**
     * Starts a run from {@code start}'s parameters (copied).
     *
     * @param start the starting student; not modified
     * @param updater the update rule; cloned, so the caller's instance is not shared
     */
    @SuppressWarnings("try")
    public MlpTraining(MlpStudent start, IUpdater updater) {
        checkNotNull(start, "start");
        checkNotNull(updater, "updater");
        this.architecture = start.architecture();
        this.activation = start.activation();
        try (MemoryWorkspace ignored = Workspaces.outside()) {
            this.parameters = start.parameters();
            this.layers = new MlpLayers(architecture, parameters);
            long count = architecture.parameterCount();
            this.gradient = Nd4j.create(architecture.dataType(), 1, count);
            this.gradientLayers = new MlpLayers(architecture, gradient);
            this.updater = UpdateRule.of(updater, count, architecture.dataType());
        }
    }

    /**
     * One training step on a minibatch: forward pass (with the Jacobian only if the objective needs it), the
     * objective, its gradient with respect to every parameter, and one updater step.
     *
     * <p>If the objective's total is not finite, no update is applied and {@link #iterations()} is unchanged;
     * the returned value shows the non-finite loss (distillers stop the run).
     *
     * <p>Temporaries live in the calling thread's ND4J workspace {@code "distill4j-mlp-training"}, reused from
     * step to step (about twice the size of an {@code [n, K, d]} Jacobian when derivative matching is on).
     *
     * @param inputs {@code [n, d]}, finite; not modified
     * @param targets the teacher's targets on these rows ({@code [n, K]} probabilities, and {@code [n, K, d]}
     *     Jacobians when the objective needs them); not modified
     * @param objective the objective
     * @return the objective's value before the update: total, per-term losses and the logit gradient (a new
     *     array); the Jacobian gradient, as large as the Jacobian and of no use after the step, is not kept
     *     ({@code null})
     * @throws IllegalArgumentException on bad shapes, non-finite inputs or teacher probabilities, or a missing
     *     Jacobian; nothing is changed then
     */
    @SuppressWarnings("try")
    public ObjectiveValue step(INDArray inputs, TeacherTargets targets, Objective objective) {
        try (MemoryWorkspace ignored = Workspaces.open(Workspaces.TRAINING)) {
            ObjectiveValue value = advance(inputs, targets, objective);
            return new ObjectiveValue(value.total(), value.termLosses(), value.logitGradient().detach(), null);
        }
    }

    /**
     * {@link #step} without copying the logit gradient out of the step's workspace (an off-heap allocation its
     * callers in this package do not need): the per-term losses followed by {@code "total"}.
     */
    @SuppressWarnings("try")
    Map<String, Double> stepLosses(INDArray inputs, TeacherTargets targets, Objective objective) {
        try (MemoryWorkspace ignored = Workspaces.open(Workspaces.TRAINING)) {
            ObjectiveValue value = advance(inputs, targets, objective);
            Map<String, Double> losses = new LinkedHashMap<>(value.termLosses());
            losses.put("total", value.total());
            return losses;
        }
    }

    /** Computes the objective and its gradient and, if the total is finite, applies one update. */
    private ObjectiveValue advance(INDArray inputs, TeacherTargets targets, Objective objective) {
        ObjectiveValue value = compute(inputs, targets, objective);
        if (Double.isFinite(value.total())) {
            updater.update(parameters, gradient, iterations, epoch);
            iterations++;
        }
        return value;
    }

    /**
     * The objective and its gradient with respect to the parameters, without updating anything (for tests and
     * diagnostics).
     *
     * @param gradientOut written with the gradient: a vector of {@link MlpStudent#parameterCount()} values in
     *     the flat parameter layout
     * @return the objective's value, with both gradients (new arrays)
     */
    @SuppressWarnings("try")
    public ObjectiveValue lossAndGradient(INDArray inputs, TeacherTargets targets, Objective objective,
            INDArray gradientOut) {
        checkNotNull(gradientOut, "gradientOut");
        checkArgument(gradientOut.isVector() && gradientOut.length() == architecture.parameterCount(),
                "gradientOut must be a vector of %s values, got shape %s", architecture.parameterCount(),
                Arrays.toString(gradientOut.shape()));
        try (MemoryWorkspace ignored = Workspaces.open(Workspaces.TRAINING)) {
            ObjectiveValue value = compute(inputs, targets, objective);
            gradientOut.assign(gradient.reshape(gradientOut.shape()));
            INDArray jacobianGradient = value.jacobianGradient();
            return new ObjectiveValue(value.total(), value.termLosses(), value.logitGradient().detach(),
                    jacobianGradient == null ? null : jacobianGradient.detach());
        }
    }

    /** The current parameters as an immutable student. */
    @SuppressWarnings("try")
    public MlpStudent snapshot() {
        try (MemoryWorkspace ignored = Workspaces.outside()) {
            return MlpStudent.adopt(architecture, parameters.dup());
        }
    }

    /**
     * This run's mutable state, for a checkpoint: the parameters, the update rule's state and the counters (new
     * arrays).
     */
    @SuppressWarnings("try")
    public RunState saveState() {
        try (MemoryWorkspace ignored = Workspaces.outside()) {
            return new RunState(Map.of("iterations", iterations, "epoch", epoch),
                    Map.of("parameters", parameters.dup(), "updater", updater.state()));
        }
    }

    /**
     * Replaces this run's state by one {@link #saveState()} wrote for the same architecture and updater.
     *
     * @throws IllegalArgumentException if the state does not fit (names, shapes); nothing is changed then
     */
    public void restoreState(RunState state) {
        checkNotNull(state, "state");
        INDArray saved = state.array("parameters");
        checkArgument(saved.length() == parameters.length(),
                "checkpointed parameters have %s values, this student has %s", saved.length(), parameters.length());
        long savedIterations = state.longField("iterations");
        long savedEpoch = state.longField("epoch");
        checkArgument(savedIterations >= 0 && savedIterations <= Integer.MAX_VALUE,
                "checkpointed iterations must be in [0, %s], got %s", Integer.MAX_VALUE, savedIterations);
        checkArgument(savedEpoch >= 0 && savedEpoch <= Integer.MAX_VALUE,
                "checkpointed epoch must be in [0, %s], got %s", Integer.MAX_VALUE, savedEpoch);
        checkArgument(Finite.check(saved),
                "checkpointed parameters must be finite numbers");
        updater.restore(state.array("updater"));
        parameters.assign(saved.reshape(parameters.shape()).castTo(parameters.dataType()));
        iterations = (int) savedIterations;
        epoch = (int) savedEpoch;
    }

    /** The number of updates applied so far. */
    public int iterations() {
        return iterations;
    }

    /**
     * Sets the epoch passed to the updater (for updaters with epoch-based schedules).
     *
     * @param epoch {@code >= 0}
     */
    public void setEpoch(int epoch) {
        checkArgument(epoch >= 0, "epoch must be >= 0, got %s", epoch);
        this.epoch = epoch;
    }

    /** Forward, objective and backward; leaves the gradient in {@link #gradient}. */
    private ObjectiveValue compute(INDArray inputs, TeacherTargets targets, Objective objective) {
        checkNotNull(targets, "targets");
        checkNotNull(objective, "objective");
        INDArray x = MlpStudent.checkInputs(architecture, inputs, "inputs");
        if (targets.probabilities().size(0) != x.size(0)
                || targets.probabilities().size(1) != architecture.outputSize()) { // message built only on failure
            throw new IllegalArgumentException(String.format("targets' probabilities must be [%s, %s] for inputs %s, "
                    + "got shape %s", x.size(0), architecture.outputSize(), Arrays.toString(inputs.shape()),
                    Arrays.toString(targets.probabilities().shape())));
        }
        boolean derivativeMatching = objective.needsJacobian();
        if (derivativeMatching) {
            checkArgument(targets.logProbabilityJacobian() != null,
                    "objective %s needs the teacher's log-probability Jacobian in the targets", objective);
        }
        if (buffers == null || buffers.rows != x.size(0)) { // a new run, or a batch of another size
            buffers = StepBuffers.of(architecture, x.size(0));
        }
        MlpForward forward = MlpForward.run(layers, activation, x, true, buffers);
        JacobianPropagation jacobian = derivativeMatching
                ? JacobianPropagation.of(layers, forward, activation, null)
                : null;
        ObjectiveValue value = objective.evaluate(
                new StudentOutputs(forward.logits, jacobian == null ? null : jacobian.jacobian()), targets);
        INDArray logitGradient = value.logitGradient();
        INDArray[] extra = null;
        boolean accumulate = false;
        if (jacobian != null && value.jacobianGradient() != null) {
            JacobianPropagation.Extra more = jacobian.reverse(value.jacobianGradient(), gradientLayers);
            logitGradient = logitGradient.add(more.logitGradient);
            extra = more.preActivation;
            accumulate = true;
        }
        MlpBackprop.backward(layers, gradientLayers, forward, logitGradient, extra, accumulate, buffers);
        return value;
    }
}
