package org.distill4j.core.pac;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * An (ε, δ) PAC-distillation certificate (Boix-Adsera 2024, arXiv:2403.09053, Definition 1): with probability
 * at least {@code 1 − delta} over the m fresh draws, the true disagreement {@code P_{x~D}[g(x) ≠ f(x)]} between
 * student g and teacher f is at most {@link #upperBound()}.
 *
 * <p>The Clopper–Pearson bound is exact: it is the largest p for which seeing at most k disagreements in m
 * draws still has probability at least δ, i.e. the {@code (1 − δ)} quantile of Beta(k + 1, m − k) (1 when
 * k = m), computed with {@link BetaFunction}: an absolute error far below 1e-12, a relative error of about
 * 1e-12 for m up to millions (1e-9 at m = 1e9 with a handful of disagreements). Hoeffding's bound is looser
 * and kept for comparison. Immutable and thread-safe.
 *
 * @param sampleCount m, the number of fresh held-out draws, at least 1
 * @param disagreements k, the draws on which student and teacher disagreed, in {@code [0, m]}
 * @param delta the failure probability δ in (0, 1)
 * @param clopperPearsonUpper the exact one-sided Clopper–Pearson upper bound at confidence 1−δ
 * @param hoeffdingUpper {@code k/m + sqrt(ln(1/δ) / (2m))}, capped at 1
 */
public record PacCertificate(long sampleCount, long disagreements, double delta, double clopperPearsonUpper,
        double hoeffdingUpper) {

    /** Checks the counts, δ, and that both bounds are probabilities. */
    public PacCertificate {
        checkCounts(sampleCount, disagreements, delta);
        checkArgument(clopperPearsonUpper >= 0 && clopperPearsonUpper <= 1,
                "clopperPearsonUpper must be in [0, 1], got %s", clopperPearsonUpper);
        checkArgument(hoeffdingUpper >= 0 && hoeffdingUpper <= 1,
                "hoeffdingUpper must be in [0, 1], got %s", hoeffdingUpper);
    }

    /**
     * Computes both bounds from k disagreements in m draws at failure probability δ.
     *
     * @param sampleCount m, at least 1
     * @param disagreements k, in {@code [0, m]}
     * @param delta δ, in (0, 1)
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static PacCertificate of(long sampleCount, long disagreements, double delta) {
        checkCounts(sampleCount, disagreements, delta);
        return new PacCertificate(sampleCount, disagreements, delta,
                clopperPearsonUpper(sampleCount, disagreements, delta),
                hoeffdingUpper(sampleCount, disagreements, delta));
    }

    /**
     * The exact one-sided Clopper–Pearson upper bound: the {@code (1 − δ)} quantile of Beta(k + 1, m − k), or 1
     * when k = m. For k = 0 it is the closed form {@code 1 − δ^{1/m}}.
     *
     * @param sampleCount m, at least 1
     * @param disagreements k, in {@code [0, m]}
     * @param delta δ, in (0, 1)
     */
    public static double clopperPearsonUpper(long sampleCount, long disagreements, double delta) {
        checkCounts(sampleCount, disagreements, delta);
        if (disagreements == sampleCount) {
            return 1;
        }
        if (disagreements == 0) {
            return -Math.expm1(Math.log(delta) / sampleCount);
        }
        return BetaFunction.inverseRegularizedComplement(delta, disagreements + 1.0,
                (double) (sampleCount - disagreements));
    }

    /**
     * Hoeffding's upper bound {@code k/m + sqrt(ln(1/δ) / (2m))}, capped at 1.
     *
     * @param sampleCount m, at least 1
     * @param disagreements k, in {@code [0, m]}
     * @param delta δ, in (0, 1)
     */
    public static double hoeffdingUpper(long sampleCount, long disagreements, double delta) {
        checkCounts(sampleCount, disagreements, delta);
        double observed = (double) disagreements / sampleCount;
        return Math.min(1, observed + Math.sqrt(-Math.log(delta) / (2.0 * sampleCount)));
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

    private static void checkCounts(long sampleCount, long disagreements, double delta) {
        checkArgument(sampleCount >= 1, "sampleCount must be >= 1, got %s", sampleCount);
        checkArgument(disagreements >= 0 && disagreements <= sampleCount,
                "disagreements must be in [0, sampleCount=%s], got %s", sampleCount, disagreements);
        checkArgument(delta > 0 && delta < 1, "delta must be in (0, 1), got %s", delta);
    }
}
