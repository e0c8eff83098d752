package org.distill4j.core.info;

import java.util.Arrays;

/**
 * Solves a {@link BrojaProblem} by a barrier method on its dual (Boyd and Vandenberghe, <i>Convex
 * Optimization</i>, 2004, §11.3): for decreasing μ, Newton's method with backtracking minimises
 * <pre>
 *   ψ_μ(λ) = −λ·b − μ Σ_g log(−L_g(λ)),   L_g(λ) = log Σ_{c ∈ g} exp(λ_{t(c)} + λ_{s(c)}),
 * </pre>
 * whose domain is exactly the strictly dual-feasible λ, so every iterate gives a valid lower bound λ·b. On the
 * central path {@code q_c = μ softmax_g(λ)_c / (−L_g)} is primal feasible and the gap is {@code μ · #groups}.
 * That primal estimate is made exactly feasible and certified by {@link BrojaProblem#certify}; the solver stops
 * when the certified gap is at most the tolerance.
 *
 * <p>Working on the dual keeps every linear solve harmless: the Newton system is the m × m matrix
 * {@code Σ_g [A_g diag(p) A_gᵀ / (−L_g) + (1/L_g² − 1/(−L_g)) (A_g p)(A_g p)ᵀ]} (m = number of constraint rows,
 * assembled group by group, equilibrated before Cholesky); its inaccuracy near the optimum only slows Newton, it
 * never breaks feasibility, which the certificate restores exactly. Vanishing (t,s) groups of the optimum are
 * merely inactive dual constraints. Not thread-safe; one instance per solve.
 */
final class BrojaSolver {

    private static final double MU_FACTOR = 0.1;
    private static final double CENTRED = 1e-2;
    private static final double CERTIFY_CENTRED = 1e-2;
    private static final double ARMIJO = 0.01;
    private static final int FLOOR_ITERATIONS = 20;
    private static final int STALL_ITERATIONS = 40;

    private final BrojaProblem problem;
    private final double[] weights;

    /** The outcome: the optimum as a flat table, F there, the certified gap in nats, iterations. */
    record Result(double[] table, double objective, double gap, int iterations, boolean converged) {
    }

    BrojaSolver(BrojaProblem problem) {
        this.problem = problem;
        this.weights = problem.groupBounds();
    }

    Result solve(int tableSize, double toleranceNats, int maxIterations) {
        BrojaProblem pr = problem;
        int n = pr.n;
        int m = pr.m;
        int groups = pr.groups();
        if (n == m) {
            return new Result(pr.table(pr.start, tableSize), pr.objective(pr.start), 0, 0, true);
        }
        double[] lambda = new double[m];
        for (int r = 0; r < m; r++) {
            lambda[r] = pr.teacherRow[r] ? -Math.log(n) - 1 : 0;
        }
        double weightSum = 0;
        for (double w : weights) {
            weightSum += w;
        }
        // on the central path the gap is μ Σ β
        double mu = 1 / weightSum;
        double muMin = toleranceNats / (100 * weightSum);
        double muCertify = 10 * toleranceNats / weightSum;
        double[] lse = new double[groups];
        double[] softmax = new double[n];
        double[] g1 = new double[m];
        double[][] h1 = new double[m][m];
        double[][] factor = new double[m][m];
        double[] scale = new double[m];
        double[] v = new double[m];
        double[] step = new double[m];
        double[] trial = new double[m];
        double[] trialLse = new double[groups];
        BrojaProblem.Certificate best = null;
        evaluate(lambda, lse, softmax);
        int iteration = 0;
        int atFloor = 0;
        int stalled = 0;
        while (iteration < maxIterations && atFloor < FLOOR_ITERATIONS && stalled < STALL_ITERATIONS) {
            iteration++;
            if (mu <= muMin) {
                atFloor++; // rounding limits what more Newton steps at the smallest μ can do
            }
            assemble(lse, softmax, g1, h1);
            if (!Cholesky.factorScaled(h1, factor, scale)) {
                regularize(h1);
                if (!Cholesky.factorScaled(h1, factor, scale)) {
                    break;
                }
            }
            // Newton step for ψ_μ: (μ H1) Δ = b − μ g1, i.e. H1 Δ = b/μ − g1; decrement² = vᵀ H1⁻¹ v
            double decrement = newton(mu, g1, h1, factor, scale, v, step);
            boolean certifying = mu <= muCertify;
            while (decrement <= (certifying ? CERTIFY_CENTRED : CENTRED)) {
                double[] q = primal(mu, lse, softmax);
                if (certifying) {
                    BrojaProblem.Certificate c = pr.certify(q, lambda);
                    if (c != null && (best == null || c.gap() < best.gap())) {
                        best = c;
                        stalled = 0;
                    }
                    if (best != null && best.gap() <= toleranceNats) {
                        return new Result(pr.table(best.q(), tableSize), best.objective(), best.gap(), iteration,
                                true);
                    }
                }
                if (mu <= muMin) {
                    break;
                }
                mu = Math.max(muMin, mu * MU_FACTOR);
                certifying = mu <= muCertify;
                decrement = newton(mu, g1, h1, factor, scale, v, step);
            }
            double value = psi(lambda, lse, mu);
            double slope = -mu * decrement;
            double s = 1;
            boolean accepted = false;
            for (int k = 0; k < 60 && !accepted; k++, s /= 2) {
                for (int r = 0; r < m; r++) {
                    trial[r] = lambda[r] + s * step[r];
                }
                if (!feasible(trial, trialLse)) {
                    continue;
                }
                double tv = psi(trial, trialLse, mu);
                accepted = tv <= value + ARMIJO * s * slope
                        || Math.abs(slope) <= 1e-14 * (1 + Math.abs(value));
            }
            if (!accepted) {
                if (mu <= muMin) {
                    break;
                }
                mu = Math.max(muMin, mu * MU_FACTOR); // no measurable progress at this μ: move on
                continue;
            }
            System.arraycopy(trial, 0, lambda, 0, m);
            evaluate(lambda, lse, softmax);
            if (best != null) {
                stalled++; // certificates have started and stopped improving: rounding limits progress
            }
        }
        BrojaProblem.Certificate end = pr.certify(primal(mu, lse, softmax), lambda);
        if (end == null || (best != null && best.gap() < end.gap())) {
            end = best;
        }
        if (end == null) {
            return new Result(pr.table(pr.start, tableSize), pr.objective(pr.start),
                    pr.objective(pr.start) - pr.dualBound(lambda), iteration, false);
        }
        return new Result(pr.table(end.q(), tableSize), end.objective(), end.gap(), iteration,
                end.gap() <= toleranceNats);
    }

