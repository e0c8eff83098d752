package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Shannon entropies and mutual informations of a {@link JointDistribution} of (Y, T, S) (Cover and Thomas,
 * <i>Elements of Information Theory</i>, ch. 2), in bits unless a unit is given. Terms with probability 0
 * contribute 0. Each quantity is computed from joint entropies, e.g. {@code I(Y;T) = H(Y) + H(T) − H(Y,T)};
 * the results are clamped at 0 where the exact value is non-negative, so rounding never yields −1e-17.
 * Stateless and thread-safe.
 */
public final class Information {

    private Information() {
    }

    /** The entropy of a probability vector (entries ≥ 0 summing to 1 within 1e-9), in bits. */
    public static double entropy(double... probabilities) {
        return entropy(InformationUnit.BITS, probabilities);
    }

    /** The entropy of a probability vector (entries ≥ 0 summing to 1 within 1e-9) in {@code unit}. */
    public static double entropy(InformationUnit unit, double... probabilities) {
        checkNotNull(unit, "unit");
        checkNotNull(probabilities, "probabilities");
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double v = probabilities[i];
            checkArgument(v >= 0 && v <= 1 + JointDistribution.SUM_TOLERANCE,
                    "probabilities[%s] must be in [0, 1], got %s", (Integer) i, (Double) v);
            sum += v;
        }
        checkArgument(Math.abs(sum - 1) <= JointDistribution.SUM_TOLERANCE,
                "probabilities must sum to 1 within %s, got %s", JointDistribution.SUM_TOLERANCE, sum);
        return unit.fromNats(entropyNats(probabilities));
    }

    /** H(Y) in bits. */
    public static double entropyY(JointDistribution p) {
        return entropyY(p, InformationUnit.BITS);
    }

    /** H(Y) in {@code unit}. */
    public static double entropyY(JointDistribution p, InformationUnit unit) {
        return convert(unit, entropyNats(check(p).marginalY()));
    }

    /** H(Y, T, S), the joint entropy, in {@code unit}. */
    public static double jointEntropy(JointDistribution p, InformationUnit unit) {
        return convert(unit, entropyNats(check(p).toArray()));
    }

    /** I(Y;T), the information the teacher has about the target, in bits. */
    public static double mutualInformationYT(JointDistribution p) {
        return mutualInformationYT(p, InformationUnit.BITS);
    }

    /** I(Y;T) in {@code unit}. */
    public static double mutualInformationYT(JointDistribution p, InformationUnit unit) {
        return convert(unit, Nats.yt(check(p)));
    }

    /** I(Y;S), the information the student has about the target, in bits. */
    public static double mutualInformationYS(JointDistribution p) {
        return mutualInformationYS(p, InformationUnit.BITS);
    }

    /** I(Y;S) in {@code unit}. */
    public static double mutualInformationYS(JointDistribution p, InformationUnit unit) {
        return convert(unit, Nats.ys(check(p)));
    }

    /** I(Y;T,S), the information both sources have together, in bits. */
    public static double mutualInformationYTS(JointDistribution p) {
        return mutualInformationYTS(p, InformationUnit.BITS);
    }

    /** I(Y;T,S) in {@code unit}. */
    public static double mutualInformationYTS(JointDistribution p, InformationUnit unit) {
        return convert(unit, Nats.yts(check(p)));
    }

    /** I(Y;T|S) = I(Y;T,S) − I(Y;S), in bits. */
    public static double conditionalMutualInformationYTGivenS(JointDistribution p) {
        return conditionalMutualInformationYTGivenS(p, InformationUnit.BITS);
    }

    /** I(Y;T|S) in {@code unit}. */
    public static double conditionalMutualInformationYTGivenS(JointDistribution p, InformationUnit unit) {
        return convert(unit, Nats.ytGivenS(check(p)));
    }

    /** I(Y;S|T) = I(Y;T,S) − I(Y;T), in bits. */
    public static double conditionalMutualInformationYSGivenT(JointDistribution p) {
        return conditionalMutualInformationYSGivenT(p, InformationUnit.BITS);
    }

    /** I(Y;S|T) in {@code unit}. */
    public static double conditionalMutualInformationYSGivenT(JointDistribution p, InformationUnit unit) {
        return convert(unit, Nats.ytGivenS(check(p).swapSources()));
    }

    /** The same quantities in nats, for the solvers of this package. */
    static final class Nats {

        private Nats() {
        }

        static double yt(JointDistribution p) {
            return mutual(p.marginalY(), p.marginalT(), p.marginalYT());
        }

        static double ys(JointDistribution p) {
            return mutual(p.marginalY(), p.marginalS(), p.marginalYS());
        }

        static double yts(JointDistribution p) {
            return Math.max(0, entropyNats(p.marginalY()) + entropyNats(p.marginalTS())
                    - entropyNats(p.toArray()));
        }

        /** I(Y;T|S) = H(Y,S) + H(T,S) − H(S) − H(Y,T,S). */
        static double ytGivenS(JointDistribution p) {
            return Math.max(0, entropyNats(p.marginalYS()) + entropyNats(p.marginalTS())
                    - entropyNats(p.marginalS()) - entropyNats(p.toArray()));
        }

        /** H(Y|S) = H(Y,S) − H(S). */
        static double yGivenS(JointDistribution p) {
            return Math.max(0, entropyNats(p.marginalYS()) - entropyNats(p.marginalS()));
        }

        private static double mutual(double[] a, double[] b, double[][] ab) {
            return Math.max(0, entropyNats(a) + entropyNats(b) - entropyNats(ab));
        }
    }

    static double entropyNats(double[] p) {
        double h = 0;
        for (double v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }

    static double entropyNats(double[][] p) {
        double h = 0;
        for (double[] row : p) {
            h += entropyNats(row);
        }
        return h;
    }

    static double entropyNats(double[][][] p) {
        double h = 0;
        for (double[][] block : p) {
            h += entropyNats(block);
        }
        return h;
    }

    private static JointDistribution check(JointDistribution p) {
        return checkNotNull(p, "p");
    }

    private static double convert(InformationUnit unit, double nats) {
        return checkNotNull(unit, "unit").fromNats(nats);
    }
}
