package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The outcome of a {@link BrojaPid} solve: the four atoms, the optimal distribution Q* of Δ_P, and how the
 * solver converged.
 *
 * @param atoms the decomposition, in bits
 * @param optimum Q*, a minimiser of I_Q(Y;T|S) over the distributions with P's (y,t) and (y,s) marginals
 * @param iterations Newton iterations taken (0 when Δ_P is a single point)
 * @param dualityGap a certified bound, in bits, on how far I_{Q*}(Y;T|S) is above the true minimum; every atom
 *     is within this of its exact value
 * @param converged whether the gap reached the solver's tolerance
 */
public record BrojaSolution(PidAtoms atoms, JointDistribution optimum, int iterations, double dualityGap,
        boolean converged) {

    /** Checks the fields. */
    public BrojaSolution {
        checkNotNull(atoms, "atoms");
        checkNotNull(optimum, "optimum");
        checkArgument(iterations >= 0, "iterations must be >= 0, got %s", iterations);
        checkArgument(dualityGap >= 0, "dualityGap must be >= 0, got %s", dualityGap);
    }
}
