package org.distill4j.generative.nade;

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
 * The {@link Nade} student (and density teacher) under {@link DensityModelChecks}: the analogous checks of core's
 * {@code StudentContract}, which is written for conditional students and does not fit a density student; together
 * with {@link NadeStudentChecksTest} (replacing files, missing and foreign files) and {@link NadeFileSafetyTest}.
 * The model is {@link Nade#initialize} with a non-natural ordering and a block size smaller than D, so that the
 * blockwise path is exercised.
 */
class NadeDensityChecksTest extends DensityModelChecks<Nade> {

    @Override
    protected Nade newModel(long seed) {
        return Nade.initialize(7, 5, new int[] {6, 0, 5, 1, 4, 2, 3}, 0.5, DataType.FLOAT, seed).withBlockSize(3);
    }

    @Override
    protected void save(Nade model, Path path) throws IOException {
        model.save(path);
    }

    @Override
    protected Nade load(Path path) throws IOException {
        return Nade.load(path);
    }

    @Test
    void logProbabilityIsTheDensityAndIsNormalised() {
        Nade nade = newModel(SEED);
        INDArray all = TinyRbmFixtures.allVisibleStates(7);
        double[] logq = nade.logProbability(all).toDoubleVector();
        assertThat(nade.unnormalizedLogDensity(all).toDoubleVector()).containsExactly(logq);
        assertThat(LogMath.logSumExp(logq)).isCloseTo(0.0,
                within(1e-5));
    }
}
