package org.distill4j.generative.nade;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.core.distill.RunState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * One training run of a {@link Nade}: a private copy of its parameters, a gradient buffer, the state of an ND4J
 * updater (Adam as in {@code nade.py}, or any other) and the blockwise engine's buffers, advanced one minibatch at a
 * time. A step minimises {@code L = −Σ_b w_b log q(x_b)} (by default {@code w_b = 1/B}: the mean negative
 * log-likelihood); per-row weights let a caller add terms whose gradient is a weighted sum of per-example
 * log-likelihood gradients.
 *
 * <p>The starting NADE is never modified; {@link #snapshot()} returns immutable NADEs. A step whose validation
 * fails, or whose loss is not finite, changes nothing. Buffers are kept for the last two batch sizes seen (a full
 * and a final partial minibatch), so steady-state steps allocate only small per-step vectors.
 *
 * <p>Mutable and not thread-safe: one instance per run, used from one thread.
 */
public final class NadeTraining {

    private final Nade start;
    private final NadeParameters parameters;
    private final NadeParameters gradient;
    private final GradientUpdater<?> updater;
    private final INDArray updaterState;
    private NadeEngine engine;
    private NadeEngine spare;
    private int iterations;
    private int epoch;

    /**
     * Starts a run from {@code start}'s parameters (copied).
     *
     * @param updater the update rule; cloned, so the caller's instance is not shared
     */
    public NadeTraining(Nade start, IUpdater updater) {
        checkNotNull(start, "start");
        checkNotNull(updater, "updater");
        this.start = start;
        this.parameters = start.parameters().dup();
        this.gradient = NadeParameters.zeros(start.visibleSize(), start.hiddenSize(), start.dataType());
        IUpdater config = updater.clone();
        long count = start.parameterCount();
        long stateSize = config.stateSize(count);
        this.updaterState = stateSize == 0 ? null : Nd4j.create(start.dataType(), 1, stateSize);
        this.updater = config.instantiate(updaterState, true);
    }

    /**
     * One step on the mean negative log-likelihood of a minibatch.
     *
     * @param inputs {@code [B, D]} binary; not modified
     * @return the mean negative log-likelihood of the batch before the update, in nats
     */
    public double step(INDArray inputs) {
        return step(inputs, null);
    }

    /**
     * One step on {@code L = −Σ_b w_b log q(x_b)}.
     *
     * @param inputs {@code [B, D]} binary; not modified
     * @param rowWeights {@code B} finite weights, or {@code null} for {@code 1/B} each
     * @return {@code L} before the update; if it is not finite, nothing is updated
     */
    public double step(INDArray inputs, double[] rowWeights) {
        double loss = compute(inputs, rowWeights);
        if (Double.isFinite(loss)) {
            updater.applyUpdater(gradient.flat, iterations, epoch);
            parameters.flat.subi(gradient.flat);
            iterations++;
        }
        return loss;
    }

    /**
     * {@code L} and its gradient, without updating anything (for tests and diagnostics).
     *
     * @param gradientOut written with {@code ∂L/∂θ} in the flat layout: {@code Wt} ({@code [D, H]}, model order),
     *     {@code V} ({@code [D, H]}, model order), {@code b} ({@code D}, model order), {@code c}; a vector of
     *     {@link Nade#parameterCount()} values
     */
    public double lossAndGradient(INDArray inputs, double[] rowWeights, INDArray gradientOut) {
        checkNotNull(gradientOut, "gradientOut");
        checkArgument(gradientOut.length() == start.parameterCount(), "gradientOut must have %s values, got shape %s",
                start.parameterCount(), Arrays.toString(gradientOut.shape()));
        double loss = compute(inputs, rowWeights);
        gradientOut.assign(gradient.flat.reshape(gradientOut.shape()));
        return loss;
    }

    /**
     * The exact log-probabilities under the current parameters (a forward pass, nothing updated).
     *
     * @param inputs {@code [n, D]} binary; not modified
     * @return {@code log q(x)} per row, in nats
     */
    public double[] logProbabilities(INDArray inputs) {
        INDArray x = start.checkInputs(inputs, "inputs");
        NadeEngine e = engineFor((int) x.rows());
        e.load(x, start.orderingOrNull());
        e.forward(parameters);
        return e.logProbabilities();
    }

    /** The current parameters as an immutable NADE. */
    public Nade snapshot() {
        return new Nade(parameters.dup(), start.orderingOrNull(), start.blockSize());
    }

    /** The number of updates applied so far. */
    public int iterations() {
        return iterations;
    }

    /**
     * Sets the epoch passed to the updater (for schedules).
     *
     * @param value at least 0
     */
    public void setEpoch(int value) {
        checkArgument(value >= 0, "epoch must be >= 0, got %s", value);
        this.epoch = value;
    }

    /**
     * The state of this run, for checkpoints: fields {@code iterations} and {@code epoch}; arrays
     * {@code parameters} (the flat parameter vector) and, for updaters with state, {@code updater} (copies).
     */
    public RunState saveState() {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("parameters", parameters.flat.dup());
        if (updaterState != null) {
            arrays.put("updater", updaterState.dup());
        }
        return new RunState(Map.of("iterations", iterations, "epoch", epoch), arrays);
    }

    /**
     * Replaces this run's state by one {@link #saveState()} wrote for a NADE of the same size and the same updater.
     *
     * @throws IllegalArgumentException if the state does not fit (names, sizes); nothing is changed then
     */
    public void restoreState(RunState state) {
        checkNotNull(state, "state");
        INDArray saved = state.array("parameters");
        checkArgument(saved.length() == parameters.flat.length(),
                "checkpointed parameters have %s values, this NADE has %s", saved.length(), parameters.flat.length());
        long savedIterations = state.longField("iterations");
        long savedEpoch = state.longField("epoch");
        checkArgument(savedIterations >= 0 && savedIterations <= Integer.MAX_VALUE && savedEpoch >= 0
                && savedEpoch <= Integer.MAX_VALUE, "checkpointed counters must be in [0, 2^31), got %s and %s",
                savedIterations, savedEpoch);
        INDArray savedUpdater = null;
        if (updaterState != null) {
            savedUpdater = state.array("updater");
            checkArgument(savedUpdater.length() == updaterState.length(),
                    "checkpointed updater state has %s values, this updater has %s", savedUpdater.length(),
                    updaterState.length());
        }
        if (savedUpdater != null) {
            updaterState.assign(savedUpdater.reshape(updaterState.shape()).castTo(updaterState.dataType()));
        }
        parameters.flat.assign(saved.reshape(parameters.flat.shape()).castTo(parameters.flat.dataType()));
        iterations = (int) savedIterations;
        epoch = (int) savedEpoch;
    }

    private double compute(INDArray inputs, double[] rowWeights) {
        INDArray x = start.checkInputs(inputs, "inputs");
        int b = (int) x.rows();
        double[] w = rowWeights;
        if (w == null) {
            w = new double[b];
            Arrays.fill(w, 1.0 / b);
        } else {
            checkArgument(w.length == b, "rowWeights must have one value per row (%s), got %s", b, w.length);
            for (int i = 0; i < b; i++) {
                checkArgument(Double.isFinite(w[i]), "rowWeights[%s] must be finite, got %s", (Integer) i,
                        (Double) w[i]);
            }
        }
        NadeEngine e = engineFor(b);
        e.load(x, start.orderingOrNull());
        double[] negated = new double[b];
        for (int i = 0; i < b; i++) {
            negated[i] = -w[i];
        }
        e.rowWeights.assign(Nd4j.createFromArray(negated).castTo(e.type).reshape(1, b));
        e.forwardBackward(parameters, e.rowWeights, gradient);
        double[] logq = e.logProbabilities();
        double loss = 0;
        for (int i = 0; i < b; i++) {
            loss -= w[i] * logq[i];
        }
        return loss;
    }

    private NadeEngine engineFor(int batch) {
        if (engine != null && engine.batch == batch) {
            return engine;
        }
        if (spare != null && spare.batch == batch) {
            NadeEngine t = engine;
            engine = spare;
            spare = t;
            return engine;
        }
        spare = engine;
        engine = new NadeEngine(start.visibleSize(), start.hiddenSize(), batch, start.blockSize(), start.dataType(),
                true);
        return engine;
    }
}
