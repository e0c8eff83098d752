package org.distill4j.generative.rbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import org.distill4j.generative.math.LogMath;
import org.distill4j.generative.testing.DensityModelChecks;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@link Rbm} teacher under {@link DensityModelChecks}: the analogous checks of core's teacher contract for a
 * density teacher (core's {@code ConditionalTeacherContract} does not fit an unnormalised density), with the
 * NumPy-folder save/load of {@link RbmFiles}.
 */
class RbmDensityChecksTest extends DensityModelChecks<Rbm> {

    @Override
    protected Rbm newModel(long seed) {
        return TinyRbmFixtures.random(7, 5, 1.0, seed, DataType.FLOAT);
    }

    @Override
    protected void save(Rbm model, Path path) throws IOException {
        model.save(path);
    }

    @Override
    protected Rbm load(Path path) throws IOException {
        return Rbm.load(path);
    }

    @Test
    void theUnnormalisedDensitySumsToTheBruteForcePartitionFunction() {
        Rbm rbm = newModel(SEED);
        INDArray all = TinyRbmFixtures.allVisibleStates(rbm.visibleSize());
        double[] logp = rbm.unnormalizedLogDensity(all).toDoubleVector();
        assertThat(LogMath.logSumExp(logp)).isCloseTo(TinyRbmFixtures.bruteForceLogZ(rbm), within(1e-4));
        assertThat(rbm.freeEnergy(all).toDoubleVector()[5]).isEqualTo(-logp[5]);
    }
}
