package org.distill4j.trees.lrh;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The configuration of {@link LrhDistiller} (Boix-Adsera 2024, arXiv:2403.09053, section 5). Immutable; made by
 * {@link #builder()}, which validates every field.
 *
 * @param depth r: the longest conjunction probed, and the depth of the distilled tree, {@code >= 1}
 * @param beam k: the conjunctions kept at each level of the beam search, {@code >= 1}
 * @param probeSamples inputs each linear probe is fitted on (the paper: about 1,000)
 * @param scoreSamples fresh inputs each probe is scored on by mean squared error (the paper: about 10,000)
 * @param treeSamples inputs labelled by the teacher for the dynamic program's leaf values
 * @param ridge the ridge penalty λ of the probes, on representations scaled to mean squared row norm 1, {@code > 0}
 * @param maxLeaves the leaf budget of the distilled tree ({@code 0}: {@code 2^depth})
 * @param certificateSize fresh inputs for the final fidelity and PAC certificate (the paper: 5,000; 0: none)
 * @param pacDelta the certificate's failure probability δ in (0, 1)
 * @param memoryLimitBytes the most memory the search may plan for; larger problems are rejected up front
 * @param teacherChunk the most inputs per call to the teacher, {@code >= 1}; each chunk of teacher queries is one
 *     step of the run's checkpoint schedule
 * @param seed every random choice derives from it
 */
public record LrhConfig(int depth, int beam, int probeSamples, int scoreSamples, int treeSamples, double ridge,
        int maxLeaves, int certificateSize, double pacDelta, long memoryLimitBytes, int teacherChunk, long seed) {

    /** The paper's probe training size. */
    public static final int DEFAULT_PROBE_SAMPLES = 1000;
    /** Probe scoring size; the paper uses 10,000, a smaller set is enough to rank true conjunctions first. */
    public static final int DEFAULT_SCORE_SAMPLES = 2000;
    /** Inputs for the dynamic program. */
    public static final int DEFAULT_TREE_SAMPLES = 2000;
    /**
     * Ridge penalty, on representations scaled to mean squared row norm 1 (so {@code ΦᵀΦ} has trace m). Chosen on
     * the paper's task: with λ = 1e-3 the probes nearly interpolate and rank some true conjunctions below the beam
     * (r = 4, k = 100: agreement 0.93); λ = 0.1 and λ = 1 recover the tree (0.999).
     */
    public static final double DEFAULT_RIDGE = 1.0;
    /** The paper's evaluation size. */
    public static final int DEFAULT_CERTIFICATE_SIZE = 5000;
    /** Default planning limit: 2 GiB. */
    public static final long DEFAULT_MEMORY_LIMIT = 2L << 30;
    /** Default inputs per teacher call. */
    public static final int DEFAULT_TEACHER_CHUNK = 4096;

    /** Validates every field; see {@link Builder#build()}. */
    public LrhConfig {
        checkArgument(depth >= 1 && depth <= 20, "depth must be in [1, 20], got %s", depth);
        checkArgument(beam >= 1, "beam must be >= 1, got %s", beam);
        checkArgument(probeSamples >= 2, "probeSamples must be >= 2, got %s", probeSamples);
        checkArgument(scoreSamples >= 1, "scoreSamples must be >= 1, got %s", scoreSamples);
        checkArgument(treeSamples >= 1, "treeSamples must be >= 1, got %s", treeSamples);
        checkArgument(ridge > 0 && Double.isFinite(ridge), "ridge must be finite and > 0, got %s", ridge);
        checkArgument(maxLeaves >= 0, "maxLeaves must be >= 0, got %s", maxLeaves);
        checkArgument(certificateSize >= 0, "certificateSize must be >= 0, got %s", certificateSize);
        checkArgument(pacDelta > 0 && pacDelta < 1, "pacDelta must be in (0, 1), got %s", pacDelta);
        checkArgument(memoryLimitBytes > 0, "memoryLimitBytes must be > 0, got %s", memoryLimitBytes);
        checkArgument(teacherChunk >= 1, "teacherChunk must be >= 1, got %s", teacherChunk);
    }

    /** The leaf budget: {@code maxLeaves}, or {@code 2^depth} when it is 0. */
    public int leafBudget() {
        return maxLeaves > 0 ? maxLeaves : 1 << depth;
    }

    /** The inputs a run draws from the transfer source besides the certificate's. */
    public int samplesUsed() {
        return probeSamples + scoreSamples + treeSamples;
    }

    /** A builder with the defaults for a given depth and beam. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        return new Builder().depth(depth).beam(beam).probeSamples(probeSamples).scoreSamples(scoreSamples)
                .treeSamples(treeSamples).ridge(ridge).maxLeaves(maxLeaves).certificateSize(certificateSize)
                .pacDelta(pacDelta).memoryLimitBytes(memoryLimitBytes).teacherChunk(teacherChunk).seed(seed);
    }

    /** Builds {@link LrhConfig}; {@link #build()} validates. */
    public static final class Builder {
        private int depth = 2;
        private int beam = 10;
        private int probeSamples = DEFAULT_PROBE_SAMPLES;
        private int scoreSamples = DEFAULT_SCORE_SAMPLES;
        private int treeSamples = DEFAULT_TREE_SAMPLES;
        private double ridge = DEFAULT_RIDGE;
        private int maxLeaves;
        private int certificateSize = DEFAULT_CERTIFICATE_SIZE;
        private double pacDelta = 0.05;
        private long memoryLimitBytes = DEFAULT_MEMORY_LIMIT;
        private int teacherChunk = DEFAULT_TEACHER_CHUNK;
        private long seed;

        private Builder() {
        }

        /** r. */
        public Builder depth(int value) {
            this.depth = value;
            return this;
        }

        /** k. */
        public Builder beam(int value) {
            this.beam = value;
            return this;
        }

        /** Probe training inputs. */
        public Builder probeSamples(int value) {
            this.probeSamples = value;
            return this;
        }

        /** Probe scoring inputs. */
        public Builder scoreSamples(int value) {
            this.scoreSamples = value;
            return this;
        }

        /** Dynamic-program inputs. */
        public Builder treeSamples(int value) {
            this.treeSamples = value;
            return this;
        }

        /** Ridge penalty λ. */
        public Builder ridge(double value) {
            this.ridge = value;
            return this;
        }

        /** Leaf budget (0: 2^depth). */
        public Builder maxLeaves(int value) {
            this.maxLeaves = value;
            return this;
        }

        /** Certificate inputs. */
        public Builder certificateSize(int value) {
            this.certificateSize = value;
            return this;
        }

        /** δ. */
        public Builder pacDelta(double value) {
            this.pacDelta = value;
            return this;
        }

        /** Planning memory limit. */
        public Builder memoryLimitBytes(long value) {
            this.memoryLimitBytes = value;
            return this;
        }

        /** Inputs per teacher call. */
        public Builder teacherChunk(int value) {
            this.teacherChunk = value;
            return this;
        }

        /** Seed. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public LrhConfig build() {
            return new LrhConfig(depth, beam, probeSamples, scoreSamples, treeSamples, ridge, maxLeaves,
                    certificateSize, pacDelta, memoryLimitBytes, teacherChunk, seed);
        }
    }
}