    /** Δ = H1⁻¹ (b/μ − g1) into {@code step}; returns the squared Newton decrement vᵀ Δ. */
    private double newton(double mu, double[] g1, double[][] h1, double[][] factor, double[] scale, double[] v,
            double[] step) {
        double[] b = problem.b;
        for (int r = 0; r < v.length; r++) {
            v[r] = b[r] / mu - g1[r];
        }
        Cholesky.solveRefined(h1, factor, scale, v, step);
        double decrement = 0;
        for (int r = 0; r < v.length; r++) {
            decrement += v[r] * step[r];
        }
        return decrement;
    }

    /** L_g and the within-group softmax at λ. */
    private void evaluate(double[] lambda, double[] lse, double[] softmax) {
        BrojaProblem pr = problem;
        for (int k = 0; k < lse.length; k++) {
            double l = pr.logSumExp(lambda, k);
            lse[k] = l;
            for (int c = pr.groupStart[k]; c < pr.groupStart[k + 1]; c++) {
                softmax[c] = Math.exp(pr.weight(lambda, c) - l);
            }
        }
    }

    /** Whether every L_g(λ) < 0, filling {@code lse}. */
    private boolean feasible(double[] lambda, double[] lse) {
        for (int k = 0; k < lse.length; k++) {
            lse[k] = problem.logSumExp(lambda, k);
            if (!(lse[k] < 0)) {
                return false;
            }
        }
        return true;
    }

    /** ψ_μ(λ) = −λ·b − μ Σ log(−L_g). */
    private double psi(double[] lambda, double[] lse, double mu) {
        double value = 0;
        for (int r = 0; r < lambda.length; r++) {
            value -= lambda[r] * problem.b[r];
        }
        double logs = 0;
        for (int k = 0; k < lse.length; k++) {
            logs += weights[k] * Math.log(-lse[k]);
        }
        return value - mu * logs;
    }

    /** The central-path primal estimate {@code q_c = μ β_g softmax_c / (−L_g)}. */
    private double[] primal(double mu, double[] lse, double[] softmax) {
        BrojaProblem pr = problem;
        double[] q = new double[pr.n];
        for (int k = 0; k < lse.length; k++) {
            double total = mu * weights[k] / -lse[k];
            for (int c = pr.groupStart[k]; c < pr.groupStart[k + 1]; c++) {
                q[c] = total * softmax[c];
            }
        }
        return q;
    }

    /**
     * The μ-free parts of ψ_μ's derivatives: {@code g1 = Σ_g A_g p_g / (−L_g)} and
     * {@code H1 = Σ_g [Σ_c p_c a_c a_cᵀ / (−L_g) + (1/L_g² − 1/(−L_g)) u_g u_gᵀ]}, with {@code a_c} the column of
     * A for cell c and {@code u_g = A_g p_g}.
     */
    private void assemble(double[] lse, double[] softmax, double[] g1, double[][] h1) {
        BrojaProblem pr = problem;
        Arrays.fill(g1, 0);
        for (double[] row : h1) {
            Arrays.fill(row, 0);
        }
        for (int k = 0; k < lse.length; k++) {
            double inverse = 1 / -lse[k];
            double outer = weights[k] * (inverse * inverse - inverse);
            double weighted = weights[k] * inverse;
            int from = pr.groupStart[k];
            int to = pr.groupStart[k + 1];
            for (int c = from; c < to; c++) {
                double w = softmax[c] * weighted;
                int a = pr.rowT[c];
                int s = pr.rowS[c];
                g1[a] += w;
                h1[a][a] += w;
                if (s >= 0) {
                    g1[s] += w;
                    h1[s][s] += w;
                    h1[a][s] += w;
                    h1[s][a] += w;
                }
            }
            for (int c = from; c < to; c++) {
                double pc = softmax[c] * outer;
                int a = pr.rowT[c];
                int s = pr.rowS[c];
                for (int e = from; e < to; e++) {
                    double w = pc * softmax[e];
                    int a2 = pr.rowT[e];
                    int s2 = pr.rowS[e];
                    h1[a][a2] += w;
                    if (s2 >= 0) {
                        h1[a][s2] += w;
                    }
                    if (s >= 0) {
                        h1[s][a2] += w;
                        if (s2 >= 0) {
                            h1[s][s2] += w;
                        }
                    }
                }
            }
        }
    }

    private static void regularize(double[][] h) {
        double max = 0;
        for (int i = 0; i < h.length; i++) {
            max = Math.max(max, h[i][i]);
        }
        for (int i = 0; i < h.length; i++) {
            h[i][i] += 1e-12 * max;
        }
    }
}
