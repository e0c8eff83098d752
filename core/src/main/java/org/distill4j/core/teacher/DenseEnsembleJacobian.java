package org.distill4j.core.teacher;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.ConditionalTeacher;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code ∂ log p̄ / ∂x} of an ensemble whose members are all dense chains ({@link MultiLayerNetworkTeacher}s that
 * {@linkplain MultiLayerNetworkTeacher#usesDenseAdjoints() use dense adjoints}), with nothing computed twice:
 * one forward pass per member gives both its probabilities {@code p^m} (for the weights
 * {@code w^m_k = p^m_k / (M p̄_k)}, equal weights where {@code p̄_k = 0}) and its layers' derivatives; the
 * weights scale each member's {@code K} adjoints where they start ({@code n·K²} products), and the members' last
 * products accumulate into the one output array ({@code β = 1}). The general path of {@link EnsembleTeacher} asks
 * every member for its probabilities and its Jacobian separately — two forward passes per member — and then
 * weights and sums {@code M} arrays of {@code n·K·d} values. Same values up to rounding. Stateless.
 */
final class DenseEnsembleJacobian {

    private DenseEnsembleJacobian() {
    }

    /** Whether every member is a dense-chain {@link MultiLayerNetworkTeacher} of one floating-point type. */
    static boolean supports(List<ConditionalTeacher> members) {
        DataType type = null;
        for (ConditionalTeacher member : members) {
            if (!(member instanceof MultiLayerNetworkTeacher network) || !network.usesDenseAdjoints()
                    || (type != null && network.dataType() != type)) {
                return false;
            }
            type = network.dataType();
        }
        return type == DataType.FLOAT || type == DataType.DOUBLE;
    }

    /**
     * @param members dense-chain teachers of one data type ({@link #supports})
     * @param inputs {@code [n, d]} checked finite inputs; not modified
     * @return a new {@code [n, K, d]} array in the members' data type
     */
    static INDArray jacobianOfMean(List<ConditionalTeacher> members, INDArray inputs) {
        return jacobianOfMean(members, inputs, DenseAdjointJacobian.MAX_ADJOINT_ENTRIES);
    }

    /** As {@link #jacobianOfMean(List, INDArray)}, with at most {@code maxEntries} adjoint entries per chunk. */
    static INDArray jacobianOfMean(List<ConditionalTeacher> members, INDArray inputs, long maxEntries) {
        List<MultiLayerNetworkTeacher> networks = new ArrayList<>(members.size());
        List<List<DenseAdjointJacobian.Dense>> chains = new ArrayList<>(members.size());
        for (ConditionalTeacher member : members) {
            MultiLayerNetworkTeacher network = (MultiLayerNetworkTeacher) member;
            networks.add(network);
            chains.add(network.denseLayers());
        }
        INDArray x = TeacherInputs.copyAs(inputs, networks.get(0).dataType());
        long chunk = DenseAdjointJacobian.chunkRows(maxEntries, x.size(1), chains);
        return DenseAdjointJacobian.inChunks(x, networks.get(0).outputSize(), chunk,
                (rows, target) -> chunk(networks, chains, rows, target));
    }

    private static void chunk(List<MultiLayerNetworkTeacher> networks, List<List<DenseAdjointJacobian.Dense>> chains,
            INDArray rows, INDArray target) {
        int members = networks.size();
        List<DenseAdjointJacobian.Forward> forwards = new ArrayList<>(members);
        INDArray total = null;
        for (int m = 0; m < members; m++) {
            List<DenseAdjointJacobian.Dense> chain = chains.get(m);
            DenseAdjointJacobian.Forward forward;
            synchronized (networks.get(m).lock) {
                forward = DenseAdjointJacobian.forward(rows, chain.subList(0, chain.size() - 1),
                        chain.get(chain.size() - 1));
            }
            forwards.add(forward);
            total = total == null ? forward.probabilities().dup('c') : total.addi(forward.probabilities());
        }
        // w^m = p^m / (M p̄) = p^m / Σ_m p^m; where every p^m_k underflowed, 1/M for each member
        INDArray vanished = total.eq(0.0).castTo(total.dataType());
        INDArray denominator = total.addi(vanished.mul(members));
        for (int m = 0; m < members; m++) {
            List<DenseAdjointJacobian.Dense> chain = chains.get(m);
            INDArray weights = forwards.get(m).probabilities().add(vanished).divi(denominator);
            synchronized (networks.get(m).lock) {
                DenseAdjointJacobian.propagate(forwards.get(m), chain.subList(0, chain.size() - 1),
                        chain.get(chain.size() - 1), weights, target, m > 0);
            }
        }
    }
}
