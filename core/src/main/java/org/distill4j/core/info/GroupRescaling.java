package org.distill4j.core.info;

/** Group-wise rescaling, the first stage of {@link BrojaProblem#certify}. Stateless. */
final class GroupRescaling {

    private GroupRescaling() {
    }

    /**
     * Rescales whole (t,s) groups, keeping every conditional q(y|t,s), by the smallest relative change that removes the infeasibility, {@code τ_g ← τ_g (1 + u_g·y)} with
     * {@code u_g = A_g q(·|g)} and {@code (Σ_g τ_g u_g u_gᵀ + εI) y = b − A q}. F is linear in the group totals
     * with slopes that nearly cancel against the dual at the optimum, so this moves F by far less than a
     * correction of single cells. Null if the normal matrix fails or a total would turn negative.
     */
    static double[] rescale(BrojaProblem p, double[] q) {
        int m = p.m;
        int n = p.n;
        int[] groupStart = p.groupStart;
        int[] rowT = p.rowT;
        int[] rowS = p.rowS;
        double[][] normal = new double[m][m];
        double[] totals = new double[p.groups()];
        double[] u = new double[m];
        int[] touched = new int[m];
        int[] stamp = new int[m];
        for (int k = 0; k < p.groups(); k++) {
            double total = 0;
            for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
                total += Math.max(0, q[c]);
            }
            totals[k] = total;
            if (!(total > 0)) {
                continue;
            }
            int count = 0;
            for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
                double share = Math.max(0, q[c]) / total;
                count = accumulate(u, touched, stamp, k + 1, count, rowT[c], share);
                if (rowS[c] >= 0) {
                    count = accumulate(u, touched, stamp, k + 1, count, rowS[c], share);
                }
            }
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < count; j++) {
                    normal[touched[i]][touched[j]] += total * u[touched[i]] * u[touched[j]];
                }
            }
            for (int i = 0; i < count; i++) {
                u[touched[i]] = 0;
            }
        }
        double max = 0;
        for (int r = 0; r < m; r++) {
            max = Math.max(max, normal[r][r]);
        }
        for (int r = 0; r < m; r++) {
            normal[r][r] += 1e-12 * max;
        }
        double[][] factor = new double[m][m];
        double[] scale = new double[m];
        if (!Cholesky.factorScaled(normal, factor, scale)) {
            return null;
        }
        double[] y = new double[m];
        Cholesky.solveRefined(normal, factor, scale, p.residual(q), y);
        double[] out = new double[n];
        for (int k = 0; k < p.groups(); k++) {
            if (!(totals[k] > 0)) {
                continue;
            }
            double uy = 0;
            for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
                uy += Math.max(0, q[c]) / totals[k] * p.weight(y, c);
            }
            double factorK = 1 + uy;
            if (!(factorK >= 0)) {
                return null;
            }
            for (int c = groupStart[k]; c < groupStart[k + 1]; c++) {
                out[c] = Math.max(0, q[c]) * factorK;
            }
        }
        return out;
    }

    private static int accumulate(double[] u, int[] touched, int[] stamp, int group, int count, int row,
            double value) {
        if (stamp[row] != group) {
            stamp[row] = group;
            touched[count++] = row;
        }
        u[row] += value;
        return count;
    }
}
