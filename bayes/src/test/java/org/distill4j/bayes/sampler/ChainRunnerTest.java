package org.distill4j.bayes.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.bayes.model.LogDensity;
import org.junit.jupiter.api.Test;

/** The runner: warm-up discarded, thinning, listener events, immutable samples, failures propagated. */
class ChainRunnerTest {

    private static final LogDensity TARGET = TargetFixtures.gaussian(new double[] {0.5, -0.5}, 1.0);

    private static SliceSampler chain(long seed) {
        return new SliceSampler(TARGET, new double[2], SliceConfig.builder().seed(seed).build());
    }

    @Test
    void keepsEveryThinthStateAfterTheWarmup() {
        Samples samples = ChainRunner.run(List.of(chain(1)), RunConfig.builder().warmup(7).draws(5).thin(3).build());
        SliceSampler manual = chain(1);
        for (int i = 0; i < 7; i++) {
            manual.next();
        }
        for (int k = 0; k < 5; k++) {
            manual.next();
            manual.next();
            assertThat(samples.chain(0)[k]).containsExactly(manual.next());
        }
        assertThat(samples.stats().get(0).iterations()).isEqualTo(7 + 15);
    }

    @Test
    void listenerSeesEveryChainStartProgressAndEnd() {
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger progress = new AtomicInteger();
        AtomicInteger ends = new AtomicInteger();
        SamplingListener counting = new SamplingListener() {
            @Override
            public void onStart(int chain, long iterations) {
                assertThat(iterations).isEqualTo(30);
                starts.incrementAndGet();
            }

            @Override
            public void onProgress(int chain, long iteration, long iterations, ChainStats stats) {
                assertThat(stats.iterations()).isEqualTo(iteration);
                progress.incrementAndGet();
            }

            @Override
            public void onEnd(int chain, ChainStats stats) {
                ends.incrementAndGet();
            }
        };
        ChainRunner.run(c -> chain(c), 3, RunConfig.builder().warmup(10).draws(20).threads(2)
                .listener(counting, 10).build());
        assertThat(starts.get()).isEqualTo(3);
        assertThat(progress.get()).isEqualTo(9);
        assertThat(ends.get()).isEqualTo(3);
        // the logging listener runs without failing
        Samples logged = ChainRunner.run(c -> chain(c), 1, RunConfig.builder().warmup(0).draws(4)
                .listener(SamplingListener.logging(2), 2).build());
        assertThat(logged.drawsPerChain()).isEqualTo(4);
    }

    @Test
    void samplesAreImmutableCopies() {
        Samples samples = ChainRunner.run(c -> chain(c), 2, RunConfig.builder().warmup(0).draws(10).build());
        double before = samples.chain(1)[3][0];
        samples.chain(1)[3][0] = 99;
        samples.draws()[1][3][0] = 99;
        samples.pooled()[13][0] = 99;
        assertThat(samples.chain(1)[3][0]).isEqualTo(before);
        assertThat(samples.pooled()[13][0]).isEqualTo(before);
        assertThat(samples.parameter(0)[1][3]).isEqualTo(before);
        assertThat(samples.pooled()).hasNumberOfRows(20);
        assertThatThrownBy(() -> samples.stats().add(null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> samples.chain(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new Samples(new double[][][] {{{1, 2}}, {{1}}}, java.util.Arrays.asList(null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
    }

    @Test
    void aFailingChainFailsTheRunWithItsException() {
        LogDensity failing = new LogDensity() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double logDensity(double[] theta, double[] gradient) {
                if (Math.abs(theta[0]) > 0.5) {
                    throw new IllegalStateException("model failure at " + theta[0]);
                }
                return 0;
            }
        };
        assertThatThrownBy(() -> ChainRunner.run(c -> new SliceSampler(failing, new double[1],
                SliceConfig.builder().width(3).seed(c).build()), 2,
                RunConfig.builder().warmup(5).draws(5).threads(2).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("model failure");
        assertThatThrownBy(() -> ChainRunner.run(List.of(chain(1), new SliceSampler(TargetFixtures.gaussian(new double[3],
                1), new double[3], SliceConfig.builder().build())), RunConfig.builder().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
    }
}
