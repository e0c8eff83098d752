package org.distill4j.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BostonDataTest {

    private static Path csv(Path dir, int rows) throws IOException {
        StringBuilder s = new StringBuilder(rows + ",13,,,,,,,,,,,,\n\"CRIM\",\"ZN\",\"INDUS\",\"CHAS\",\"NOX\",\"RM\",\"AGE\","
                + "\"DIS\",\"RAD\",\"TAX\",\"PTRATIO\",\"B\",\"LSTAT\",\"MEDV\"\n");
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 13; j++) {
                s.append(j == 3 ? 0 : rng.nextDouble(0, 10 * (j + 1))).append(',');
            }
            s.append(rng.nextDouble(5, 50)).append('\n');
        }
        Path file = dir.resolve("boston.csv");
        Files.writeString(file, s);
        return file;
    }

    @Test
    void splitsNinetyTenAndStandardisesWithTrainingStatistics(@TempDir Path dir) throws IOException {
        BostonData data = BostonData.read(csv(dir, 40));
        assertThat(data.targets()).hasSize(40);
        BostonData.Split split = data.split(7);
        assertThat(split.xTrain()).hasNumberOfRows(36);
        assertThat(split.xTest()).hasNumberOfRows(4);
        double mean = 0;
        double square = 0;
        for (double y : split.yTrain()) {
            mean += y / 36;
            square += y * y / 36;
        }
        assertThat(mean).isCloseTo(0, within(1e-12));
        assertThat(square).isCloseTo(1, within(1e-12));
        assertThat(split.xTrain()[5][3]).as("a constant feature is centred, not divided by 0").isEqualTo(0);
        assertThat(split.yStd()).isPositive();
        assertThat(data.split(7).yTest()).containsExactly(split.yTest());
        assertThat(data.split(8).yTest()).isNotEqualTo(split.yTest());
    }

    @Test
    void theStandardSplitTakesPbpsRowsInOrder(@TempDir Path dir) throws IOException {
        // feature 0 of row i is i, so the standardised first column names the rows of each part
        StringBuilder s = new StringBuilder("506,13\nheader\n");
        for (int i = 0; i < 506; i++) {
            s.append(i);
            for (int j = 1; j < 14; j++) {
                s.append(',').append(j == 3 ? 0 : (i * 7 + j) % 31);
            }
            s.append('\n');
        }
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, s);
        BostonData.Split split = BostonData.read(file).pbpSplit(0);
        assertThat(split.xTrain()).hasNumberOfRows(455);
        assertThat(split.xTest()).hasNumberOfRows(51);
        int[] order = PbpSplits.orders(506, 1)[0];
        double mean = 0;
        double square = 0;
        for (int i = 0; i < 455; i++) {
            mean += order[i] / 455.0;
            square += (double) order[i] * order[i] / 455.0;
        }
        double std = Math.sqrt(square - mean * mean);
        assertThat(split.xTrain()[0][0] * std + mean).isCloseTo(307, within(1e-9));
        assertThat(split.xTest()[0][0] * std + mean).isCloseTo(431, within(1e-9));
        assertThat(split.xTest()[50][0] * std + mean).isCloseTo(order[505], within(1e-9));
        assertThatThrownBy(() -> BostonData.read(file).pbpSplit(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index");
    }

    @Test
    void rejectsAMissingFileAndBadRows(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> BostonData.read(dir.resolve("missing.csv")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--data");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "1,13\nheader\n1,2,3\n");
        assertThatThrownBy(() -> BostonData.read(bad)).isInstanceOf(IOException.class)
                .hasMessageContaining("3 fields");
    }
}
