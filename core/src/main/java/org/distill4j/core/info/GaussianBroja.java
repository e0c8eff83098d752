package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The BROJA decomposition <b>restricted to Gaussians</b> for jointly Gaussian (Y, T, S) of any dimensions: the
 * union information {@code min I_Q(Y;T,S)} over the jointly Gaussian Q that keep the (Y,T) and (Y,S) marginals
 * of the given covariance: the "~BROJA" Gaussian PID of P. Venkatesh et al., <i>Gaussian Partial Information
 * Decomposition: Bias Correction and Application to High-dimensional Data</i>, NeurIPS 2023, which optimises, as
 * here, over the cross-covariance of the sources given the target (after Venkatesh and Schamberg, ISIT 2022). Then {@code Uni(Y:T\S) = union − I(Y;S)},
 * {@code Red = I(Y;T) − Uni(Y:T\S)}, and the rest as in BROJA.
 *
 * <p><b>What is computed.</b> With T and S whitened given Y ({@code Σ_{T|Y} = Σ_{S|Y} = I}) and Y whitened, the
 * Gaussian couplings keeping both marginals are parametrised by the conditional cross-correlation
 * {@code C = Σ_{TS|Y}} (a {@code dt × ds} matrix with spectral norm below 1), and
 * {@code I_Q(Y;T,S) = ½ log det(I + Kᵀ B(C)⁻¹ K)} with {@code B(C) = [[I, C], [Cᵀ, I]]} and
 * {@code K = [K_T; K_S]} the whitened cross-covariances with Y. This is minimised by gradient descent
 * ({@code ∂/∂C = (Σ_Q⁻¹ − B⁻¹)_{TS}}) with Armijo backtracking that keeps B positive definite, from two starts
 * ({@code C = 0} and the given covariance's own C); the smaller value is kept. The minimum may lie on the
 * boundary {@code ‖C‖ = 1} (e.g. identical sources), which the iterates approach but never reach, so the result
 * is an upper bound on the Gaussian union information, tight to the reported tolerance when
 * {@link Solution#converged()}. It is exact (it equals MMI) for a scalar target: A. B. Barrett, Phys. Rev. E 91,
 * 052802 (2015), which the tests check; this is not the unrestricted BROJA value, whose optimum over all
 * distributions need not be Gaussian when Y is a vector.
 *
 * <p>Inputs as for {@link GaussianPid#fromCovariance} (which validates them: symmetric, finite, positive
 * definite). Immutable and thread-safe.
 */
public final class GaussianBroja {

    /**
     * The result of one decomposition.
     *
     * @param atoms the Gaussian BROJA atoms
     * @param unionInformationNats the minimised {@code I_Q(Y;T,S)} in nats
     * @param iterations gradient steps taken (both starts)
     * @param converged whether the last relative decrease fell below the tolerance before the step limit
     */
    public record Solution(PidAtoms atoms, double unionInformationNats, int iterations, boolean converged) {
        /** Checks the atoms are present. */
        public Solution {
            checkNotNull(atoms, "atoms");
        }
    }

    private static final int DEFAULT_MAX_ITERATIONS = 20000;
    private static final double DEFAULT_TOLERANCE = 1e-13;

    private final int maxIterations;
    private final double tolerance;

    private GaussianBroja(int maxIterations, double tolerance) {
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** At most 20,000 steps per start, stopping when a step decreases the objective by less than 1e-13 nats. */
    public static GaussianBroja withDefaults() {
        return new GaussianBroja(DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE);
    }

    /**
     * @param maxIterations gradient steps per start, at least 1
     * @param tolerance the decrease in nats below which a start stops, in (0, 1)
     */
    public static GaussianBroja of(int maxIterations, double tolerance) {
        checkArgument(maxIterations >= 1, "maxIterations must be >= 1, got %s", maxIterations);
        checkArgument(tolerance > 0 && tolerance < 1, "tolerance must be in (0, 1), got %s", tolerance);
        return new GaussianBroja(maxIterations, tolerance);
    }

    /** The decomposition in bits; see {@link #solve}. */
    public PidAtoms decompose(double[][] covariance, int dy, int dt, int ds) {
        return solve(covariance, dy, dt, ds, InformationUnit.BITS).atoms();
    }

    /**
     * Decomposes the covariance ordered Y, T, S.
     *
     * @throws IllegalArgumentException as {@link GaussianPid#fromCovariance}
     */
    public Solution solve(double[][] covariance, int dy, int dt, int ds, InformationUnit unit) {
        checkNotNull(unit, "unit");
        GaussianPid mi = GaussianPid.fromCovariance(covariance, dy, dt, ds);
        double iyt = mi.mutualInformationYT(InformationUnit.NATS);
        double iys = mi.mutualInformationYS(InformationUnit.NATS);
        double iyts = mi.mutualInformationYTS(InformationUnit.NATS);
        if (dt == 0 || ds == 0) {
            // a missing source has no information: no redundancy, the other source's information is unique
            return new Solution(PidAtoms.fromRedundancyNats(iyt, iys, iyts, 0, unit), iyts, 0, true);
        }
        Whitened w = Whitened.of(covariance, dy, dt, ds);
        Descent zero = descend(w, new double[dt][ds]);
        Descent own = descend(w, SmallMatrix.scale(w.ownCorrelation, 1 - 1e-9));
        Descent best = zero.value <= own.value ? zero : own;
        double union = Math.max(Math.max(iyt, iys), Math.min(best.value, iyts));
        double uniqueT = Math.max(0, union - iys);
        double red = Math.max(0, Math.min(Math.min(iyt, iys), iyt - uniqueT));
        return new Solution(PidAtoms.fromRedundancyNats(iyt, iys, iyts, red, unit), union,
                zero.iterations + own.iterations, zero.converged && own.converged);
    }

    private record Descent(double value, int iterations, boolean converged) {
    }

    /** Gradient descent on C with Armijo backtracking inside the feasible set. */
    private Descent descend(Whitened w, double[][] start) {
        double[][] c = start;
        Double value = w.objective(c);
        if (value == null) {
            c = new double[start.length][start[0].length];
            value = w.objective(c);
        }
        double step = 1.0;
        for (int it = 0; it < maxIterations; it++) {
            double[][] g = w.gradient(c);
            double norm2 = SmallMatrix.frobenius2(g);
            if (norm2 == 0) {
                return new Descent(value, it, true);
            }
            step = Math.min(step * 2, 1e6);
            double[][] next = null;
            Double nextValue = null;
            while (step > 1e-300) {
                next = SmallMatrix.axpy(c, -step, g);
                nextValue = w.objective(next);
                if (nextValue != null && nextValue <= value - 1e-4 * step * norm2) {
                    break;
                }
                step /= 2;
                nextValue = null;
            }
            if (nextValue == null) {
                return new Descent(value, it, true); // no feasible decrease: stationary to working precision
            }
            double decrease = value - nextValue;
            c = next;
            value = nextValue;
            if (decrease < tolerance) {
                return new Descent(value, it + 1, true);
            }
        }
        return new Descent(value, maxIterations, false);
    }

    @Override
    public String toString() {
        return "GaussianBroja[maxIterations=" + maxIterations + ", tolerance=" + tolerance + "]";
    }

    /** The whitened problem: K_T, K_S and the covariance's own conditional cross-correlation. */
    private record Whitened(double[][] k, int dt, int ds, double[][] ownCorrelation) {

        static Whitened of(double[][] cov, int dy, int dt, int ds) {
            double[][] syy = SmallMatrix.block(cov, 0, dy, 0, dy);
            double[][] lyInv = SmallMatrix.inverseLower(SmallMatrix.cholesky(syy));
            double[][] syyInv = SmallMatrix.multiply(SmallMatrix.transpose(lyInv), lyInv);
            double[][] sty = SmallMatrix.block(cov, dy, dt, 0, dy);
            double[][] ssy = SmallMatrix.block(cov, dy + dt, ds, 0, dy);
            double[][] tGivenY = SmallMatrix.subtract(SmallMatrix.block(cov, dy, dt, dy, dt),
                    SmallMatrix.multiply(SmallMatrix.multiply(sty, syyInv), SmallMatrix.transpose(sty)));
            double[][] sGivenY = SmallMatrix.subtract(SmallMatrix.block(cov, dy + dt, ds, dy + dt, ds),
                    SmallMatrix.multiply(SmallMatrix.multiply(ssy, syyInv), SmallMatrix.transpose(ssy)));
            double[][] tsGivenY = SmallMatrix.subtract(SmallMatrix.block(cov, dy, dt, dy + dt, ds),
                    SmallMatrix.multiply(SmallMatrix.multiply(sty, syyInv), SmallMatrix.transpose(ssy)));
            double[][] ltInv = SmallMatrix.inverseLower(SmallMatrix.cholesky(tGivenY));
            double[][] lsInv = SmallMatrix.inverseLower(SmallMatrix.cholesky(sGivenY));
            double[][] lyInvT = SmallMatrix.transpose(lyInv);
            double[][] kt = SmallMatrix.multiply(SmallMatrix.multiply(ltInv, sty), lyInvT);
            double[][] ks = SmallMatrix.multiply(SmallMatrix.multiply(lsInv, ssy), lyInvT);
            double[][] own = SmallMatrix.multiply(SmallMatrix.multiply(ltInv, tsGivenY), SmallMatrix.transpose(lsInv));
            double[][] k = new double[dt + ds][];
            System.arraycopy(kt, 0, k, 0, dt);
            System.arraycopy(ks, 0, k, dt, ds);
            return new Whitened(k, dt, ds, own);
        }

        private double[][] b(double[][] c) {
            int d = dt + ds;
            double[][] b = new double[d][d];
            for (int i = 0; i < d; i++) {
                b[i][i] = 1;
            }
            for (int i = 0; i < dt; i++) {
                for (int j = 0; j < ds; j++) {
                    b[i][dt + j] = c[i][j];
                    b[dt + j][i] = c[i][j];
                }
            }
            return b;
        }

        /** ½ (log det(B + K Kᵀ) − log det B), or null when B is not positive definite. */
        Double objective(double[][] c) {
            double[][] b = b(c);
            double[][] lb = SmallMatrix.choleskyOrNull(b);
            if (lb == null) {
                return null;
            }
            double[][] sigma = SmallMatrix.add(b, SmallMatrix.multiply(k, SmallMatrix.transpose(k)));
            double[][] ls = SmallMatrix.choleskyOrNull(sigma);
            if (ls == null) {
                return null;
            }
            double v = 0.5 * (Cholesky.logDeterminant(ls) - Cholesky.logDeterminant(lb));
            return Double.isFinite(v) ? v : null;
        }

        /** The TS block of {@code Σ⁻¹ − B⁻¹}. */
        double[][] gradient(double[][] c) {
            double[][] b = b(c);
            double[][] sigma = SmallMatrix.add(b, SmallMatrix.multiply(k, SmallMatrix.transpose(k)));
            double[][] diff = SmallMatrix.subtract(SmallMatrix.inversePd(sigma), SmallMatrix.inversePd(b));
            return SmallMatrix.block(diff, 0, dt, dt, ds);
        }
    }
}
