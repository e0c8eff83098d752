package org.distill4j.core.transfer;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A base source's batches plus isotropic Gaussian noise {@code N(0, σ²)} (Papamakarios 2015, ch. 2; Bayesian
 * Dark Knowledge perturbs its inputs likewise). Immutable; its epoch iterators are not thread-safe.
 */
final class PerturbedSource implements TransferSource, Sources.Sized {

    private final TransferSource base;
    private final double sigma;

    PerturbedSource(TransferSource base, double sigma) {
        this.base = base;
        this.sigma = sigma;
    }

    @Override
    public int inputSize() {
        return base.inputSize();
    }

    @Override
    public long epochRows() {
        return Sources.epochRows(base);
    }

    @Override
    public Iterator<TransferBatch> epoch(int batchSize, SplittableRandom rng) {
        Sources.checkEpoch(batchSize, rng);
        Iterator<TransferBatch> batches = base.epoch(batchSize, rng.split());
        SplittableRandom noise = rng.split();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public TransferBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TransferBatch clean = batches.next();
                INDArray inputs = clean.inputs();
                INDArray gaussian = Sources.fillGaussian(Nd4j.create(inputs.dataType(), inputs.shape()), sigma,
                        noise.nextLong());
                // add, not addi: the clean inputs stay untouched even if a foreign base shares them.
                return clean.withInputs(inputs.add(gaussian));
            }
        };
    }

    @Override
    public HoldOut holdOut(int count, SplittableRandom rng) {
        Sources.checkHoldOut(count, rng);
        HoldOut clean = base.holdOut(count, rng);
        return new HoldOut(new PerturbedSource(clean.train(), sigma), clean.heldOut(), clean.heldOutLabels());
    }

    @Override
    public String toString() {
        return "perturbed[" + base + ", sigma=" + sigma + "]";
    }
}
