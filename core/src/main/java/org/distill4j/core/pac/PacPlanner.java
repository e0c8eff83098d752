package org.distill4j.core.pac;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Plans the number m of fresh held-out draws needed to certify a target (ε, δ) with a {@link PacCertificate}
 * (Boix-Adsera 2024, arXiv:2403.09053, Definition 1): the smallest m for which the certificate's bound would be
 * at most ε, given the disagreement one expects to observe.
 *
 * <p>All methods are static, pure and thread-safe.
 */
public final class PacPlanner {

    /** Plans beyond this many draws are rejected as unusable. */
    private static final double MAX_SAMPLES = 1e15;

    private PacPlanner() {
    }

    /**
     * The smallest m such that a certificate with no disagreement, {@code PacCertificate.of(m, 0, δ)}, has an
     * upper bound at most ε: {@code ceil(ln δ / ln(1 − ε))}.
     *
     * @param epsilon the target disagreement ε, in (0, 1)
     * @param delta the failure probability δ, in (0, 1)
     * @throws IllegalArgumentException if an argument is out of range, or m would exceed 1e15
     */
    public static long samplesNeeded(double epsilon, double delta) {
        checkTarget(epsilon, delta);
        double estimate = Math.ceil(Math.log(delta) / Math.log1p(-epsilon));
        checkArgument(estimate <= MAX_SAMPLES, "epsilon %s needs more than 1e15 draws at delta %s", epsilon, delta);
        long m = Math.max(1, (long) estimate);
        // Agree exactly with the certificate's closed form despite rounding.
        while (m > 1 && PacCertificate.clopperPearsonUpper(m - 1, 0, delta) <= epsilon) {
            m--;
        }
        while (PacCertificate.clopperPearsonUpper(m, 0, delta) > epsilon) {
            m++;
        }
        return m;
    }

    /**
     * The smallest m such that {@code PacCertificate.of(m, floor(expectedDisagreement · m), δ)} has a
     * Clopper–Pearson bound at most ε: the draws needed when the student is expected to disagree with the
     * teacher at rate {@code expectedDisagreement}.
     *
     * <p>Because k = floor(expected · m) jumps by one at some m, the bound is a saw-tooth in m, not monotone:
     * the method scans the runs of m sharing one k (between the bound for k = 0 and Hoeffding's m, beyond which
     * every m qualifies) and bisects within the first run that qualifies, so the answer is exactly the smallest
     * m. The cost grows like {@code expected · m · sqrt(m)}: milliseconds for practical targets.
     *
     * @param epsilon the target disagreement ε, in (0, 1)
     * @param delta the failure probability δ, in (0, 1)
     * @param expectedDisagreement the disagreement rate one expects to observe, in {@code [0, ε)}
     * @throws IllegalArgumentException if an argument is out of range, or m would exceed 1e15
     */
    public static long samplesNeeded(double epsilon, double delta, double expectedDisagreement) {
        checkTarget(epsilon, delta);
        checkExpected(epsilon, expectedDisagreement);
        long low = samplesNeeded(epsilon, delta);
        if (expectedDisagreement == 0) {
            return low;
        }
        long high = hoeffdingSamplesNeeded(epsilon, delta, expectedDisagreement);
        for (long k = disagreementsAt(low, expectedDisagreement); k <= disagreementsAt(high, expectedDisagreement);
                k++) {
            long last = Math.min(high, firstWithDisagreements(k + 1, expectedDisagreement, high) - 1);
            long first = Math.max(low, firstWithDisagreements(k, expectedDisagreement, high));
            if (last < first) {
                continue;
            }
            // Pre-filter with one binomial tail: bound <= epsilon iff P[Bin(m, epsilon) <= k] <= delta.
            double tail = BetaFunction.regularizedComplement(epsilon, k + 1.0, (double) (last - k));
            if (tail > delta * (1 + 1e-9) || !qualifies(last, k, epsilon, delta)) {
                continue;
            }
            // Within a run k is fixed and the bound decreases with m: bisect for the first m that qualifies.
            long lo = first - 1;
            long hi = last;
            while (hi - lo > 1) {
                long mid = lo + (hi - lo) / 2;
                if (qualifies(mid, k, epsilon, delta)) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return hi;
        }
        return high;
    }

    /**
     * The smallest m such that Hoeffding's bound at the expected rate, {@code expected + sqrt(ln(1/δ) / (2m))},
     * is at most ε: {@code ceil(ln(1/δ) / (2 (ε − expected)²))}. It is never smaller than
     * {@link #samplesNeeded(double, double, double)}, since the Clopper–Pearson bound is the tighter.
     *
     * @param epsilon the target disagreement ε, in (0, 1)
     * @param delta the failure probability δ, in (0, 1)
     * @param expectedDisagreement the disagreement rate one expects to observe, in {@code [0, ε)}
     * @throws IllegalArgumentException if an argument is out of range, or m would exceed 1e15
     */
    public static long hoeffdingSamplesNeeded(double epsilon, double delta, double expectedDisagreement) {
        checkTarget(epsilon, delta);
        checkExpected(epsilon, expectedDisagreement);
        double gap = epsilon - expectedDisagreement;
        double logInverseDelta = -Math.log(delta);
        double estimate = Math.ceil(logInverseDelta / (2 * gap * gap));
        checkArgument(estimate <= MAX_SAMPLES,
                "epsilon - expectedDisagreement = %s needs more than 1e15 draws at delta %s", gap, delta);
        long m = Math.max(1, (long) estimate);
        while (m > 1 && expectedDisagreement + Math.sqrt(logInverseDelta / (2.0 * (m - 1))) <= epsilon) {
            m--;
        }
        while (expectedDisagreement + Math.sqrt(logInverseDelta / (2.0 * m)) > epsilon) {
            m++;
        }
        return m;
    }

    private static boolean qualifies(long m, long k, double epsilon, double delta) {
        return PacCertificate.clopperPearsonUpper(m, k, delta) <= epsilon;
    }

    /** k(m) = floor(expected · m), exactly as the plan defines it. */
    private static long disagreementsAt(long m, double expected) {
        return (long) Math.floor(expected * m);
    }

    /** The smallest m >= 1 with k(m) >= k, or {@code cap + 1} if that exceeds cap. */
    private static long firstWithDisagreements(long k, double expected, long cap) {
        double estimate = Math.floor(k / expected);
        if (estimate > cap + 2.0) {
            return cap + 1;
        }
        long m = Math.max(1, (long) estimate);
        while (m > 1 && disagreementsAt(m - 1, expected) >= k) {
            m--;
        }
        while (disagreementsAt(m, expected) < k) {
            m++;
        }
        return Math.min(m, cap + 1);
    }

    private static void checkTarget(double epsilon, double delta) {
        checkArgument(epsilon > 0 && epsilon < 1, "epsilon must be in (0, 1), got %s", epsilon);
        checkArgument(delta > 0 && delta < 1, "delta must be in (0, 1), got %s", delta);
    }

    private static void checkExpected(double epsilon, double expected) {
        checkArgument(expected >= 0 && expected < epsilon,
                "expectedDisagreement must be in [0, epsilon=%s), got %s", epsilon, expected);
    }
}
