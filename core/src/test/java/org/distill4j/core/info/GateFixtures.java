package org.distill4j.core.info;

import java.util.SplittableRandom;

/** The canonical two-input gates of Bertschinger et al. (2014), Table 1, and random tables, for the tests. */
final class GateFixtures {

    private GateFixtures() {
    }

    /** Y = T xor S, T and S independent uniform bits. */
    static JointDistribution xor() {
        return gate((t, s) -> t ^ s);
    }

    /** Y = T and S. */
    static JointDistribution and() {
        return gate((t, s) -> t & s);
    }

    /** Y = T = S, a uniform bit. */
    static JointDistribution rdn() {
        double[][][] p = new double[2][2][2];
        p[0][0][0] = 0.5;
        p[1][1][1] = 0.5;
        return JointDistribution.of(p);
    }

    /** Y = T, T and S independent uniform bits. */
    static JointDistribution unq() {
        return gate((t, s) -> t);
    }

    private static JointDistribution gate(java.util.function.IntBinaryOperator f) {
        double[][][] p = new double[2][2][2];
        for (int t = 0; t < 2; t++) {
            for (int s = 0; s < 2; s++) {
                p[f.applyAsInt(t, s)][t][s] += 0.25;
            }
        }
        return JointDistribution.of(p);
    }

    /** A random table with about a fraction {@code zeros} of zero cells (never all zero). */
    static JointDistribution random(SplittableRandom rng, int ny, int nt, int ns, double zeros) {
        double[][][] p = new double[ny][nt][ns];
        double sum = 0;
        for (int y = 0; y < ny; y++) {
            for (int t = 0; t < nt; t++) {
                for (int s = 0; s < ns; s++) {
                    double v = rng.nextDouble() < zeros ? 0 : -Math.log(1 - rng.nextDouble());
                    p[y][t][s] = v;
                    sum += v;
                }
            }
        }
        if (sum == 0) {
            p[0][0][0] = 1;
            sum = 1;
        }
        for (double[][] block : p) {
            for (double[] row : block) {
                for (int s = 0; s < row.length; s++) {
                    row[s] /= sum;
                }
            }
        }
        return JointDistribution.of(p);
    }
}
