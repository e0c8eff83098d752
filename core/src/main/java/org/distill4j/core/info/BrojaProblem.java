package org.distill4j.core.info;

import java.util.Arrays;

/**
 * The convex program behind {@link BrojaPid}, set up for {@link BrojaSolver}: minimise
 * {@code F(q) = Σ q(y,t,s) log(q(y,t,s) / q(t,s))} (that is −H_Q(Y|T,S)) over {@code q ≥ 0} with
 * {@code A q = b}, the marginals P(y,t) and P(y,s).
 *
 * <p>Variables ("cells") are the (y,t,s) with {@code P(y,t) P(y,s) > 0}; every other cell is forced to 0 by the
 * constraints. Cells are grouped by (t, s). Rows of A are the (y,t) with {@code P(y,t) > 0} and the (y,s) with
 * {@code P(y,s) > 0} except the last such s of each y, whose row is implied (both sets of rows sum to P(y));
 * with that row dropped A has full row rank. The point {@code P(y,t) P(y,s) / P(y)} is strictly feasible.
 *
 * <p>Lagrange dual: {@code max λ·b} subject to {@code L_g(λ) = log Σ_{c ∈ g} exp(λ_{t(c)} + λ_{s(c)}) ≤ 0} for
 * every group g (F is positively homogeneous, so its conjugate is the indicator of these constraints).
 * Immutable after construction.
 */
final class BrojaProblem {

    static final double WEIGHT_RANGE = 1e6;

    final int n;
    final int m;
    final int[] groupStart;
    final int[] cellIndex;
    final int[] rowT;
    final int[] rowS;
    final boolean[] teacherRow;
    final double[] b;
    final double[] start;
    final double[] upper;

    BrojaProblem(JointDistribution p) {
        int ny = p.ySize();
        int nt = p.tSize();
        int ns = p.sSize();
        double[][] pyt = p.marginalYT();
        double[][] pys = p.marginalYS();
        double[] py = p.marginalY();
        int[][] ytRow = new int[ny][nt];
        int[][] ysRow = new int[ny][ns];
        double[] rhs = new double[ny * (nt + ns)];
        boolean[] isT = new boolean[rhs.length];
        int rows = 0;
        for (int y = 0; y < ny; y++) {
            int last = -1;
            for (int t = 0; t < nt; t++) {
                ytRow[y][t] = -1;
                if (pyt[y][t] > 0) {
                    rhs[rows] = pyt[y][t];
                    isT[rows] = true;
                    ytRow[y][t] = rows++;
                }
            }
            for (int s = 0; s < ns; s++) {
                ysRow[y][s] = -1;
                if (pys[y][s] > 0) {
                    last = s;
                }
            }
            for (int s = 0; s < last; s++) {
                if (pys[y][s] > 0) {
                    rhs[rows] = pys[y][s];
                    ysRow[y][s] = rows++;
                }
            }
        }
        m = rows;
        b = Arrays.copyOf(rhs, rows);
        teacherRow = Arrays.copyOf(isT, rows);
        int cells = 0;
        for (int y = 0; y < ny; y++) {
            for (int t = 0; t < nt; t++) {
                for (int s = 0; s < ns; s++) {
                    if (pyt[y][t] > 0 && pys[y][s] > 0) {
                        cells++;
                    }
                }
            }
        }
        n = cells;
        cellIndex = new int[n];
        rowT = new int[n];
        rowS = new int[n];
        start = new double[n];
        upper = new double[n];
        int[] starts = new int[nt * ns + 1];
        int groups = 0;
        int c = 0;
        for (int t = 0; t < nt; t++) {
            for (int s = 0; s < ns; s++) {
                int first = c;
                for (int y = 0; y < ny; y++) {
                    if (pyt[y][t] > 0 && pys[y][s] > 0) {
                        cellIndex[c] = (y * nt + t) * ns + s;
                        rowT[c] = ytRow[y][t];
                        rowS[c] = ysRow[y][s];
                        start[c] = pyt[y][t] * pys[y][s] / py[y];
                        upper[c] = Math.min(pyt[y][t], pys[y][s]);
                        c++;
                    }
                }
                if (c > first) {
                    starts[groups++] = first;
                }
            }
        }
        starts[groups] = n;
        groupStart = Arrays.copyOf(starts, groups + 1);
    }

