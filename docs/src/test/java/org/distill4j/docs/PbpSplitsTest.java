package org.distill4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PbpSplitsTest {

    @Test
    void mersenneTwisterMatchesTheReferenceOutputs() {
        // numpy: np.random.seed(1); np.random.randint(0, 2**32, size=3, dtype=np.uint64); and the MT19937
        // reference's first output for init_genrand(5489).
        PbpSplits.Mt19937 one = new PbpSplits.Mt19937(1);
        assertThat(one.nextUnsigned()).isEqualTo(1791095845L);
        assertThat(one.nextUnsigned()).isEqualTo(4282876139L);
        assertThat(one.nextUnsigned()).isEqualTo(3093770124L);
        assertThat(new PbpSplits.Mt19937(5489).nextUnsigned()).isEqualTo(3499211612L);
    }

    @Test
    void regeneratesTheFirstStandardBostonSplitsOfNumpy() {
        int[][] orders = PbpSplits.orders(506, 20);
        assertThat(PbpSplits.trainSize(506)).isEqualTo(455);
        // np.random.seed(1); perm = np.random.choice(range(506), 506, replace=False), three times
        assertThat(Arrays.copyOf(orders[0], 8)).containsExactly(307, 343, 47, 67, 362, 132, 292, 31);
        assertThat(Arrays.copyOfRange(orders[0], 455, 463)).containsExactly(431, 115, 470, 216, 264, 209, 316, 384);
        assertThat(Arrays.copyOf(orders[1], 8)).containsExactly(457, 234, 329, 349, 206, 133, 120, 435);
        assertThat(Arrays.copyOfRange(orders[1], 455, 463)).containsExactly(474, 39, 157, 420, 146, 221, 123, 63);
        assertThat(Arrays.copyOf(orders[2], 8)).containsExactly(53, 486, 324, 86, 290, 48, 113, 258);
        assertThat(Arrays.copyOfRange(orders[2], 455, 463)).containsExactly(59, 31, 69, 355, 232, 25, 452, 332);
        for (int[] order : orders) {
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                assertThat(sorted[i]).isEqualTo(i);
            }
        }
        assertThat(PbpSplits.orders(506, 3)[2]).containsExactly(orders[2]);
        // the 20th call of the same sequence
        assertThat(Arrays.copyOf(orders[19], 8)).containsExactly(480, 216, 158, 193, 409, 385, 404, 246);
        assertThat(Arrays.copyOfRange(orders[19], 455, 460)).containsExactly(426, 161, 347, 368, 305);
    }
}
