package org.distill4j.core.contract;

import java.util.Iterator;
import java.util.SplittableRandom;
import org.distill4j.core.transfer.HoldOut;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;

/**
 * A transfer source that fails, like a crash, when its epoch number {@code failAt} (0-based) starts; for testing
 * checkpoint and resume. Hold-outs keep failing the same way.
 */
public final class CrashingTransfer implements TransferSource {

    /** The message of the simulated crash. */
    public static final String MESSAGE = "simulated crash";

    private final TransferSource base;
    private final int failAt;
    private int epochs;

    private CrashingTransfer(TransferSource base, int failAt) {
        this.base = base;
        this.failAt = failAt;
    }

    /** {@code base}, failing at the start of epoch {@code failAt}. */
    public static TransferSource failingAt(TransferSource base, int failAt) {
        return new CrashingTransfer(base, failAt);
    }

    @Override
    public int inputSize() {
        return base.inputSize();
    }

    @Override
    public Iterator<TransferBatch> epoch(int batchSize, SplittableRandom rng) {
        if (epochs++ == failAt) {
            throw new IllegalStateException(MESSAGE);
        }
        return base.epoch(batchSize, rng);
    }

    @Override
    public HoldOut holdOut(int count, SplittableRandom rng) {
        HoldOut h = base.holdOut(count, rng);
        return new HoldOut(new CrashingTransfer(h.train(), failAt), h.heldOut(), h.heldOutLabels());
    }
}
