package org.distill4j.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distill4j.core.teacher.TinyNetworkFixtures.D;
import static org.distill4j.core.teacher.TinyNetworkFixtures.K;

import java.util.List;
import org.distill4j.core.ConditionalTeacher;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

class DenseEnsembleJacobianTest {

    private static final long SEED = 42_2015L;

    private static List<ConditionalTeacher> members(DataType type) {
        return List.of(
                MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.RELU, type, SEED)),
                MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.TANH, type, SEED + 1)),
                MultiLayerNetworkTeacher.of(TinyNetworkFixtures.mlp(Activation.SIGMOID, type, SEED + 2)));
    }

    /** {@code Σ_m p^m_k / Σ_j p^j_k · ∂ log p^m_k / ∂x}, from the members' own answers. */
    private static INDArray weightedSum(List<ConditionalTeacher> members, INDArray x) {
        INDArray total = null;
        for (ConditionalTeacher m : members) {
            total = total == null ? m.predict(x) : total.add(m.predict(x));
        }
        INDArray sum = null;
        for (ConditionalTeacher m : members) {
            INDArray term = ((HasInputJacobian) m).logProbabilityJacobian(x);
            Broadcast.mul(term, m.predict(x).div(total), term, 0, 1);
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }

    @Test
    void equalsTheWeightedSumOfTheMembersJacobiansInEveryChunking() {
        List<ConditionalTeacher> members = members(DataType.DOUBLE);
        assertThat(DenseEnsembleJacobian.supports(members)).isTrue();
        INDArray x = TinyNetworkFixtures.gaussian(7, D, SEED, DataType.DOUBLE);
        INDArray copy = x.dup();
        INDArray expected = weightedSum(members, x);

        for (long maxEntries : new long[] {1, 3L * K * 16, DenseAdjointJacobian.MAX_ADJOINT_ENTRIES}) {
            INDArray jacobian = DenseEnsembleJacobian.jacobianOfMean(members, x, maxEntries);
            assertThat(jacobian.shape()).containsExactly(7, K, D);
            assertThat(TinyNetworkFixtures.relativeError(jacobian, expected)).as("maxEntries %s", maxEntries)
                    .isLessThan(1e-12);
        }
        assertThat(x).isEqualTo(copy);
    }

    @Test
    void isTheEnsemblesPathForDenseChainsAndMatchesCentralDifferencesInFloat() {
        List<ConditionalTeacher> members = members(DataType.FLOAT);
        EnsembleTeacher ensemble = EnsembleTeacher.averagingProbabilities(members);
        INDArray x = TinyNetworkFixtures.gaussian(4, D, SEED + 3, DataType.FLOAT);

        INDArray jacobian = ((HasInputJacobian) ensemble).logProbabilityJacobian(x);

        assertThat(jacobian.dataType()).isEqualTo(DataType.FLOAT);
        INDArray expected = weightedSum(members, x);
        assertThat(TinyNetworkFixtures.relativeError(jacobian.castTo(DataType.DOUBLE),
                expected.castTo(DataType.DOUBLE))).isLessThan(1e-5);
    }

    @Test
    void declinesMixedDataTypesAndOtherMembers() {
        assertThat(DenseEnsembleJacobian.supports(List.of(members(DataType.DOUBLE).get(0),
                members(DataType.FLOAT).get(1)))).isFalse();
        assertThat(DenseEnsembleJacobian.supports(List.of(members(DataType.DOUBLE).get(0),
                ComputationGraphTeacher.of(TinyNetworkFixtures.graph(Activation.RELU, DataType.DOUBLE, SEED)))))
                .isFalse();
    }
}
