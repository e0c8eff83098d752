package org.distill4j.trees.extraction;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.core.pac.PacPlanner;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.trees.cart.Criterion;
import org.distill4j.trees.cart.TreeConfig;

/**
 * The configuration of {@link ModelExtraction}. Immutable; made by {@link #builder()}, which validates every
 * field.
 *
 * @param maxLeaves the most leaves, {@code >= 1}
 * @param maxDepth the longest root-to-leaf path, {@code >= 0}
 * @param minSamplesLeaf the fewest points (transfer and drawn) each side of a split must receive, {@code >= 1}
 * @param minSamplesPerNode TREPAN's {@code S_min}: a node reached by fewer points gets new inputs drawn in its
 *     region and labelled by the teacher, up to this many points ({@code >= 0}; 0 never queries)
 * @param queryBudget the most new inputs the teacher labels over the whole run, {@code >= 0}
 * @param criterion the impurity of the splits on teacher probabilities, GINI or ENTROPY
 * @param maxBins the most bins per feature, in {@code [2, 256]}
 * @param sampler the input model drawing new inputs inside a node's region
 * @param seed every random choice derives from it
 * @param validationSize held-out transfer inputs scored after each growth stage (0: none, no early stopping)
 * @param certificateSize held-out transfer inputs for the final fidelity and the PAC certificate (0: none)
 * @param pacDelta the certificate's failure probability δ in (0, 1)
 * @param patience growth stages without a better validation fidelity before stopping (0: never)
 * @param targetAgreement stop once the validation top-1 agreement reaches this, in (0, 1]
 * @param teacherChunk rows per teacher call, {@code >= 1}
 * @param growthFactor the tree grows to {@code growthFactor × maxLeaves} leaves, then is pruned back to
 *     {@code maxLeaves} for the most agreement with the teacher's top class ({@link AgreementPruning}); 1 grows to
 *     the budget and prunes nothing; in {@code [1, 64]}
 */
