package org.distill4j.bayes.sampler;

import org.distill4j.core.distill.RunState;
import org.distill4j.core.random.SplitMix64;

/**
 * A {@link MarkovChain} whose whole state — position, log-density and gradient there, the random stream
 * ({@link SplitMix64}), adaptation state (step size, dual averaging, mass-matrix windows) and counters — can be
 * saved into a checkpoint and restored into a chain built with the same target and configuration, after which it
 * makes the same transitions as the chain that was saved. What online distillation checkpoints
 * ({@link org.distill4j.bayes.online.OnlineDistiller#withCheckpoints}). Every sampler of this package is one.
 *
 * <p>Not thread-safe, as {@link MarkovChain}.
 */
public interface CheckpointableChain extends MarkovChain {

    /** The chain's state now (copies). */
    RunState saveState();

    /**
     * Replaces this chain's state by {@code state}.
     *
     * @throws IllegalArgumentException if the state is another sampler's or another dimension's (both named)
     */
    void restoreState(RunState state);
}
