package org.distill4j.core.transfer;

import static com.google.common.base.Preconditions.checkState;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fresh draws from a sampler: {@code epochSize} new points per epoch, in batches, and {@code count} new points
 * for a hold-out. Immutable if the sampler is; its epoch iterators are not thread-safe.
 */
final class GeneratorSource implements TransferSource, Sources.Sized {

    private final int inputSize;
    private final int epochSize;
    private final BiFunction<Integer, SplittableRandom, INDArray> draw;
    private final String description;

    GeneratorSource(int inputSize, int epochSize, BiFunction<Integer, SplittableRandom, INDArray> draw,
            String description) {
        this.inputSize = inputSize;
        this.epochSize = epochSize;
        this.draw = draw;
        this.description = description;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public long epochRows() {
        return epochSize;
    }

    @Override
    public Iterator<TransferBatch> epoch(int batchSize, SplittableRandom rng) {
        Sources.checkEpoch(batchSize, rng);
        SplittableRandom epochRng = rng.split();
        return new Iterator<>() {
            private int drawn;

            @Override
            public boolean hasNext() {
                return drawn < epochSize;
            }

            @Override
            public TransferBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int count = Math.min(batchSize, epochSize - drawn);
                drawn += count;
                return TransferBatch.of(drawChecked(count, epochRng.split()));
            }
        };
    }

    @Override
    public HoldOut holdOut(int count, SplittableRandom rng) {
        Sources.checkHoldOut(count, rng);
        if (count == 0) {
            return new HoldOut(this, null, null);
        }
        return new HoldOut(this, drawChecked(count, rng.split()), null);
    }

    /** Draws {@code count} points and checks the sampler kept its contract; returns a private copy. */
    private INDArray drawChecked(int count, SplittableRandom rng) {
        INDArray points = draw.apply(count, rng);
        checkState(points != null, "%s: draw returned null for %s rows", description, count);
        checkState(points.rank() == 2 && points.rows() == count && points.columns() == inputSize,
                "%s: draw must return [%s, %s], got shape %s", description, count, inputSize, Sources.shape(points));
        checkState(points.dataType().isFPType(), "%s: draw must return floating-point values, got %s",
                description, points.dataType());
        checkState(Sources.isFinite(points), "%s: draw returned non-finite values", description);
        return points.dup('c');
    }

    @Override
    public String toString() {
        return description + "[d=" + inputSize + ", epochSize=" + epochSize + "]";
    }
}
