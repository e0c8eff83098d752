package org.distill4j.generative.nade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.distill4j.generative.testing.TinyNadeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The checks of core's {@code StudentContract}, which is written for conditional students, adapted to the NADE (a
 * density student): save/load to identical log-densities, replacing files, clear failures on missing, foreign and
 * truncated files, the same seed giving the same student, and thread-safe use.
 */
class NadeStudentChecksTest {

    @Test
    void sameSeedSameStudentOtherSeedOtherStudent() {
        assertThat(Nade.initialize(6, 4, DataType.FLOAT, 3)).isEqualTo(Nade.initialize(6, 4, DataType.FLOAT, 3))
                .isNotEqualTo(Nade.initialize(6, 4, DataType.FLOAT, 4));
    }

    @Test
    void saveReplacesAnExistingFileAndLoadsIdenticalLogDensities(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nade.d4j");
        Files.write(file, new byte[1 << 12]);
        Nade nade = TinyNadeFixtures.random(6, 4, new int[] {1, 0, 5, 4, 3, 2}, DataType.DOUBLE, 1);
        nade.save(file);
        INDArray x = TinyNadeFixtures.randomBinary(9, 6, 2);
        assertThat(Nade.load(file).logProbability(x)).isEqualTo(nade.logProbability(x));
        TinyNadeFixtures.random(6, 4, null, DataType.FLOAT, 2).save(file);
        nade.save(file);
        assertThat(Nade.load(file).logProbability(x)).isEqualTo(nade.logProbability(x));
        assertThat(Nade.load(file).parameterCount()).isEqualTo(nade.parameterCount());
    }

    @Test
    void missingForeignAndTruncatedFilesFailClearly(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Nade.load(dir.resolve("missing.d4j"))).isInstanceOf(IOException.class);
        Path foreign = dir.resolve("foreign.d4j");
        Files.writeString(foreign, "not a model");
        assertThatThrownBy(() -> Nade.load(foreign)).isInstanceOf(IOException.class);
        Path file = dir.resolve("nade.d4j");
        TinyNadeFixtures.random(5, 3, null, DataType.FLOAT, 1).save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.d4j");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Nade.load(truncated)).isInstanceOf(IOException.class);
    }

    @Test
    void concurrentCallsGiveTheSameAnswers() throws Exception {
        Nade nade = TinyNadeFixtures.random(12, 8, null, DataType.FLOAT, 5).withBlockSize(5);
        INDArray x = TinyNadeFixtures.randomBinary(30, 12, 6).castTo(DataType.FLOAT);
        INDArray expected = nade.logProbability(x);
        INDArray samples = nade.sample(20, 7);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = pool.invokeAll(java.util.Collections.nCopies(8, () ->
                    nade.logProbability(x).equals(expected) && nade.sample(20, 7).equals(samples)));
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
