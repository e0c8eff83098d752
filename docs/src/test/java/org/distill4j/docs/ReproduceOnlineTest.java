package org.distill4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The chain window of {@code reproduce online}: the bag must span exactly the states online distillation uses. */
class ReproduceOnlineTest {

    @Test
    void countsTheStatesAnOnlineEpochAdvancesThroughIncludingTheLastShortMinibatch() {
        assertThat(ReproduceOnline.statesPerEpoch(10_000, 20, 1)).isEqualTo(10_000);
        assertThat(ReproduceOnline.statesPerEpoch(10_000, 20, 4)).isEqualTo(2_500);
        // rows 0, 8, 16 of every minibatch of 20: three states, not 20 / 8
        assertThat(ReproduceOnline.statesPerEpoch(10_000, 20, 8)).isEqualTo(1_500);
        // two full minibatches of 20 (5 states each) and a last one of 5 rows (rows 0 and 4)
        assertThat(ReproduceOnline.statesPerEpoch(45, 20, 4)).isEqualTo(12);
        assertThat(ReproduceOnline.statesPerEpoch(7, 20, 3)).isEqualTo(3);
    }
}
