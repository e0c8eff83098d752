package org.distill4j.core.teacher;

import org.distill4j.core.Teacher;

/**
 * A teacher that knows how many trainable parameters it has, so that reports can state compression ratios
 * (Papamakarios 2015, arXiv 1510.02437, ch. 2: an ensemble of 30 networks of 784-500-300-10 compressed into one
 * 784-50-30-10 network).
 *
 * <p>Implementations answer a constant and are thread-safe.
 */
public interface HasParameterCount extends Teacher {

    /** The number of trainable parameters (for an ensemble: the sum over its members); {@code >= 0}. */
    long parameterCount();
}
