package org.distill4j.core.transfer;

import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * A supply of transfer inputs: the points at which a student observes its teacher. One epoch is a finite
 * sequence of batches; a source of fixed data permutes its rows each epoch, a generator draws fresh points.
 *
 * <p>Sources never modify the arrays they were built from, and every random choice comes from the
 * {@link SplittableRandom} passed in, so the same seed replays the same epochs. Instances are immutable.
 */
public interface TransferSource {

    /** The number of input features {@code d}. */
    int inputSize();

    /**
     * The batches of one epoch.
     *
     * @param batchSize the number of rows per batch (the last batch may be smaller), at least 1
     * @param rng the randomness of this epoch (row order, noise, draws)
     * @return a lazy iterator; each batch's inputs are new caller-owned arrays (a distiller frees each one once
     *     its step is done, so a source must not keep or reuse them)
     */
    Iterator<TransferBatch> epoch(int batchSize, SplittableRandom rng);

    /**
     * Sets aside {@code count} inputs that training will never see, for validation and for the PAC
     * certificate's fresh draws. A fixed source partitions its rows; a generator keeps itself for training and
     * draws {@code count} new points.
     *
     * @param count the number of held-out inputs, at least 0
     * @param rng the randomness of the split
     * @throws IllegalArgumentException if the source cannot spare {@code count} inputs
     */
    HoldOut holdOut(int count, SplittableRandom rng);
}
