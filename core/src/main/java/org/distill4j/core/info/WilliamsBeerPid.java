package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The partial information decomposition with the I_min redundancy of P. L. Williams and R. D. Beer,
 * <i>Nonnegative Decomposition of Multivariate Information</i>, arXiv:1004.2515 (2010), eq. 4:
 * <pre>
 *   I_min(Y; T, S) = Σ_y p(y) min(I(Y=y; T), I(Y=y; S)),   I(Y=y; X) = Σ_x p(x|y) log(p(y|x) / p(y)),
 * </pre>
 * the expected minimum over sources of the specific information about each target outcome; the other atoms follow
 * from the mutual informations. Known to over-state redundancy when the sources carry different information about
 * the same outcome (e.g. the two-bit copy gate, where it gives 1 bit of redundancy and BROJA 0), which is why
 * users compare it with {@link BrojaPid}. Stateless and thread-safe.
 */
public final class WilliamsBeerPid {

    private WilliamsBeerPid() {
    }

    /** I_min(Y; T, S) in bits. */
    public static double redundancy(JointDistribution p) {
        return InformationUnit.BITS.fromNats(redundancyNats(checkNotNull(p, "p")));
    }

    /** The four atoms in bits. */
    public static PidAtoms decompose(JointDistribution p) {
        return decompose(p, InformationUnit.BITS);
    }

    /** The four atoms in {@code unit}. */
    public static PidAtoms decompose(JointDistribution p, InformationUnit unit) {
        checkNotNull(p, "p");
        checkNotNull(unit, "unit");
        return PidAtoms.fromRedundancyNats(p, redundancyNats(p), unit);
    }

    /**
     * The specific information {@code I(Y=y; T)} in bits for each target symbol (0 for symbols of probability
     * 0).
     */
    public static double[] specificInformationT(JointDistribution p) {
        double[] out = specificNats(p.marginalY(), p.marginalT(), p.marginalYT());
        for (int y = 0; y < out.length; y++) {
            out[y] = InformationUnit.BITS.fromNats(out[y]);
        }
        return out;
    }

    static double redundancyNats(JointDistribution p) {
        double[] py = p.marginalY();
        double[] it = specificNats(py, p.marginalT(), p.marginalYT());
        double[] is = specificNats(py, p.marginalS(), p.marginalYS());
        double red = 0;
        for (int y = 0; y < py.length; y++) {
            red += py[y] * Math.min(it[y], is[y]);
        }
        return Math.max(0, red);
    }

    /** {@code I(Y=y; X) = Σ_x p(x|y) log(p(x,y) / (p(x) p(y)))}, a KL divergence, so ≥ 0. */
    private static double[] specificNats(double[] py, double[] px, double[][] pyx) {
        double[] out = new double[py.length];
        for (int y = 0; y < py.length; y++) {
            if (py[y] <= 0) {
                continue;
            }
            double sum = 0;
            for (int x = 0; x < px.length; x++) {
                double joint = pyx[y][x];
                if (joint > 0) {
                    sum += joint / py[y] * Math.log(joint / (px[x] * py[y]));
                }
            }
            out[y] = Math.max(0, sum);
        }
        return out;
    }
}
