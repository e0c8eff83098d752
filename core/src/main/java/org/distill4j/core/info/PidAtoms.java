package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The four atoms of a bivariate partial information decomposition (Williams and Beer 2010, arXiv:1004.2515) of
 * the information two sources T (teacher) and S (student) carry about a target Y:
 * {@code I(Y;T,S) = redundancy + uniqueT + uniqueS + synergy}, {@code I(Y;T) = redundancy + uniqueT},
 * {@code I(Y;S) = redundancy + uniqueS}. In the terms of Dissanayake et al. (2025, arXiv:2411.07483),
 * {@link #uniqueT()} = Uni(Y:T\S) is the <b>distillable knowledge</b> (what the teacher knows about the task and
 * the student does not yet) and {@link #redundancy()} = Red(Y:T,S) the <b>distilled knowledge</b>.
 *
 * <p>For the BROJA, Williams–Beer and MMI decompositions all atoms are non-negative in exact arithmetic; computed
 * values may be negative by rounding (about 1e-12) or, for BROJA, by at most the solver's certified gap. The
 * values are reported as computed. Immutable.
 *
 * @param redundancy information both sources have, Red(Y:T,S)
 * @param uniqueT information only the teacher has, Uni(Y:T\S)
 * @param uniqueS information only the student has, Uni(Y:S\T)
 * @param synergy information only the two together have, Syn(Y:T,S)
 * @param unit the unit of the four numbers
 */
public record PidAtoms(double redundancy, double uniqueT, double uniqueS, double synergy, InformationUnit unit) {

    /** Checks that the atoms are finite and the unit is given. */
    public PidAtoms {
        checkArgument(Double.isFinite(redundancy), "redundancy must be finite, got %s", redundancy);
        checkArgument(Double.isFinite(uniqueT), "uniqueT must be finite, got %s", uniqueT);
        checkArgument(Double.isFinite(uniqueS), "uniqueS must be finite, got %s", uniqueS);
        checkArgument(Double.isFinite(synergy), "synergy must be finite, got %s", synergy);
        checkNotNull(unit, "unit");
    }

    /**
     * The atoms implied by a redundancy value (in nats) and the mutual informations of {@code p}:
     * {@code uniqueT = I(Y;T) − red}, {@code uniqueS = I(Y;S) − red}, {@code synergy = I(Y;T,S) − the rest}.
     */
    static PidAtoms fromRedundancyNats(JointDistribution p, double redundancyNats, InformationUnit unit) {
        return fromRedundancyNats(Information.Nats.yt(p), Information.Nats.ys(p), Information.Nats.yts(p),
                redundancyNats, unit);
    }

    /** The atoms implied by a redundancy and three mutual informations, all in nats. */
    static PidAtoms fromRedundancyNats(double iyt, double iys, double iyts, double redundancyNats,
            InformationUnit unit) {
        double ut = iyt - redundancyNats;
        double us = iys - redundancyNats;
        double syn = iyts - redundancyNats - ut - us;
        return new PidAtoms(unit.fromNats(redundancyNats), unit.fromNats(ut), unit.fromNats(us),
                unit.fromNats(syn), unit);
    }

    /** The sum of the four atoms, I(Y;T,S). */
    public double total() {
        return redundancy + uniqueT + uniqueS + synergy;
    }

    /** {@code redundancy + uniqueT}, I(Y;T). */
    public double teacherInformation() {
        return redundancy + uniqueT;
    }

    /** {@code redundancy + uniqueS}, I(Y;S). */
    public double studentInformation() {
        return redundancy + uniqueS;
    }

    /** The same atoms in {@code target} units. */
    public PidAtoms in(InformationUnit target) {
        checkNotNull(target, "target");
        return target == unit ? this : new PidAtoms(unit.convert(redundancy, target),
                unit.convert(uniqueT, target), unit.convert(uniqueS, target), unit.convert(synergy, target),
                target);
    }

    /** The smallest of the four atoms. */
    public double minimum() {
        return Math.min(Math.min(redundancy, uniqueT), Math.min(uniqueS, synergy));
    }
}
