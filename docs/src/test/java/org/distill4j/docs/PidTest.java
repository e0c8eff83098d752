package org.distill4j.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code pid --table} on the example gates of docs/examples/pid and checks the values of DESIGN.md. */
class PidTest {

    private static final double TOL = 1e-6;

    private static Result pid(String... argv) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Result result = Main.run(new Args(argv), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("BROJA: redundancy");
        return result;
    }

    private static Result gate(String name) throws Exception {
        return pid("pid", "--table", "examples/pid/" + name + ".csv");
    }

    private static void assertAtoms(Result r, double red, double ut, double us, double syn) {
        assertThat((double) r.get("redundancy")).as("redundancy").isCloseTo(red, within(TOL));
        assertThat((double) r.get("unique_t")).as("unique_t").isCloseTo(ut, within(TOL));
        assertThat((double) r.get("unique_s")).as("unique_s").isCloseTo(us, within(TOL));
        assertThat((double) r.get("synergy")).as("synergy").isCloseTo(syn, within(TOL));
    }

    @Test
    void xor() throws Exception {
        Result r = gate("xor");
        assertAtoms(r, 0, 0, 0, 1);
        assertThat((double) r.get("i_min_redundancy")).isCloseTo(0, within(TOL));
        assertThat((double) r.get("mmi_redundancy")).isCloseTo(0, within(TOL));
        assertThat((double) r.get("i_yts")).isCloseTo(1, within(TOL));
    }

    @Test
    void and() throws Exception {
        Result r = gate("and");
        assertAtoms(r, 0.311278, 0, 0, 0.5);
        assertThat((double) r.get("i_min_redundancy")).isCloseTo(0.311278, within(TOL));
        assertThat((double) r.get("mmi_redundancy")).isCloseTo(0.311278, within(TOL));
        assertThat((double) r.get("i_yts")).isCloseTo(0.811278, within(TOL));
        assertThat((double) r.get("duality_gap")).isLessThan(1e-8);
    }

    @Test
    void rdn() throws Exception {
        Result r = gate("rdn");
        assertAtoms(r, 1, 0, 0, 0);
        assertThat((double) r.get("i_yts")).isCloseTo(1, within(TOL));
    }

    @Test
    void unq() throws Exception {
        Result r = gate("unq");
        assertAtoms(r, 0, 1, 0, 0);
        assertThat((double) r.get("mmi_redundancy")).isCloseTo(0, within(TOL));
        assertThat(r.line()).startsWith("RESULT {\"redundancy\": ");
    }

    @Test
    void natsOnRequest() throws Exception {
        Result r = pid("pid", "--table", "examples/pid/xor.csv", "--nats");
        assertThat((double) r.get("synergy")).isCloseTo(Math.log(2), within(TOL));
        assertThat(r.get("unit")).isEqualTo("nats");
    }

    @Test
    void badTablesAreUsageErrors(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "y,t,s,p\n0,0,0,0.5\n1,1,1,0.4\n");
        assertThatThrownBy(() -> pid("pid", "--table", bad.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> pid("pid", "--table", dir.resolve("missing.csv").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read --table");
        assertThatThrownBy(() -> pid("pid")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--table FILE");
    }
}
