package org.distill4j.core.info;

/**
 * An independent check of the BROJA unique information on tables with binary T and S and two or three target
 * symbols: Δ_P has one free coordinate per target symbol, a = Q(y, t0, s0) in an interval, and I_Q(Y;T|S) is
 * convex in those coordinates (a partial minimum of a convex function is convex), so nested golden-section
 * searches find the minimum.
 */
final class BruteForceFixture {

    private BruteForceFixture() {
    }

    /** min over Δ_P of I_Q(Y;T|S), in bits. */
    static double uniqueT(JointDistribution p) {
        double[][] pyt = p.marginalYT();
        double[][] pys = p.marginalYS();
        double[] py = p.marginalY();
        int ny = p.ySize();
        double[] lo = new double[ny];
        double[] hi = new double[ny];
        for (int y = 0; y < ny; y++) {
            lo[y] = Math.max(0, pyt[y][0] + pys[y][0] - py[y]);
            hi[y] = Math.min(pyt[y][0], pys[y][0]);
        }
        double[] a = new double[ny];
        return InformationUnit.BITS.fromNats(search(p, pyt, pys, py, lo, hi, a, 0));
    }

    private static double search(JointDistribution p, double[][] pyt, double[][] pys, double[] py, double[] lo,
            double[] hi, double[] a, int depth) {
        if (depth == a.length) {
            return conditional(pyt, pys, py, a);
        }
        double left = lo[depth];
        double right = hi[depth];
        double ratio = (Math.sqrt(5) - 1) / 2;
        double m1 = right - ratio * (right - left);
        double m2 = left + ratio * (right - left);
        a[depth] = m1;
        double f1 = search(p, pyt, pys, py, lo, hi, a, depth + 1);
        a[depth] = m2;
        double f2 = search(p, pyt, pys, py, lo, hi, a, depth + 1);
        for (int k = 0; k < 60; k++) {
            if (f1 <= f2) {
                right = m2;
                m2 = m1;
                f2 = f1;
                m1 = right - ratio * (right - left);
                a[depth] = m1;
                f1 = search(p, pyt, pys, py, lo, hi, a, depth + 1);
            } else {
                left = m1;
                m1 = m2;
                f1 = f2;
                m2 = left + ratio * (right - left);
                a[depth] = m2;
                f2 = search(p, pyt, pys, py, lo, hi, a, depth + 1);
            }
        }
        return Math.min(f1, f2);
    }

    /** I_Q(Y;T|S) in nats for the Q with Q(y,0,0) = a[y]. */
    private static double conditional(double[][] pyt, double[][] pys, double[] py, double[] a) {
        int ny = a.length;
        double[][][] q = new double[ny][2][2];
        for (int y = 0; y < ny; y++) {
            q[y][0][0] = a[y];
            q[y][0][1] = Math.max(0, pyt[y][0] - a[y]);
            q[y][1][0] = Math.max(0, pys[y][0] - a[y]);
            q[y][1][1] = Math.max(0, py[y] - pyt[y][0] - pys[y][0] + a[y]);
        }
        double value = 0;
        for (int s = 0; s < 2; s++) {
            double qs = 0;
            double[] qts = new double[2];
            double[] qys = new double[ny];
            for (int y = 0; y < ny; y++) {
                for (int t = 0; t < 2; t++) {
                    qs += q[y][t][s];
                    qts[t] += q[y][t][s];
                    qys[y] += q[y][t][s];
                }
            }
            for (int y = 0; y < ny; y++) {
                for (int t = 0; t < 2; t++) {
                    double v = q[y][t][s];
                    if (v > 0) {
                        value += v * Math.log(v * qs / (qts[t] * qys[y]));
                    }
                }
            }
        }
        return value;
    }
}
