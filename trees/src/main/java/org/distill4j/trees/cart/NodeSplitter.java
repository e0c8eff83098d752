package org.distill4j.trees.cart;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The best CART split of one node on soft labels (class probabilities), for tree learners that manage their own
 * growth (model extraction): the same histogram search as {@link CartTrainer}, over any subset of the rows of a
 * {@link BinnedRows}. The search allocates nothing. Not thread-safe: one splitter per thread.
 */
public final class NodeSplitter {

    /** A split must decrease the node's weighted impurity by more than this fraction of it. */
    static final double RELATIVE_GAIN_FLOOR = 1e-7;

    private final Criterion criterion;
    private final int classes;
    private final SplitFinder finder;
    private final SplitCandidate candidate;

    /**
     * @param bins the bins of the rows that will be split
     * @param criterion GINI or ENTROPY
     * @param classes the number of classes K
     * @param minSamplesLeaf the fewest rows each side of a split must receive
     */
    public NodeSplitter(FeatureBins bins, Criterion criterion, int classes, int minSamplesLeaf) {
        checkNotNull(bins, "bins");
        checkNotNull(criterion, "criterion");
        checkArgument(criterion.forClassification(), "criterion must be GINI or ENTROPY, got %s", criterion);
        checkArgument(classes >= 1, "classes must be >= 1, got %s", classes);
        checkArgument(minSamplesLeaf >= 1, "minSamplesLeaf must be >= 1, got %s", minSamplesLeaf);
        this.criterion = criterion;
        this.classes = classes;
        this.finder = new SplitFinder(criterion, false, classes, bins, SplitFinder.offsets(bins), minSamplesLeaf,
                null);
        this.candidate = new SplitCandidate(classes);
    }

    /**
     * The best split of the rows {@code members[0 .. count)} of {@code rows}.
     *
     * @param probabilities the rows' class probabilities in member order, {@code count × K} row-major
     * @param sums the column sums of those probabilities
     * @param minGain the smallest acceptable decrease of {@code n · impurity}
     * @return the best split, or null when no split decreases the impurity by more than {@code minGain} (and by
     *     more than a relative {@code 1e-7} of it)
     */
    public SplitChoice best(BinnedRows rows, int[] members, int count, float[] probabilities, double[] sums,
            double minGain) {
        checkArgument(sums.length == classes, "sums must have %s entries, got %s", classes, sums.length);
        double weighted = weightedImpurity(criterion, sums, count);
        if (count < 2 || !(weighted > 0)) {
            return null;
        }
        double parent = SplitFinder.parentScore(criterion, sums, count);
        candidate.reset(parent + Math.max(minGain, RELATIVE_GAIN_FLOOR * weighted));
        finder.search(rows.codes(), rows.capacity(), 0, rows.bins().features(), members, 0, count, null,
                probabilities, sums, null, candidate);
        if (candidate.feature < 0) {
            return null;
        }
        return new SplitChoice(candidate.feature, candidate.bin,
                rows.bins().threshold(candidate.feature, candidate.bin), candidate.score - parent,
                candidate.leftCount);
    }

    /** {@code n} times the impurity of a node with probability sums {@code sums} over {@code n} rows. */
    public static double weightedImpurity(Criterion criterion, double[] sums, long n) {
        double parent = SplitFinder.parentScore(criterion, sums, n);
        return Math.max(0, criterion == Criterion.ENTROPY ? -parent : n - parent);
    }
}
