package org.distill4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule of {@code goal_equal_time}: at every AIS point, the longest importance-sampling point that takes no more
 * time must have no larger error.
 */
class LogZTimeCurveTest {

    private static LogZTimeCurve.Point p(String name, double seconds, double error) {
        return new LogZTimeCurve.Point(name, seconds, error);
    }

    @Test
    void holdsWhenEveryAisPointIsBeatenAtEqualOrSmallerTime() {
        List<LogZTimeCurve.Point> ais = List.of(p("a1", 0.1, 1.0), p("a2", 1.0, 0.1), p("a3", 10, 0.02));
        List<LogZTimeCurve.Point> is = List.of(p("q1", 0.05, 0.2), p("q2", 0.9, 0.05), p("q3", 10, 0.01));
        LogZTimeCurve.Comparison c = LogZTimeCurve.compare(ais, is);
        assertThat(c.met()).isTrue();
        assertThat(c.worstRatio()).isEqualTo(0.5);
        assertThat(c.worstSetting()).isEqualTo("a2");
    }

    @Test
    void aLuckierCheaperPointDoesNotCountOnlyTheLongestAffordableOne() {
        List<LogZTimeCurve.Point> ais = List.of(p("a1", 1.0, 0.1));
        List<LogZTimeCurve.Point> is = List.of(p("q1", 0.1, 0.01), p("q2", 0.9, 0.2), p("q3", 2.0, 0.001));
        LogZTimeCurve.Comparison c = LogZTimeCurve.compare(ais, is);
        assertThat(c.met()).isFalse();
        assertThat(c.worstRatio()).isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void failsWhenTheLongestAffordableImportancePointIsWorseAndSaysByHowMuch() {
        List<LogZTimeCurve.Point> ais = List.of(p("a1", 0.1, 1.0), p("a2", 3.0, 0.02));
        // q3 would beat a2 but takes longer than it: it does not count
        List<LogZTimeCurve.Point> is = List.of(p("q1", 0.05, 0.2), p("q2", 2.9, 0.03), p("q3", 3.1, 0.001));
        LogZTimeCurve.Comparison c = LogZTimeCurve.compare(ais, is);
        assertThat(c.met()).isFalse();
        assertThat(c.worstRatio()).isCloseTo(1.5, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(c.worstSetting()).isEqualTo("a2");
    }

    @Test
    void anAisPointCheaperThanEveryImportancePointFails() {
        List<LogZTimeCurve.Point> ais = List.of(p("a1", 0.01, 5.0), p("a2", 1.0, 0.5));
        List<LogZTimeCurve.Point> is = List.of(p("q1", 0.02, 0.01));
        LogZTimeCurve.Comparison c = LogZTimeCurve.compare(ais, is);
        assertThat(c.met()).isFalse();
        assertThat(c.worstRatio()).isInfinite();
        assertThat(c.worstSetting()).isEqualTo("a1");
    }
}
