package org.distill4j.bayes.online;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.bayes.student.MixtureDistillerConfig;

/**
 * The configuration of {@link OnlineDistiller}: the mixture student and its training (components, Adam, epochs,
 * batch size, seed — the held-out sizes of the settings are not used: online distillation keeps no teacher to
 * compare with), how far the chain moves between the samples paired with consecutive inputs, and its burn-in
 * (Papamakarios 2015, arXiv:1510.02437, ch. 3). Immutable; validated at construction.
 *
 * @param student the student's configuration (its {@code initFromBag} flag here means: initialise the components
 *     from K chain states, {@code transitionsPerSample} apart, when their layout matches)
 * @param transitionsPerSample chain transitions between the states paired with consecutive inputs, at least 1
 * @param burnIn transitions discarded before the first state is used, at least 0
 * @param initWindow transitions (after burn-in) over which the K initial components are drawn uniformly by reservoir
 *     sampling, written straight into the student's parameters (no extra memory), so that they spread over the
 *     posterior rather than being K neighbouring, correlated states; below {@code K·transitionsPerSample} the
 *     components are K successive states {@code transitionsPerSample} apart
 * @param statesPerTarget how many successive states ({@code transitionsPerSample} apart) each input's target
 *     averages, at least 1: 1 is the thesis's single-sample target; {@code s > 1} advances the chain {@code s} times
 *     per input and accumulates {@code p(y|x_n,θ)} at each state in the target row being filled — still an unbiased
 *     target with nothing more kept, of lower variance, at {@code s} times the chain's work
 * @param inputsPerState how many successive inputs of a minibatch share one chain state, at least 1: {@code r > 1}
 *     advances the chain once per {@code r} inputs (at the minibatch's rows {@code 0, r, 2r, …}), so the student can
 *     take {@code r} times the steps over the same stretch of the chain; needs {@code statesPerTarget} 1
 */
public record OnlineDistillerConfig(MixtureDistillerConfig student, int transitionsPerSample, int burnIn,
        int initWindow, int statesPerTarget, int inputsPerState) {

    /** Validates. */
    public OnlineDistillerConfig {
        checkNotNull(student, "student");
        checkArgument(transitionsPerSample >= 1, "transitionsPerSample must be >= 1, got %s", transitionsPerSample);
        checkArgument(burnIn >= 0, "burnIn must be >= 0, got %s", burnIn);
        checkArgument(initWindow >= 0, "initWindow must be >= 0, got %s", initWindow);
        checkArgument(statesPerTarget >= 1, "statesPerTarget must be >= 1, got %s", statesPerTarget);
        checkArgument(inputsPerState >= 1, "inputsPerState must be >= 1, got %s", inputsPerState);
        checkArgument(inputsPerState == 1 || statesPerTarget == 1,
                "inputsPerState > 1 (got %s) needs statesPerTarget 1, got %s", inputsPerState, statesPerTarget);
    }

    /** Single-sample targets ({@code statesPerTarget} 1). */
    public OnlineDistillerConfig(MixtureDistillerConfig student, int transitionsPerSample, int burnIn,
            int initWindow) {
        this(student, transitionsPerSample, burnIn, initWindow, 1, 1);
    }

    /** One transition per input, single-sample targets and no burn-in. */
    public static OnlineDistillerConfig of(MixtureDistillerConfig student) {
        return new OnlineDistillerConfig(student, 1, 0, 0, 1, 1);
    }

    /** This configuration with another number of transitions per sample. */
    public OnlineDistillerConfig withTransitionsPerSample(int value) {
        return new OnlineDistillerConfig(student, value, burnIn, initWindow, statesPerTarget, inputsPerState);
    }

    /** This configuration with another burn-in. */
    public OnlineDistillerConfig withBurnIn(int value) {
        return new OnlineDistillerConfig(student, transitionsPerSample, value, initWindow, statesPerTarget, inputsPerState);
    }

    /** This configuration with another initialisation window. */
    public OnlineDistillerConfig withInitWindow(int value) {
        return new OnlineDistillerConfig(student, transitionsPerSample, burnIn, value, statesPerTarget, inputsPerState);
    }

    /** This configuration with another number of states averaged into each target. */
    public OnlineDistillerConfig withStatesPerTarget(int value) {
        return new OnlineDistillerConfig(student, transitionsPerSample, burnIn, initWindow, value, inputsPerState);
    }

    /** This configuration with another number of inputs sharing one chain state. */
    public OnlineDistillerConfig withInputsPerState(int value) {
        return new OnlineDistillerConfig(student, transitionsPerSample, burnIn, initWindow, statesPerTarget, value);
    }
}
