package org.distill4j.core.pac;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The log-gamma and log-beta functions, the regularized incomplete beta function {@code I_x(a, b)} and its
 * complement {@code 1 − I_x(a, b)}, and their inverses: what the exact Clopper–Pearson bound of a
 * {@link PacCertificate} needs.
 *
 * <p>{@code I_x(a, b)} is evaluated by the continued fraction of Numerical Recipes (Press et al., 3rd ed.,
 * section 6.4) with the modified Lentz algorithm, on whichever side of the mean it converges fast, using the
 * symmetry {@code I_x(a, b) = 1 − I_{1−x}(b, a)}. The prefactor {@code x^a (1−x)^b / (a B(a, b))} is computed in
 * log space; when both a and b are large it is formed from Stirling's series so that the large terms of
 * {@code log B(a, b)} cancel analytically rather than numerically (as Boost's {@code ibeta_power_terms} does).
 * The function and its complement are each computed directly where they are small, so both keep their
 * relative accuracy in the tails (tail probabilities of 1e-12 and below).
 *
 * <p>The continued fraction needs {@code O(sqrt(max(a, b)))} iterations. All methods are static, pure and
 * thread-safe.
 */
public final class BetaFunction {

    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    /** Below this, Stirling's series is reached by the recurrence {@code Γ(x+1) = x Γ(x)}. */
    private static final double STIRLING_MIN = 10;
    private static final double EPS = 1e-16;
    private static final double TINY = 1e-300;

    private BetaFunction() {
    }

    /**
     * {@code log Γ(x)} for {@code x > 0}: relative error about 1e-15 for x >= 10, absolute error about 1e-14 below.
     *
     * @throws IllegalArgumentException unless x is finite and positive
     */
    public static double logGamma(double x) {
        checkArgument(x > 0 && Double.isFinite(x), "x must be finite and > 0, got %s", x);
        if (x >= STIRLING_MIN) {
            return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingCorrection(x);
        }
        // Γ(x) = Γ(x + n) / (x (x+1) ... (x+n-1)), with x + n >= 10; the product stays in range for x >= 1e-290.
        double shifted = x;
        double product = 1;
        while (shifted < STIRLING_MIN) {
            product *= shifted;
            shifted += 1;
        }
        return logGamma(shifted) - Math.log(product);
    }

    /**
     * {@code log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b)} for positive a and b, with a relative error of
     * about 1e-15 (absolute about 1e-14 near 0) even when a or b is huge: the large log-gamma terms cancel
     * analytically, by Stirling's series.
     *
     * @throws IllegalArgumentException unless a and b are finite and positive
     */
    public static double logBeta(double a, double b) {
        checkShape(a, b);
        if (a >= STIRLING_MIN && b >= STIRLING_MIN) {
            double c = a + b;
            // a log(c/a) + b log(c/b) with log1p, which keeps log(c/b) accurate when a << b.
            return HALF_LOG_TWO_PI + 0.5 * (Math.log(c) - Math.log(a) - Math.log(b)) - a * Math.log1p(b / a)
                    - b * Math.log1p(a / b) + stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(c);
        }
        double small = Math.min(a, b);
        double large = Math.max(a, b);
        if (large >= STIRLING_MIN) {
            // log Γ(large) − log Γ(small + large) by Stirling, without the cancellation of two huge values:
            // (large − ½) log large − (c − ½) log c + small = −(large − ½) log1p(small/large) − small log c + small.
            double c = small + large;
            return logGamma(small) - (large - 0.5) * Math.log1p(small / large) - small * Math.log(c) + small
                    + stirlingCorrection(large) - stirlingCorrection(c);
        }
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /**
     * The regularized incomplete beta function {@code I_x(a, b)}, the CDF at x of a Beta(a, b) variable.
     *
     * @param x in {@code [0, 1]}
     * @param a the first shape parameter, finite and {@code > 0}
     * @param b the second shape parameter, finite and {@code > 0}
     */
    public static double regularized(double x, double a, double b) {
        checkShape(a, b);
        checkArgument(x >= 0 && x <= 1, "x must be in [0, 1], got %s", x);
        return evaluate(x, a, b, false);
    }

    /**
     * The complement {@code 1 − I_x(a, b)}, computed without cancellation where it is small: the upper-tail
     * probability of a Beta(a, b) variable.
     *
     * @param x in {@code [0, 1]}
     * @param a the first shape parameter, finite and {@code > 0}
     * @param b the second shape parameter, finite and {@code > 0}
     */
    public static double regularizedComplement(double x, double a, double b) {
        checkShape(a, b);
        checkArgument(x >= 0 && x <= 1, "x must be in [0, 1], got %s", x);
        return evaluate(x, a, b, true);
    }

    /**
     * The quantile function of Beta(a, b): the x in {@code [0, 1]} with {@code I_x(a, b) = p}.
     *
     * @param p the probability, in {@code [0, 1]}
     * @param a the first shape parameter, finite and {@code > 0}
     * @param b the second shape parameter, finite and {@code > 0}
     * @return x: the root is located to a relative width of 1e-15, so its accuracy is that of I_x(a, b) itself
     */
    public static double inverseRegularized(double p, double a, double b) {
        checkShape(a, b);
        checkArgument(p >= 0 && p <= 1, "p must be in [0, 1], got %s", p);
        return p <= 0.5 ? solve(p, a, b, false) : solve(1 - p, a, b, true);
    }

    /**
     * The upper-tail quantile of Beta(a, b): the x with {@code 1 − I_x(a, b) = q}, accurate also for tiny q
     * (this is the form the Clopper–Pearson bound needs, with {@code q = δ}).
     *
     * @param q the upper-tail probability, in {@code [0, 1]}
     * @param a the first shape parameter, finite and {@code > 0}
     * @param b the second shape parameter, finite and {@code > 0}
     */
    public static double inverseRegularizedComplement(double q, double a, double b) {
        checkShape(a, b);
        checkArgument(q >= 0 && q <= 1, "q must be in [0, 1], got %s", q);
        return q <= 0.5 ? solve(q, a, b, true) : solve(1 - q, a, b, false);
    }

    private static void checkShape(double a, double b) {
        checkArgument(a > 0 && Double.isFinite(a), "a must be finite and > 0, got %s", a);
        checkArgument(b > 0 && Double.isFinite(b), "b must be finite and > 0, got %s", b);
    }

    /** {@code I_x(a, b)}, or its complement when {@code complement}, each direct where it is the smaller. */
    private static double evaluate(double x, double a, double b, boolean complement) {
        if (x <= 0) {
            return complement ? 1 : 0;
        }
        if (x >= 1) {
            return complement ? 0 : 1;
        }
        boolean swap = x > (a + 1) / (a + b + 2);
        // The prefactor x^a (1-x)^b / B(a, b) is symmetric under the swap: compute it from x itself, never from
        // a rounded 1 - x.
        double front = Math.exp(logPowerTerms(x, a, b));
        double value = swap
                ? front * continuedFraction(1 - x, b, a) / b
                : front * continuedFraction(x, a, b) / a;
        value = Math.min(1, Math.max(0, value));
        // Without swap, value = I_x(a, b); with swap, value = I_{1-x}(b, a) = 1 - I_x(a, b).
        return swap == complement ? value : 1 - value;
    }

    /** {@code log(x^a (1−x)^b / B(a, b))}, accurate when a and b are both large. */
    static double logPowerTerms(double x, double a, double b) {
        if (a >= STIRLING_MIN && b >= STIRLING_MIN) {
            double c = a + b;
            // a log(x / x0) + b log((1-x) / y0) with x0 = a/c, y0 = b/c, as log1p(t/a) and log1p(-t/b) with
            // t = x c - a: accurate near the mean, where these two large terms nearly cancel.
            double t = x * c - a;
            double terms = a * Math.log1p(t / a) + b * Math.log1p(-t / b);
            return terms + 0.5 * (Math.log(a) + Math.log(b) - Math.log(c)) - HALF_LOG_TWO_PI
                    - stirlingCorrection(a) - stirlingCorrection(b) + stirlingCorrection(c);
        }
        return a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
    }

    /** The continued fraction of I_x(a, b) (Numerical Recipes' betacf), by the modified Lentz method. */
    private static double continuedFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = Math.abs(d) < TINY ? TINY : d;
        d = 1 / d;
        double h = d;
        int maxIterations = 1000 + (int) Math.min(1e8, 20 * Math.sqrt(Math.max(a, b)));
        for (int m = 1; m <= maxIterations; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) <= EPS) {
                return h;
            }
        }
        throw new ArithmeticException(String.format(
                "incomplete beta continued fraction did not converge for x=%s, a=%s, b=%s", x, a, b));
    }

    /**
     * Solves {@code F(x) = target} where F is I_x(a, b) (increasing) or its complement (decreasing), by Newton's
     * method safeguarded with bisection on a bracket that always contains the root.
     */
    private static double solve(double target, double a, double b, boolean complement) {
        if (target <= 0) {
            return complement ? 1 : 0;
        }
        double lo = 0;
        double hi = 1;
        double x = a / (a + b);
        double logB = logBeta(a, b);
        for (int iteration = 0; iteration < 400; iteration++) {
            double value = evaluate(x, a, b, complement);
            double residual = value - target;
            if (residual == 0) {
                return x;
            }
            // g(x) = F(x) - target; F increasing unless complement. Keep the root in (lo, hi).
            boolean rootAbove = complement ? residual > 0 : residual < 0;
            if (rootAbove) {
                lo = x;
            } else {
                hi = x;
            }
            double density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logB);
            double slope = complement ? -density : density;
            double next = slope != 0 && Double.isFinite(slope) ? x - residual / slope : Double.NaN;
            if (!(next > lo && next < hi) || Math.abs(next - x) > 0.5 * (hi - lo)) {
                next = 0.5 * (lo + hi);
            }
            if (hi - lo <= 1e-15 * hi || Math.abs(next - x) <= 1e-15 * x || next == lo || next == hi) {
                return next;
            }
            x = next;
        }
        return 0.5 * (lo + hi);
    }

    /**
     * {@code δ(x) = log Γ(x) − [(x − ½) log x − x + ½ log 2π]} for {@code x >= 10}, by its asymptotic series
     * (error below 1e-17 there).
     */
    private static double stirlingCorrection(double x) {
        double r = 1 / x;
        double r2 = r * r;
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188
                - r2 * (691.0 / 360360 - r2 * (1.0 / 156)))))));
    }
}
