package org.distill4j.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.distill4j.core.data.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class LogZCommandTest {

    @Test
    void reportsEveryKeyAndAgreesWithTheExactValue(@TempDir Path dir) throws Exception {
        // an RBM folder as NumPy would write it: W (visible x hidden), b, c
        SplittableRandom rng = new SplittableRandom(1);
        double[][] w = new double[12][4];
        for (double[] row : w) {
            for (int j = 0; j < 4; j++) {
                row[j] = 0.7 * rng.nextGaussian();
            }
        }
        NpyWriter.write(Nd4j.createFromArray(w).castTo(DataType.FLOAT), dir.resolve("W.npy"));
        NpyWriter.write(Nd4j.zeros(DataType.FLOAT, 12).addi(-0.5), dir.resolve("b.npy"));
        NpyWriter.write(Nd4j.zeros(DataType.FLOAT, 4), dir.resolve("c.npy"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Result r = Main.run(new Args("logz", "--rbm", dir.toString(), "--samples", "3000", "--nade-hidden", "16",
                "--steps", "300", "--chains", "200", "--burn-in", "20", "--ais-coarsen", "20", "--threads", "1"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        for (String key : new String[] {"exact_logz", "ais_logz", "ais_se", "ais_seconds", "nade_is_logz",
            "nade_is_se", "nade_bridge_logz", "nade_bridge_se", "nade_seconds"}) {
            assertThat(r.get(key)).as(key).isInstanceOf(Number.class);
        }
        double exact = (Double) r.get("exact_logz");
        assertThat((Double) r.get("ais_logz")).isCloseTo(exact, within(0.1));
        assertThat((Double) r.get("nade_is_logz")).isCloseTo(exact, within(0.1));
        assertThat((Double) r.get("nade_bridge_logz")).isCloseTo(exact, within(0.1));
        assertThat(r.line()).startsWith("RESULT {\"command\": \"logz\"");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("NADE bridge");
    }

    @Test
    void aMissingOrBrokenRbmFolderIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> Main.run(new Args("logz"), System.out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--rbm DIR");
        assertThatThrownBy(() -> Main.run(new Args("logz", "--rbm", dir.toString()), System.out))
                .hasMessageContaining("W.npy");
    }
}
