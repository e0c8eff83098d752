package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The minimum-mutual-information (MMI) decomposition: {@code Red = min(I(Y;T), I(Y;S))}, so the less informative
 * source has no unique information (A. B. Barrett, <i>Exploration of synergistic and redundant information
 * sharing in static and dynamical Gaussian systems</i>, Phys. Rev. E 91, 052802, 2015, arXiv:1411.2832). For
 * jointly Gaussian variables with a scalar target it coincides with BROJA (see {@link GaussianPid}); for discrete
 * tables it is an upper bound on the BROJA redundancy. Stateless and thread-safe.
 */
public final class MmiPid {

    private MmiPid() {
    }

    /** {@code min(I(Y;T), I(Y;S))} in bits. */
    public static double redundancy(JointDistribution p) {
        checkNotNull(p, "p");
        return InformationUnit.BITS.fromNats(Math.min(Information.Nats.yt(p), Information.Nats.ys(p)));
    }

    /** The four atoms in bits. */
    public static PidAtoms decompose(JointDistribution p) {
        return decompose(p, InformationUnit.BITS);
    }

    /** The four atoms in {@code unit}. */
    public static PidAtoms decompose(JointDistribution p, InformationUnit unit) {
        checkNotNull(p, "p");
        checkNotNull(unit, "unit");
        double iyt = Information.Nats.yt(p);
        double iys = Information.Nats.ys(p);
        return PidAtoms.fromRedundancyNats(iyt, iys, Information.Nats.yts(p), Math.min(iyt, iys), unit);
    }
}
