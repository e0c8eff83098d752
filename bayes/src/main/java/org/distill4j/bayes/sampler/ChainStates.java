package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;

import org.distill4j.core.distill.RunState;

/** The {@link RunState}s of the samplers: tagged with the sampler's class and dimension, checked on reading. */
final class ChainStates {

    private ChainStates() {
    }

    /** A builder for the state of the sampler {@code type} of dimension {@code d}. */
    static RunState.Builder writing(Class<?> type, int d) {
        return RunState.builder().field("sampler", type.getName()).put("dimension", d);
    }

    /**
     * Checks that {@code state} is a {@code type} state of dimension {@code d}.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    static RunState reading(RunState state, Class<?> type, int d) {
        checkArgument(state != null, "state must not be null");
        Object sampler = state.fields().get("sampler");
        checkArgument(type.getName().equals(sampler), "the chain state was saved by %s, not %s", sampler,
                type.getName());
        checkArgument(state.longField("dimension") == d, "the chain state has dimension %s but this chain has %s",
                state.longField("dimension"), d);
        return state;
    }

    /** A saved {@code double} scalar. */
    static double scalar(RunState state, String name) {
        return state.doubles(name, 1)[0];
    }
}
