package org.distill4j.docs;

import org.distill4j.core.linalg.NativeThreads;

/**
 * Sets ND4J's thread counts for a benchmark, so that ours and the reference use the same number: libnd4j's own
 * loops, its OpenMP pool and OpenBLAS's threads (through {@link NativeThreads}, whose default then no longer
 * applies).
 */
final class Threads {

    private Threads() {
    }

    static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        NativeThreads.configure(threads);
    }
}
