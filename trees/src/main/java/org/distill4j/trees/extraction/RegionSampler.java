package org.distill4j.trees.extraction;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input model of model extraction: draws new inputs inside a node's region, where too few transfer points
 * reach the node to choose its split reliably (TREPAN, Craven and Shavlik 1995, section 4; Bastani et al. 2017,
 * arXiv:1705.08504, section 3). The teacher then labels them. Implementations must be deterministic given the
 * random generator, and must not keep the region's arrays.
 *
 * @see RegionSamplers
 */
@FunctionalInterface
public interface RegionSampler {

    /**
     * Draws up to {@code count} inputs inside {@code region}.
     *
     * @param region the node's box and the transfer points reaching it (at least one)
     * @param count the number of inputs wanted, at least 1
     * @param rng the only source of randomness
     * @return a new {@code [m, d]} array, {@code 0 <= m <= count}, every row inside the region (strictly above
     *     each lower bound and at most each upper bound) and finite; fewer rows than asked are allowed when the
     *     model cannot supply more
     */
    INDArray sample(NodeRegion region, int count, SplittableRandom rng);
}
