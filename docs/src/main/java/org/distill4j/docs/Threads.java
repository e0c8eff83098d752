package org.distill4j.docs;

import org.nd4j.linalg.factory.Nd4j;

/** Limits ND4J's threads for a benchmark, so that ours and the reference use the same count. */
final class Threads {

    private Threads() {
    }

    static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }
}