    /**
     * Barrier weights of the groups: proportional to {@code Σ_y min(P(y,t), P(y,s))}, an upper bound on the
     * group's total under any feasible q, so that all groups approach the optimum together; the largest is
     * {@value #WEIGHT_RANGE} and none is below 1 (a barrier term with weight below 1 is not self-concordant, and
     * Newton's decrement could be small while a light group is far from its centre).
     */
    double[] groupBounds() {
        double[] bounds = new double[groups()];
        double max = 0;
        for (int k = 0; k < bounds.length; k++) {
            for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
                bounds[k] += upper[c];
            }
            max = Math.max(max, bounds[k]);
        }
        for (int k = 0; k < bounds.length; k++) {
            bounds[k] = Math.max(1, WEIGHT_RANGE * bounds[k] / max);
        }
        return bounds;
    }

    /** The number of (t, s) groups. */
    int groups() {
        return groupStart.length - 1;
    }

    /** {@code λ_{t(c)} + λ_{s(c)}}, the cell's entry of {@code Aᵀ λ}. */
    double weight(double[] lambda, int c) {
        return lambda[rowT[c]] + (rowS[c] >= 0 ? lambda[rowS[c]] : 0);
    }

    /** F(q) = Σ q log(q / q(t,s)); negative entries count as 0. */
    double objective(double[] q) {
        double f = 0;
        for (int k = 0; k < groups(); k++) {
            double qg = 0;
            for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
                qg += Math.max(0, q[c]);
            }
            for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
                if (q[c] > 0) {
                    f += q[c] * Math.log(q[c] / qg);
                }
            }
        }
        return f;
    }

    /** A lower bound on min F: {@code λ·b} less the largest violation {@code max(0, max_g L_g(λ))}. */
    double dualBound(double[] lambda) {
        double worst = 0;
        for (int k = 0; k < groups(); k++) {
            worst = Math.max(worst, logSumExp(lambda, k));
        }
        double value = 0;
        for (int r = 0; r < m; r++) {
            value += lambda[r] * b[r];
        }
        return value - worst;
    }

    /** {@code L_g(λ)} for group k. */
    double logSumExp(double[] lambda, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
            max = Math.max(max, weight(lambda, c));
        }
        double sum = 0;
        for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
            sum += Math.exp(weight(lambda, c) - max);
        }
        return max + Math.log(sum);
    }

    /** {@code b − A q}. */
    double[] residual(double[] q) {
        double[] r = b.clone();
        for (int c = 0; c < n; c++) {
            r[rowT[c]] -= q[c];
            if (rowS[c] >= 0) {
                r[rowS[c]] -= q[c];
            }
        }
        return r;
    }

    /** A feasible point, its objective and a rigorous bound on its distance to the minimum. */
    record Certificate(double[] q, double objective, double gap) {
    }

    /**
     * Certifies a near-optimal q (not necessarily feasible) with a dual-feasible λ. q is first rescaled group by
     * group ({@link #rescaleGroups}), then made exactly feasible by the correction {@code q ∘ (1 + Aᵀ y)},
     * {@code (A Q Aᵀ) y = b − A q}, which keeps zeros at zero; where that would make a cell negative the result is
     * mixed with the strictly positive start point by the smallest weight that keeps every cell non-negative.
     * Then groups with less than 1e-6 of their upper bound are set to zero and the rest re-projected (the
     * optimum of BROJA often lies on such a face, e.g. for AND): kept if feasible and better. Dual multipliers
     * are also fitted to {@code log q(y|t,s) ≈ λ_{yt} + λ_{ys}} (before that step) by least squares weighted by q.
     * The gap is F at the feasible point less the better of the two dual bounds.
     *
     * @return null if a normal matrix is singular or the correction is not finite
     */
    Certificate certify(double[] q, double[] lambda) {
        double[] rescaled = GroupRescaling.rescale(this, q);
        double[] corrected = project(rescaled != null ? rescaled : q, true, 0);
        if (corrected == null) {
            return null;
        }
        double f = objective(corrected);
        double bound = dualBound(lambda);
        double[] fitted = fitDual(corrected);
        if (fitted != null) {
            bound = Math.max(bound, dualBound(fitted));
        }
        double[] purified = project(purify(corrected), false, 0);
        if (purified != null) {
            double fp = objective(purified);
            if (fp < f) {
                corrected = purified;
                f = fp;
            }
        }
        return new Certificate(corrected, f, Math.max(0, f - bound));
    }

    /**
     * {@code q ∘ (1 + Aᵀ y)} with {@code (A Q Aᵀ) y = b − A q}: feasible to 1e-10 of each marginal (refined up to
     * twice), else null; such a residual moves min F by far less than the tolerances in use. Negative cells are
     * removed by mixing with the start point if {@code mix}, otherwise they make the result null.
     */
    private double[] project(double[] q, boolean mix, int depth) {
        double[][] normal = normalMatrix(q);
        double[][] factor = new double[m][m];
        double[] scale = new double[m];
        if (!Cholesky.factorScaled(normal, factor, scale)) {
            // on a face of the polytope some constraints repeat each other: a tiny ridge gives the
            // (consistent) solution; the residual check below rejects anything else
            for (int r = 0; r < m; r++) {
                normal[r][r] *= 1 + 1e-12;
            }
            if (!Cholesky.factorScaled(normal, factor, scale)) {
                return null;
            }
        }
        double[] y = new double[m];
        Cholesky.solveRefined(normal, factor, scale, residual(q), y);
        double[] corrected = new double[n];
        double theta = 0;
        for (int c = 0; c < n; c++) {
            corrected[c] = Math.max(0, q[c]) * (1 + weight(y, c));
            if (!Double.isFinite(corrected[c])) {
                return null;
            }
            if (corrected[c] < 0) {
                if (!mix) {
                    return null;
                }
                theta = Math.max(theta, -corrected[c] / (start[c] - corrected[c]));
            }
        }
        if (theta > 0) {
            // corrected satisfies A q = b; so does its mixture with the strictly positive start, and by convexity
            // F rises by at most θ (F(start) − F(corrected))
            for (int c = 0; c < n; c++) {
                corrected[c] = Math.max(0, (1 - theta) * corrected[c] + theta * start[c]);
            }
        }
        // the certificate needs a point of the polytope: refine once or twice, else give up
        double[] left = residual(corrected);
        for (int r = 0; r < m; r++) {
            if (!(Math.abs(left[r]) <= 1e-10 * b[r] + 1e-15)) {
                return depth < 2 ? project(corrected, mix, depth + 1) : null;
            }
        }
        return corrected;
    }

    /** A copy of q with every group holding less than 1e-6 of its upper bound set to zero. */
    private double[] purify(double[] q) {
        double[] out = q.clone();
        for (int k = 0; k < groups(); k++) {
            double total = 0;
            double bound = 0;
            for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
                total += q[c];
                bound += upper[c];
            }
            if (total < 1e-6 * bound) {
                for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
                    out[c] = 0;
                }
            }
        }
        return out;
    }

    /** λ fitted to {@code log q(y|t,s) ≈ λ_{yt} + λ_{ys}} by least squares weighted by q, or null. */
    private double[] fitDual(double[] q) {
        double[][] normal = normalMatrix(q);
        double[][] factor = new double[m][m];
        double[] scale = new double[m];
        if (!Cholesky.factorScaled(normal, factor, scale)) {
            return null;
        }
        double[] rhs = new double[m];
        for (int k = 0; k < groups(); k++) {
            double qg = 0;
            for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
                qg += q[c];
            }
            for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
                if (q[c] > 0) {
                    double w = q[c] * Math.log(q[c] / qg);
                    rhs[rowT[c]] += w;
                    if (rowS[c] >= 0) {
                        rhs[rowS[c]] += w;
                    }
                }
            }
        }
        double[] fitted = new double[m];
        Cholesky.solveRefined(normal, factor, scale, rhs, fitted);
        return fitted;
    }

    /** {@code A diag(max(q, 0)) Aᵀ}. */
    private double[][] normalMatrix(double[] q) {
        double[][] normal = new double[m][m];
        for (int c = 0; c < n; c++) {
            int a = rowT[c];
            int s = rowS[c];
            double v = Math.max(0, q[c]);
            normal[a][a] += v;
            if (s >= 0) {
                normal[s][s] += v;
                normal[a][s] += v;
                normal[s][a] += v;
            }
        }
        return normal;
    }

    /** The flat table {@code [(y * nt + t) * ns + s]} of q, renormalised. */
    double[] table(double[] q, int size) {
        double[] out = new double[size];
        double sum = 0;
        for (int c = 0; c < n; c++) {
            out[cellIndex[c]] = Math.max(0, q[c]);
            sum += out[cellIndex[c]];
        }
        for (int i = 0; i < size; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
