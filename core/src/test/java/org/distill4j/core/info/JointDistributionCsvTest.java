package org.distill4j.core.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JointDistributionCsvTest {

    private static JointDistribution read(String text) throws IOException {
        return JointDistributionCsv.read(new StringReader(text), "table.csv");
    }

    @Test
    void readsStringAndIntegerSymbolsInOrderOfAppearance() throws IOException {
        JointDistribution d = read("# the XOR gate\ny,t,s,p\n0,0,0,0.25\n1,0,1,0.25\n\n1,1,0,0.25\n0,1,1,0.25\n");
        assertThat(d).isEqualTo(GateFixtures.xor());
        JointDistribution named = read(" Y , T , S , P \ncat,red,big,0.5\ndog, blue ,small,0.5\n");
        assertThat(named.yLabels()).containsExactly("cat", "dog");
        assertThat(named.tLabels()).containsExactly("red", "blue");
        assertThat(named.probability(1, 1, 1)).isEqualTo(0.5);
        assertThat(named.probability(0, 1, 1)).isZero();
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("and.csv");
        Files.writeString(file, "y,t,s,p\n0,0,0,0.25\n0,0,1,0.25\n0,1,0,0.25\n1,1,1,0.25\n");
        assertThat(JointDistributionCsv.read(file)).isEqualTo(GateFixtures.and());
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> read("y,t,p\n0,0,1\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("table.csv, line 1").hasMessageContaining("header must be y,t,s,p");
        assertThatThrownBy(() -> read("y,t,s,p\n0,0,0,0.5\n0,1,0.5\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("line 3").hasMessageContaining("4 fields");
        assertThatThrownBy(() -> read("y,t,s,p\n0,0,0,half\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2").hasMessageContaining("\"half\"");
        assertThatThrownBy(() -> read("y,t,s,p\n0,0,0,1.5\n0,0,1,-0.5\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("line 3").hasMessageContaining("-0.5");
        assertThatThrownBy(() -> read("y,t,s,p\n0,,0,1\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2").hasMessageContaining("t must not be empty");
        assertThatThrownBy(() -> read("y,t,s,p\n0,0,0,0.5\n0,0,0,0.5\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("line 3").hasMessageContaining("already given on line 2");
        assertThatThrownBy(() -> read("y,t,s,p\n0,0,0,NaN\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2").hasMessageContaining("finite");
    }

    @Test
    void errorsForTotalsAndEmptyFiles() {
        assertThatThrownBy(() -> read("y,t,s,p\n0,0,0,0.5\n1,1,1,0.4\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("sum to 1").hasMessageContaining("0.9");
        assertThatThrownBy(() -> read("")).isInstanceOf(IOException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("y,t,s,p\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("no rows");
    }
}
