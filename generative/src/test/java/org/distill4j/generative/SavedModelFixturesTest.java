package org.distill4j.generative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.distill4j.generative.math.LogMath;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.rbm.Rbm;
import org.distill4j.generative.testing.TinyNadeFixtures;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Models saved by distill4j 0.1 (issue 8's fixtures) must keep loading and computing the same numbers: a NADE
 * model file ({@code nade/nade-v1.d4j}: 5 visible, 3 hidden, ordering {2, 0, 4, 1, 3}, DOUBLE, drawn by
 * {@code TinyNadeFixtures.random(.., 2015)}) and an RBM NumPy folder ({@code rbm/rbm-v1}: 5 visible, 3 hidden,
 * DOUBLE, {@code TinyRbmFixtures.random(5, 3, 1.0, 2015, DOUBLE)}). The expected values were computed when the
 * files were written.
 */
class SavedModelFixturesTest {

    private static final INDArray X = Nd4j.createFromArray(new double[][] {
        {0, 0, 0, 0, 0}, {1, 0, 1, 1, 0}, {1, 1, 1, 1, 1}});

    private Path resource(String name) throws Exception {
        return Path.of(getClass().getResource(name).toURI());
    }

    @Test
    void loadsANadeSavedByAnEarlierVersion() throws Exception {
        Nade nade = Nade.load(resource("nade/nade-v1.d4j"));
        assertThat(nade.visibleSize()).isEqualTo(5);
        assertThat(nade.hiddenSize()).isEqualTo(3);
        assertThat(nade.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(nade.ordering()).containsExactly(2, 0, 4, 1, 3);
        assertThat(nade).isEqualTo(TinyNadeFixtures.random(5, 3, new int[] {2, 0, 4, 1, 3}, DataType.DOUBLE, 2015));
        double[] logq = nade.logProbability(X).toDoubleVector();
        assertThat(logq[0]).isCloseTo(-4.939159133211776, within(1e-12));
        assertThat(logq[1]).isCloseTo(-4.250602691371782, within(1e-12));
        assertThat(logq[2]).isCloseTo(-2.7959881268784272, within(1e-12));
        double[] all = nade.logProbability(TinyRbmFixtures.allVisibleStates(5)).toDoubleVector();
        assertThat(LogMath.logSumExp(all)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void loadsAnRbmFolderSavedByAnEarlierVersion() throws Exception {
        Rbm rbm = Rbm.load(resource("rbm/rbm-v1"));
        assertThat(rbm.visibleSize()).isEqualTo(5);
        assertThat(rbm.hiddenSize()).isEqualTo(3);
        assertThat(rbm.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(rbm).isEqualTo(TinyRbmFixtures.random(5, 3, 1.0, 2015, DataType.DOUBLE));
        double[] f = rbm.freeEnergy(X).toDoubleVector();
        assertThat(f[0]).isCloseTo(-1.7931895776916271, within(1e-12));
        assertThat(f[1]).isCloseTo(-1.6386418340834419, within(1e-12));
        assertThat(f[2]).isCloseTo(-4.699848323226494, within(1e-12));
        assertThat(TinyRbmFixtures.bruteForceLogZ(rbm)).isCloseTo(7.547521450094014, within(1e-12));
    }
}
