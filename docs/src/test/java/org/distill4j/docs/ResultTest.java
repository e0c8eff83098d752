package org.distill4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultTest {

    @Test
    void writesOneLineOfJsonInInsertionOrder() {
        Result r = new Result().put("b", 1).put("a", 0.5).put("s", "x\"y\n").put("n", null)
                .put("nan", Double.NaN).put("t", true);
        assertThat(r.line()).isEqualTo(
                "RESULT {\"b\": 1, \"a\": 0.5, \"s\": \"x\\\"y\\n\", \"n\": null, \"nan\": null, \"t\": true}");
        assertThat(r.line()).doesNotContain("\n");
    }

    @Test
    void argsSeparateWordsFlagsAndOptions() {
        Args a = new Args("reproduce", "compression", "--quick", "--data", "/tmp/x", "--threads=3");
        assertThat(a.word(0)).isEqualTo("reproduce");
        assertThat(a.word(1)).isEqualTo("compression");
        assertThat(a.word(2)).isNull();
        assertThat(a.flag("quick")).isTrue();
        assertThat(a.option("data", null)).isEqualTo("/tmp/x");
        assertThat(a.intOption("threads", 2)).isEqualTo(3);
        assertThat(a.intOption("missing", 7)).isEqualTo(7);
    }
}
