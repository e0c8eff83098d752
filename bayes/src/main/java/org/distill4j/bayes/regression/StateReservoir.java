package org.distill4j.bayes.regression;

import java.util.SplittableRandom;

/**
 * A uniform sample of at most {@code R} of the chain states offered to it (Vitter's Algorithm R, 1985), from which
 * {@link DistilledSgld} draws students' targets: after {@code c} offers every offered state is in the reservoir with
 * probability {@code min(1, R/c)}, so the draws cover the whole post-burn-in chain at a fixed memory of {@code R}
 * states. Not thread-safe; owned by one run.
 */
final class StateReservoir {

    private final double[][] states;
    private final SplittableRandom rng;
    private long offered;
    private int size;

    /**
     * @param capacity {@code R}, ≥ 1
     * @param dimension the length of a state
     * @param seed the seed of the replacement and draw choices
     */
    StateReservoir(int capacity, int dimension, long seed) {
        states = new double[capacity][dimension];
        rng = new SplittableRandom(seed);
    }

    /** Offers a state; it is copied if kept. */
    void offer(double[] state) {
        offered++;
        if (size < states.length) {
            System.arraycopy(state, 0, states[size++], 0, state.length);
            return;
        }
        long j = rng.nextLong(offered);
        if (j < states.length) {
            System.arraycopy(state, 0, states[(int) j], 0, state.length);
        }
    }

    /** A state drawn uniformly from the kept ones and {@code current}; not to be modified by the caller. */
    double[] draw(double[] current) {
        int i = rng.nextInt(size + 1);
        return i == size ? current : states[i];
    }

    /** How many states are kept. */
    int size() {
        return size;
    }
}
