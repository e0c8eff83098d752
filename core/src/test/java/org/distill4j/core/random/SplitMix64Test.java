package org.distill4j.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void splitMixIsSplittableRandomsStreamAndRestoresItsState() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
            SplittableRandom reference = new SplittableRandom(seed);
            SplitMix64 ours = new SplitMix64(seed);
            for (int i = 0; i < 20_000; i++) {
                switch (i % 5) {
                    case 0 -> assertThat(ours.nextLong()).isEqualTo(reference.nextLong());
                    case 1 -> assertThat(ours.nextInt(1 + i % 977)).isEqualTo(reference.nextInt(1 + i % 977));
                    case 2 -> assertThat(ours.nextDouble()).isEqualTo(reference.nextDouble());
                    case 3 -> assertThat(ours.nextGaussian()).as("seed %s draw %s", seed, i)
                            .isEqualTo(reference.nextGaussian());
                    default -> assertThat(ours.nextInt()).isEqualTo(reference.nextInt());
                }
            }
            SplitMix64 copy = new SplitMix64(0);
            copy.setState(ours.state());
            assertThat(copy.nextGaussian()).isEqualTo(ours.nextGaussian());
        }
    }

    @Test
    void uniformsAreSeededAndFillMatchesNextOpenUnit() {
        double[] a = new double[1001];
        double[] b = new double[1001];
        new SplitMix64(7).fill(a, a.length);
        SplitMix64 one = new SplitMix64(7);
        for (int i = 0; i < b.length; i++) {
            b[i] = one.nextOpenUnit();
        }
        assertThat(a).containsExactly(b);
        double[] c = new double[1001];
        new SplitMix64(8).fill(c, c.length);
        assertThat(c).isNotEqualTo(a);
        double mean = 0;
        for (double u : a) {
            assertThat(u).isGreaterThan(0).isLessThan(1);
            mean += u / a.length;
        }
        assertThat(mean).isCloseTo(0.5, within(5 / Math.sqrt(12.0 * a.length)));
        // a second fill continues the stream
        SplitMix64 s = new SplitMix64(7);
        double[] first = new double[500];
        double[] second = new double[501];
        s.fill(first, 500);
        s.fill(second, 501);
        assertThat(second[0]).isEqualTo(a[500]);
        assertThat(second[500]).isEqualTo(a[1000]);
    }
}
