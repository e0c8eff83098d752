package org.distill4j.core.pac;

/**
 * An (ε, δ) PAC-distillation certificate: with probability at least {@code 1 − delta} over the m fresh draws,
 * the true disagreement between student and teacher is at most {@link #upperBound()}.
 *
 * @param sampleCount m, the number of fresh held-out draws
 * @param disagreements k, the draws on which student and teacher disagreed
 * @param delta the failure probability δ in (0, 1)
 * @param clopperPearsonUpper the exact one-sided Clopper–Pearson upper bound at confidence 1−δ
 * @param hoeffdingUpper {@code k/m + sqrt(ln(1/δ) / (2m))}, capped at 1
 */
public record PacCertificate(long sampleCount, long disagreements, double delta, double clopperPearsonUpper,
        double hoeffdingUpper) {

    /** Computes both bounds from k disagreements in m draws at failure probability δ. */
    public static PacCertificate of(long sampleCount, long disagreements, double delta) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The observed disagreement rate {@code k / m}. */
    public double observedDisagreement() {
        return (double) disagreements / sampleCount;
    }

    /**
     * The certified ε: the exact Clopper–Pearson bound. (Taking the smaller of the two bounds would hold only at
     * confidence 1−2δ, so the report keeps Hoeffding's for comparison only.)
     */
    public double upperBound() {
        return clopperPearsonUpper;
    }
}
