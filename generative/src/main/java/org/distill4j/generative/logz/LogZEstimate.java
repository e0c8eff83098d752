package org.distill4j.generative.logz;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * An estimate of a log partition function with its uncertainty.
 *
 * @param method how it was obtained, e.g. {@code "importance sampling"}
 * @param logZ the estimate {@code log Ẑ}
 * @param standardError the (delta-method) standard error of {@code log Ẑ}, ≥ 0
 * @param effectiveSampleSize Kish's effective sample size {@code (Σw)²/Σw²} of the importance weights
 *     {@code p~(x)/q(x)} on the proposal's samples, in [1, proposal samples]
 * @param samples the number of samples used (proposal plus target samples for bridge sampling)
 * @param seconds wall time, sampling included
 */
public record LogZEstimate(String method, double logZ, double standardError, double effectiveSampleSize,
        int samples, double seconds) {

    /** Checks the values. */
    public LogZEstimate {
        checkNotNull(method, "method");
        checkArgument(Double.isFinite(logZ), "logZ must be finite, got %s", logZ);
        checkArgument(standardError >= 0, "standardError must be >= 0, got %s", standardError);
        checkArgument(samples >= 1, "samples must be >= 1, got %s", samples);
    }

    /** {@code log Ẑ − 3·se}. */
    public double lower() {
        return logZ - 3 * standardError;
    }

    /** {@code log Ẑ + 3·se}. */
    public double upper() {
        return logZ + 3 * standardError;
    }
}