public record ExtractionConfig(int maxLeaves, int maxDepth, int minSamplesLeaf, int minSamplesPerNode,
        int queryBudget, Criterion criterion, int maxBins, RegionSampler sampler, long seed, int validationSize,
        int certificateSize, double pacDelta, int patience, double targetAgreement, int teacherChunk,
        int growthFactor) {

    /** Default leaf budget. */
    public static final int DEFAULT_MAX_LEAVES = 64;
    /** Default {@code S_min}; TREPAN uses 1000 (Craven and Shavlik 1995), a smaller value spends fewer queries. */
    public static final int DEFAULT_MIN_SAMPLES_PER_NODE = 500;
    /** Default budget of new teacher queries. */
    public static final int DEFAULT_QUERY_BUDGET = 20_000;
    /** Default over-growth before pruning for agreement. */
    public static final int DEFAULT_GROWTH_FACTOR = 2;

    /** Validates every field; see {@link Builder#build()}. */
    public ExtractionConfig {
        checkArgument(maxLeaves >= 1, "maxLeaves must be >= 1, got %s", maxLeaves);
        checkArgument(maxDepth >= 0, "maxDepth must be >= 0, got %s", maxDepth);
        checkArgument(minSamplesLeaf >= 1, "minSamplesLeaf must be >= 1, got %s", minSamplesLeaf);
        checkArgument(minSamplesPerNode >= 0, "minSamplesPerNode must be >= 0, got %s", minSamplesPerNode);
        checkArgument(queryBudget >= 0, "queryBudget must be >= 0, got %s", queryBudget);
        checkNotNull(criterion, "criterion");
        checkArgument(criterion.forClassification(), "criterion must be GINI or ENTROPY, got %s", criterion);
        checkArgument(maxBins >= 2 && maxBins <= TreeConfig.MAX_BINS, "maxBins must be in [2, %s], got %s",
                TreeConfig.MAX_BINS, maxBins);
        checkNotNull(sampler, "sampler");
        checkArgument(validationSize >= 0, "validationSize must be >= 0, got %s", validationSize);
        checkArgument(certificateSize >= 0, "certificateSize must be >= 0, got %s", certificateSize);
        checkArgument(pacDelta > 0 && pacDelta < 1, "pacDelta must be in (0, 1), got %s", pacDelta);
        checkArgument(patience >= 0, "patience must be >= 0, got %s", patience);
        checkArgument(patience == 0 || validationSize > 0,
                "patience %s needs validationSize > 0 (early stopping scores held-out inputs)", patience);
        checkArgument(targetAgreement > 0 && targetAgreement <= 1, "targetAgreement must be in (0, 1], got %s",
                targetAgreement);
        checkArgument(teacherChunk >= 1, "teacherChunk must be >= 1, got %s", teacherChunk);
        checkArgument(growthFactor >= 1 && growthFactor <= 64, "growthFactor must be in [1, 64], got %s",
                growthFactor);
    }

    /** The leaves grown before pruning: {@code maxLeaves × growthFactor}, at most {@code Integer.MAX_VALUE}. */
    public int grownLeaves() {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxLeaves * growthFactor);
    }

    /**
     * A builder with the defaults: 64 leaves, unlimited depth, leaf 1, {@code S_min} 500, 20,000 queries, GINI,
     * 256 bins, kernel-density marginals, seed 0, no validation, 1000 certificate draws, δ = 0.05, growth to 2 ×
     * maxLeaves before pruning.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        return new Builder().maxLeaves(maxLeaves).maxDepth(maxDepth).minSamplesLeaf(minSamplesLeaf)
                .minSamplesPerNode(minSamplesPerNode).queryBudget(queryBudget).criterion(criterion).maxBins(maxBins)
                .sampler(sampler).seed(seed).heldOut(validationSize, certificateSize).pacDelta(pacDelta)
                .patience(patience).targetAgreement(targetAgreement).teacherChunk(teacherChunk)
                .growthFactor(growthFactor);
    }

    /** Builds {@link ExtractionConfig}; {@link #build()} validates. */
    public static final class Builder {
        private int maxLeaves = DEFAULT_MAX_LEAVES;
        private int maxDepth = TreeConfig.UNLIMITED;
        private int minSamplesLeaf = 1;
        private int minSamplesPerNode = DEFAULT_MIN_SAMPLES_PER_NODE;
        private int queryBudget = DEFAULT_QUERY_BUDGET;
        private Criterion criterion = Criterion.GINI;
        private int maxBins = TreeConfig.MAX_BINS;
        private RegionSampler sampler = RegionSamplers.kernelMarginals();
        private long seed;
        private int validationSize;
        private int certificateSize = TrainingSettings.DEFAULT_CERTIFICATE_SIZE;
        private double pacDelta = TrainingSettings.DEFAULT_PAC_DELTA;
        private int patience;
        private double targetAgreement = 1.0;
        private int teacherChunk = 2048;
        private int growthFactor = DEFAULT_GROWTH_FACTOR;

        private Builder() {
        }

        /** The most leaves. */
        public Builder maxLeaves(int value) {
            this.maxLeaves = value;
            return this;
        }

        /** The longest root-to-leaf path. */
        public Builder maxDepth(int value) {
            this.maxDepth = value;
            return this;
        }

        /** The fewest points each side of a split must receive. */
        public Builder minSamplesLeaf(int value) {
            this.minSamplesLeaf = value;
            return this;
        }

        /** TREPAN's {@code S_min}: the points a node must have before its split is chosen. */
        public Builder minSamplesPerNode(int value) {
            this.minSamplesPerNode = value;
            return this;
        }

        /** The most new inputs the teacher labels. */
        public Builder queryBudget(int value) {
            this.queryBudget = value;
            return this;
        }

        /** The split impurity (GINI or ENTROPY). */
        public Builder criterion(Criterion value) {
            this.criterion = value;
            return this;
        }

        /** The most bins per feature. */
        public Builder maxBins(int value) {
            this.maxBins = value;
            return this;
        }

        /** The input model drawing new inputs in a node's region. */
        public Builder sampler(RegionSampler value) {
            this.sampler = value;
            return this;
        }

        /** The run's seed. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Held-out transfer inputs for validation after each stage and for the certificate. */
        public Builder heldOut(int validation, int certificate) {
            this.validationSize = validation;
            this.certificateSize = certificate;
            return this;
        }

        /** The certificate's failure probability δ. */
        public Builder pacDelta(double value) {
            this.pacDelta = value;
            return this;
        }

        /** Sizes the certificate for a target (ε, δ), as {@link TrainingSettings.Builder#pacTarget} does. */
        public Builder pacTarget(double epsilon, double delta) {
            checkArgument(epsilon > 0 && epsilon < 1, "epsilon must be in (0, 1), got %s", epsilon);
            checkArgument(delta > 0 && delta < 1, "delta must be in (0, 1), got %s", delta);
            long m = PacPlanner.samplesNeeded(epsilon, delta, epsilon / 2);
            checkArgument(m <= Integer.MAX_VALUE, "pacTarget(%s, %s) needs %s draws, too many", epsilon, delta, m);
            this.certificateSize = (int) m;
            this.pacDelta = delta;
            return this;
        }

        /** Growth stages without improvement before stopping. */
        public Builder patience(int value) {
            this.patience = value;
            return this;
        }

        /** Stop once validation top-1 agreement reaches this. */
        public Builder targetAgreement(double value) {
            this.targetAgreement = value;
            return this;
        }

        /** Rows per teacher call. */
        public Builder teacherChunk(int value) {
            this.teacherChunk = value;
            return this;
        }

        /** Over-growth before pruning for agreement (1: none). */
        public Builder growthFactor(int value) {
            this.growthFactor = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public ExtractionConfig build() {
            return new ExtractionConfig(maxLeaves, maxDepth, minSamplesLeaf, minSamplesPerNode, queryBudget,
                    criterion, maxBins, sampler, seed, validationSize, certificateSize, pacDelta, patience,
                    targetAgreement, teacherChunk, growthFactor);
        }
    }
}
