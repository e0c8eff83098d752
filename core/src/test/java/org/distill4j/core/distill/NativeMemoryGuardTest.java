package org.distill4j.core.distill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeMemoryGuardTest {

    private static final long MB = 1L << 20;

    @Test
    void collectsWhenMemoryClimbsPastTheAllowanceAndNotBefore() {
        long[] memory = {100 * MB};
        int[] collections = {0};
        NativeMemoryGuard guard = new NativeMemoryGuard(() -> memory[0], () -> {
            collections[0]++;
            memory[0] = 100 * MB; // a collection frees the garbage
        });
        for (int batch = 0; batch < 10 * NativeMemoryGuard.CHECK_EVERY; batch++) {
            memory[0] += 2 * MB; // 2 MB of garbage per batch
            guard.afterBatch();
        }
        // 128 MB per check: a collection every 5th check, i.e. once the allowance of 512 MB is passed
        assertThat(collections[0]).isEqualTo(2);
        assertThat(guard.collections()).isEqualTo(2);
    }

    @Test
    void memoryInUseAfterACollectionRaisesTheFloorInsteadOfCollectingAgainAndAgain() {
        long[] memory = {100 * MB};
        int[] collections = {0};
        NativeMemoryGuard guard = new NativeMemoryGuard(() -> memory[0], () -> collections[0]++);
        memory[0] = 2000 * MB; // a cache filled up: nothing to collect
        for (int batch = 0; batch < 20 * NativeMemoryGuard.CHECK_EVERY; batch++) {
            guard.afterBatch();
        }
        assertThat(collections[0]).isEqualTo(1);
    }
}
