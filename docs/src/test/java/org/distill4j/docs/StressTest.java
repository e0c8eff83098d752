package org.distill4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StressTest {

    @Test
    void aShortRunHasRequestsAndNoErrors() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Result result = Stress.run(new Args("stress", "--seconds", "3", "--predictors", "4", "--distillers", "1"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat((long) result.get("errors")).isZero();
        assertThat((long) result.get("predictions")).isPositive();
        assertThat((long) result.get("distillations")).isPositive();
        assertThat((double) result.get("heap_peak_mb")).isPositive();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("0 errors");
    }
}
