package org.distill4j.trees.lrh;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * An estimate, before anything runs, of the memory an LRH run needs, so that a problem too large for the
 * configured limit fails at once with the figure: the inputs, the representation, the probe operator, one chunk
 * of batched predictions, the candidate conjunctions of a level ({@code 2k(d − j)} of them) and the dynamic
 * program's table, and with checkpoints the log of the teacher's answers (its representations and predictions).
 * Stateless.
 */
final class MemoryPlan {

    /** Bytes per candidate conjunction kept in a level's score map (object, arrays, map entry). */
    private static final long BYTES_PER_CANDIDATE = 120;

    private MemoryPlan() {
    }

    /** The estimated peak in bytes; {@code logged}: the teacher's answers are kept for checkpoints. */
    static long estimate(LrhConfig config, int d, int width, boolean logged) {
        long m = config.probeSamples();
        long n = config.scoreSamples();
        long inputs = 4L * d * (config.samplesUsed() + config.certificateSize());
        long phi = 8L * (m + n) * (width + 2) * 2;
        long gram = 8L * Math.min(m, width + 2) * Math.min(m, width + 2) * 2 + 8L * n * m * 2;
        long chunk = 4L * 2 * LinearProbeBeamSearch.CHUNK_FLOATS;
        long candidates = BYTES_PER_CANDIDATE * 2L * config.beam() * d + (long) config.beam() * config.depth()
                * (BYTES_PER_CANDIDATE + 4L * config.treeSamples());
        long table = (long) config.beam() * config.depth() * (20L * (config.leafBudget() + 1) + 16L * d);
        long log = logged ? 4L * (m + n) * (width + 2) + 8L * (config.samplesUsed() + config.certificateSize()) : 0;
        return inputs + phi + gram + chunk + candidates + table + log;
    }

    /**
     * @throws IllegalArgumentException if the estimate exceeds the configured limit, naming both in megabytes
     */
    static void check(LrhConfig config, int d, int width, boolean logged) {
        long bytes = estimate(config, d, width, logged);
        checkArgument(bytes <= config.memoryLimitBytes(), "LRH with d = %s, depth %s, beam %s and a representation "
                + "of width %s needs about %s MB (each level probes up to 2 x beam x d = %s conjunctions), more "
                + "than memoryLimitBytes = %s MB", d, config.depth(), config.beam(), width, bytes >> 20,
                2L * config.beam() * d, config.memoryLimitBytes() >> 20);
    }
}
