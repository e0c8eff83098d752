package org.distill4j.trees.cart;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How a CART tree is grown. Immutable; made by {@link #builder()}, which validates every field.
 *
 * <p>Growth is best-first: the leaf whose best split decreases the total impurity most is split next, so that
 * a leaf budget keeps the most useful splits (as scikit-learn does with {@code max_leaf_nodes}). Split
 * candidates are the boundaries between feature bins: a feature with at most {@code maxBins} distinct values is
 * split exactly as CART would (thresholds at midpoints between consecutive values), one with more is first
 * quantised into {@code maxBins} quantile bins.
 *
 * @param maxDepth the longest root-to-leaf path, {@code >= 0} (0: a single leaf, the mean target)
 * @param maxLeaves the most leaves, {@code >= 1}
 * @param minSamplesSplit the fewest rows a node needs to be split, {@code >= 2}
 * @param minSamplesLeaf the fewest rows each child of a split must receive, {@code >= 1}
 * @param minImpurityDecrease a split is made only if it decreases the total impurity, weighted by the fraction
 *     of rows in the node, by at least this much ({@code >= 0}; scikit-learn's {@code min_impurity_decrease})
 * @param criterion the impurity, or {@code null} for the default of the tree kind (GINI for classification,
 *     VARIANCE for regression)
 * @param maxBins the most bins per feature, in {@code [2, 256]}
 * @param threads threads searching splits over the features, {@code >= 1}; the tree is the same for any count
 * @param histogramMegabytes memory for whole-node histograms kept between a node and its children ({@code >= 0};
 *     0 keeps none): with them the histogram of the larger child is the parent's minus the smaller child's, which
 *     saves about half the work on large data. Sums obtained by subtraction may differ from direct sums in the
 *     last bits, so a different budget may break an exact tie between two splits differently.
 */
public record TreeConfig(int maxDepth, int maxLeaves, int minSamplesSplit, int minSamplesLeaf,
        double minImpurityDecrease, Criterion criterion, int maxBins, int threads, int histogramMegabytes) {

    /** No depth limit. */
    public static final int UNLIMITED = Integer.MAX_VALUE;
    /** The default and largest number of bins per feature (codes are bytes). */
    public static final int MAX_BINS = 256;
    /** The default memory for kept histograms, in megabytes. */
    public static final int DEFAULT_HISTOGRAM_MEGABYTES = 256;

    /** Validates every field; see {@link Builder#build()}. */
    public TreeConfig {
        checkArgument(maxDepth >= 0, "maxDepth must be >= 0, got %s", maxDepth);
        checkArgument(maxLeaves >= 1, "maxLeaves must be >= 1, got %s", maxLeaves);
        checkArgument(minSamplesSplit >= 2, "minSamplesSplit must be >= 2, got %s", minSamplesSplit);
        checkArgument(minSamplesLeaf >= 1, "minSamplesLeaf must be >= 1, got %s", minSamplesLeaf);
        checkArgument(minImpurityDecrease >= 0 && Double.isFinite(minImpurityDecrease),
                "minImpurityDecrease must be finite and >= 0, got %s", minImpurityDecrease);
        checkArgument(maxBins >= 2 && maxBins <= MAX_BINS, "maxBins must be in [2, %s], got %s", MAX_BINS, maxBins);
        checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
        checkArgument(histogramMegabytes >= 0, "histogramMegabytes must be >= 0, got %s", histogramMegabytes);
    }

    /**
     * A builder with the defaults: unlimited depth and leaves, split 2, leaf 1, default criterion, 256 bins, one
     * thread, 256 MB of histograms.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        return new Builder().maxDepth(maxDepth).maxLeaves(maxLeaves).minSamplesSplit(minSamplesSplit)
                .minSamplesLeaf(minSamplesLeaf).minImpurityDecrease(minImpurityDecrease).criterion(criterion)
                .maxBins(maxBins).threads(threads).histogramMegabytes(histogramMegabytes);
    }

    /** The criterion to use for a tree of the given kind. */
    Criterion criterionFor(boolean classification) {
        if (criterion == null) {
            return classification ? Criterion.GINI : Criterion.VARIANCE;
        }
        checkArgument(criterion.forClassification() == classification, "criterion %s does not apply to %s trees",
                criterion, classification ? "classification" : "regression");
        return criterion;
    }

    /** Builds {@link TreeConfig}; {@link #build()} validates. */
    public static final class Builder {
        private int maxDepth = UNLIMITED;
        private int maxLeaves = Integer.MAX_VALUE;
        private int minSamplesSplit = 2;
        private int minSamplesLeaf = 1;
        private double minImpurityDecrease;
        private Criterion criterion;
        private int maxBins = MAX_BINS;
        private int threads = 1;
        private int histogramMegabytes = DEFAULT_HISTOGRAM_MEGABYTES;

        private Builder() {
        }

        /** The longest root-to-leaf path. */
        public Builder maxDepth(int value) {
            this.maxDepth = value;
            return this;
        }

        /** The most leaves. */
        public Builder maxLeaves(int value) {
            this.maxLeaves = value;
            return this;
        }

        /** The fewest rows a node needs to be split. */
        public Builder minSamplesSplit(int value) {
            this.minSamplesSplit = value;
            return this;
        }

        /** The fewest rows each child must receive. */
        public Builder minSamplesLeaf(int value) {
            this.minSamplesLeaf = value;
            return this;
        }

        /** The smallest weighted impurity decrease of a split. */
        public Builder minImpurityDecrease(double value) {
            this.minImpurityDecrease = value;
            return this;
        }

        /** The impurity; {@code null} for the kind's default. */
        public Builder criterion(Criterion value) {
            this.criterion = value;
            return this;
        }

        /** The most bins per feature. */
        public Builder maxBins(int value) {
            this.maxBins = value;
            return this;
        }

        /** Threads searching splits. */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /** Memory for whole-node histograms, in megabytes. */
        public Builder histogramMegabytes(int value) {
            this.histogramMegabytes = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public TreeConfig build() {
            return new TreeConfig(maxDepth, maxLeaves, minSamplesSplit, minSamplesLeaf, minImpurityDecrease,
                    criterion, maxBins, threads, histogramMegabytes);
        }
    }
}
