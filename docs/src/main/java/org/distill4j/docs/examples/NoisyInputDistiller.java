package org.distill4j.docs.examples;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.SplittableRandom;
import org.distill4j.core.compression.CompressionConfig;
import org.distill4j.core.compression.CompressionDistiller;
import org.distill4j.core.transfer.TransferBatch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A user's distiller: compression on Gaussian-perturbed transfer inputs (one of the transfer sets of
 * Papamakarios 2015, ch. 2), written by overriding the single {@code nextBatch} hook. The base class keeps the
 * loop, the report and the certificate; {@code NoisyInputDistillerTest} proves it with the contract kit.
 */
public final class NoisyInputDistiller extends CompressionDistiller {

    private final double sigma;

    /**
     * @param config the compression configuration
     * @param sigma the standard deviation of the noise added to every transfer input, finite and &gt; 0
     */
    public NoisyInputDistiller(CompressionConfig config, double sigma) {
        super(config);
        checkArgument(sigma > 0 && Double.isFinite(sigma), "sigma must be finite and > 0, got %s", sigma);
        this.sigma = sigma;
    }

    @Override
    protected TransferBatch nextBatch(TransferBatch clean, SplittableRandom rng) {
        INDArray noise = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(rng.nextLong()),
                clean.inputs().shape()).castTo(clean.inputs().dataType()).muli(sigma);
        return clean.withInputs(clean.inputs().add(noise));
    }
}
