package org.distill4j.core.info;

/**
 * The unit of an information quantity: bits (logarithms to base 2, the default of this package) or nats
 * (natural logarithms, as in the reference code of Dissanayake et al. 2025). Every measure is computed in nats
 * and converted once.
 */
public enum InformationUnit {
    /** Base-2 logarithms. */
    BITS(1 / Math.log(2)),
    /** Natural logarithms. */
    NATS(1);

    private final double perNat;

    InformationUnit(double perNat) {
        this.perNat = perNat;
    }

    /** Converts an amount in nats to this unit. */
    public double fromNats(double nats) {
        return nats * perNat;
    }

    /** Converts an amount in this unit to nats. */
    public double toNats(double amount) {
        return amount / perNat;
    }

    /** Converts an amount in this unit to {@code target}. */
    public double convert(double amount, InformationUnit target) {
        return target == this ? amount : target.fromNats(toNats(amount));
    }
}
