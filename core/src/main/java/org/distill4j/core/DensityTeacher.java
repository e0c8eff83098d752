package org.distill4j.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A teacher that is a probability density (or mass function) known only up to its normalising constant, such as
 * a restricted Boltzmann machine (Papamakarios 2015, ch. 4). A student imitates it by fitting its samples.
 */
public interface DensityTeacher extends Teacher {

    /**
     * The unnormalised log-density {@code log p~(x)} of each row.
     *
     * @param inputs {@code [n, inputSize()]}, not modified
     * @return a new array of shape {@code [n]}
     */
    INDArray unnormalizedLogDensity(INDArray inputs);

    /**
     * Draws {@code n} samples; the same seed gives the same samples.
     *
     * @return a new array {@code [n, inputSize()]}
     */
    INDArray sample(int n, long seed);
}
