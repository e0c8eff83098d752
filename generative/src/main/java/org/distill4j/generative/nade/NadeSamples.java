package org.distill4j.generative.nade;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Samples from a NADE with their exact log-probabilities, which ancestral sampling computes on the way (the
 * proposal densities of importance sampling, at no extra cost).
 *
 * @param samples {@code [n, D]} binary, in the NADE's type and natural variable order; owned by the caller
 * @param logProbabilities {@code log q(x_i)} of each row, in nats (copied in and out)
 */
public record NadeSamples(INDArray samples, double[] logProbabilities) {

    /** Checks that there is one log-probability per row and copies them. */
    public NadeSamples {
        checkNotNull(samples, "samples");
        checkNotNull(logProbabilities, "logProbabilities");
        checkArgument(samples.rows() == logProbabilities.length, "one log-probability per sample: %s rows, %s values",
                samples.rows(), logProbabilities.length);
        logProbabilities = logProbabilities.clone();
    }

    /** A copy of the log-probabilities. */
    @Override
    public double[] logProbabilities() {
        return logProbabilities.clone();
    }

    /** The number of samples. */
    public int size() {
        return logProbabilities.length;
    }
}
