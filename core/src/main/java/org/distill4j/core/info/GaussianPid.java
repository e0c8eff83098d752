package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Information measures of jointly Gaussian (Y, T, S) from their joint covariance, ordered Y (the first
 * {@code dy} rows), then T ({@code dt} rows), then S ({@code ds} rows). Mutual informations come from
 * log-determinants (Cholesky, in {@code double}):
 * {@code I(A;B) = ½ (log det Σ_A + log det Σ_B − log det Σ_{AB})}.
 *
 * <p>The decomposition is MMI ({@code Red = min(I(Y;T), I(Y;S))}). For a <b>scalar target</b> ({@code dy = 1})
 * and sources of any dimension this is exactly the BROJA decomposition of the Gaussian (A. B. Barrett,
 * <i>Exploration of synergistic and redundant information sharing in static and dynamical Gaussian systems</i>,
 * Phys. Rev. E 91, 052802, 2015, arXiv:1411.2832): see {@link #isExact()}. For a vector target MMI is only an
 * upper bound on any BROJA-type redundancy (UI ≥ 0 gives
 * {@code Red ≤ min(I(Y;T), I(Y;S))}), so distilled knowledge is over- and distillable knowledge under-stated; the
 * Gaussian BROJA optimisation for vector targets is {@link GaussianBroja}.
 *
 * <p>A source may have dimension 0 (it then carries no information). The covariance must be symmetric (within
 * 1e-9 relative) and positive definite; otherwise an {@link IllegalArgumentException} names the first failing
 * leading minor. Immutable and thread-safe.
 */
public final class GaussianPid {

    private final int dy;
    private final int dt;
    private final int ds;
    private final double iyt;
    private final double iys;
    private final double iyts;

    private GaussianPid(int dy, int dt, int ds, double iyt, double iys, double iyts) {
        this.dy = dy;
        this.dt = dt;
        this.ds = ds;
        this.iyt = iyt;
        this.iys = iys;
        this.iyts = iyts;
    }

    /**
     * Validates {@code covariance} and computes the mutual informations.
     *
     * @param covariance the joint covariance, {@code (dy + dt + ds)} square, symmetric, positive definite; not kept
     * @param dy the target's dimension, at least 1
     * @param dt the teacher's dimension, at least 0
     * @param ds the student's dimension, at least 0
     * @throws IllegalArgumentException if the dimensions do not add up, an entry is not finite, the matrix is not
     *     symmetric or not positive definite
     */
    public static GaussianPid fromCovariance(double[][] covariance, int dy, int dt, int ds) {
        checkNotNull(covariance, "covariance");
        checkArgument(dy >= 1, "dy must be >= 1, got %s", dy);
        checkArgument(dt >= 0 && ds >= 0, "dt and ds must be >= 0, got %s and %s", dt, ds);
        int d = dy + dt + ds;
        checkArgument(covariance.length == d, "covariance must be %s x %s (dy + dt + ds), got %s rows", d, d,
                covariance.length);
        double scale = 0;
        for (int i = 0; i < d; i++) {
            checkArgument(covariance[i] != null && covariance[i].length == d,
                    "covariance row %s must have %s entries, got %s", i, d,
                    covariance[i] == null ? "null" : covariance[i].length);
            for (int j = 0; j < d; j++) {
                double v = covariance[i][j];
                checkArgument(Double.isFinite(v), "covariance[%s][%s] must be finite, got %s", i, j, v);
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                checkArgument(Math.abs(covariance[i][j] - covariance[j][i]) <= 1e-9 * scale,
                        "covariance must be symmetric: [%s][%s] = %s but [%s][%s] = %s", i, j, covariance[i][j],
                        j, i, covariance[j][i]);
            }
        }
        double[][] l = new double[d][d];
        int bad = Cholesky.firstFailedPivot(covariance, l);
        checkArgument(bad < 0, "covariance must be positive definite: its leading %s x %s minor is not "
                + "(a variable is constant or a linear combination of the others; add a small ridge)",
                bad + 1, bad + 1);
        int[] y = range(0, dy);
        int[] t = range(dy, dt);
        int[] s = range(dy + dt, ds);
        double hy = logDet(covariance, y);
        double iyt = dt == 0 ? 0 : mutual(covariance, hy, y, t);
        double iys = ds == 0 ? 0 : mutual(covariance, hy, y, s);
        int[] ts = range(dy, dt + ds);
        double iyts = dt + ds == 0 ? 0 : mutual(covariance, hy, y, ts);
        return new GaussianPid(dy, dt, ds, iyt, iys, iyts);
    }

    /** Whether MMI is the exact Gaussian BROJA decomposition here, i.e. the target is scalar. */
    public boolean isExact() {
        return dy == 1;
    }

    /** The dimensions {dy, dt, ds}. */
    public int[] dimensions() {
        return new int[] {dy, dt, ds};
    }

    /** I(Y;T) in {@code unit}. */
    public double mutualInformationYT(InformationUnit unit) {
        return checkNotNull(unit, "unit").fromNats(iyt);
    }

    /** I(Y;S) in {@code unit}. */
    public double mutualInformationYS(InformationUnit unit) {
        return checkNotNull(unit, "unit").fromNats(iys);
    }

    /** I(Y;T,S) in {@code unit}. */
    public double mutualInformationYTS(InformationUnit unit) {
        return checkNotNull(unit, "unit").fromNats(iyts);
    }

    /** The MMI atoms in bits. */
    public PidAtoms mmi() {
        return mmi(InformationUnit.BITS);
    }

    /** The MMI atoms in {@code unit}. */
    public PidAtoms mmi(InformationUnit unit) {
        checkNotNull(unit, "unit");
        return PidAtoms.fromRedundancyNats(iyt, iys, iyts, Math.min(iyt, iys), unit);
    }

    /** I(A;B) = ½ (log det Σ_A + log det Σ_B − log det Σ_{AB}), clamped at 0. */
    private static double mutual(double[][] c, double logDetA, int[] a, int[] b) {
        int[] ab = new int[a.length + b.length];
        System.arraycopy(a, 0, ab, 0, a.length);
        System.arraycopy(b, 0, ab, a.length, b.length);
        return Math.max(0, 0.5 * (logDetA + logDet(c, b) - logDet(c, ab)));
    }

    private static double logDet(double[][] c, int[] index) {
        int k = index.length;
        double[][] sub = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                sub[i][j] = c[index[i]][index[j]];
            }
        }
        double[][] l = new double[k][k];
        checkArgument(Cholesky.factor(sub, l), "covariance block is not positive definite");
        return Cholesky.logDeterminant(l);
    }

    private static int[] range(int from, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = from + i;
        }
        return out;
    }

    @Override
    public String toString() {
        return "GaussianPid[dy=" + dy + ", dt=" + dt + ", ds=" + ds + ", I(Y;T)=" + iyt + ", I(Y;S)=" + iys
                + ", I(Y;T,S)=" + iyts + " nats]";
    }
}
