package org.distill4j.trees.cart;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.distill4j.trees.tree.ClassificationTree;
import org.distill4j.trees.tree.RegressionTree;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fits CART trees (Breiman et al. 1984) to hard labels, soft labels (a teacher's class probabilities) or vector
 * regression targets, with histogram split search over binned features ({@link BinnedFeatures}) and best-first
 * growth ({@link TreeConfig}). The data is binned once per call, or once for several fits when the caller passes
 * a {@link BinnedFeatures}. Fitting is deterministic: the same data and configuration give the same tree, for any
 * thread count (ties between splits go to the lower feature, then the lower threshold).
 *
 * <p>Arguments are never modified. A trainer holds only its configuration: thread-safe, reusable.
 */
public final class CartTrainer {

    /** How far a soft-label row may sum from 1. */
    public static final double SUM_TOLERANCE = 1e-3;

    private final TreeConfig config;

    /** A trainer with the given configuration. */
    public CartTrainer(TreeConfig config) {
        this.config = checkNotNull(config, "config");
    }

    /** The configuration. */
    public TreeConfig config() {
        return config;
    }

    /**
     * Fits a classification tree to hard labels: its leaves hold the class frequencies of their rows.
     *
     * @param x {@code [n, d]} finite features, not modified
     * @param labels n class indices in {@code [0, classes)}, not modified
     * @param classes the number of classes K, {@code >= 1}
     * @throws IllegalArgumentException for an empty or non-finite {@code x} (naming the row and column), a label
     *     count other than n, a label out of range, or a regression criterion
     */
    public ClassificationTree fitClassifier(INDArray x, int[] labels, int classes) {
        return fitClassifier(bin(x), labels, classes);
    }

    /** As {@link #fitClassifier(INDArray, int[], int)}, on features binned once for several fits. */
    public ClassificationTree fitClassifier(BinnedFeatures x, int[] labels, int classes) {
        checkNotNull(x, "x");
        checkNotNull(labels, "labels");
        checkArgument(classes >= 1, "classes must be >= 1, got %s", classes);
        checkArgument(labels.length == x.rows(), "labels must have one entry per row of x (%s), got %s", x.rows(),
                labels.length);
        for (int i = 0; i < labels.length; i++) {
            checkArgument(labels[i] >= 0 && labels[i] < classes, "labels[%s] must be in [0, %s), got %s", i, classes,
                    labels[i]);
        }
        Criterion criterion = config.criterionFor(true);
        TreeGrower grower = new TreeGrower(config, criterion, x, labels, null, classes, true);
        return ClassificationTree.of(x.columns(), grower.grow());
    }

    /**
     * Fits a classification tree to soft labels: each row's target is a probability vector (a teacher's
     * answer), and each leaf holds the mean probability vector of its rows. One-hot rows are recognised and
     * fitted like hard labels.
     *
     * @param x {@code [n, d]} finite features, not modified
     * @param probabilities {@code [n, K]}, rows of entries in [0, 1] summing to 1 (± {@value #SUM_TOLERANCE}),
     *     not modified
     * @throws IllegalArgumentException for an empty or non-finite {@code x}, mismatched row counts (both shapes
     *     named), a row that is not a probability vector, or a regression criterion
     */
    public ClassificationTree fitClassifier(INDArray x, INDArray probabilities) {
        checkTargets(probabilities, "probabilities");
        return fitClassifier(bin(x), probabilities);
    }

    /** As {@link #fitClassifier(INDArray, INDArray)}, on features binned once for several fits. */
    public ClassificationTree fitClassifier(BinnedFeatures x, INDArray probabilities) {
        checkNotNull(x, "x");
        float[] p = targets(x, probabilities, "probabilities");
        int k = (int) probabilities.size(1);
        int[] hard = oneHotLabels(p, k);
        if (hard != null) {
            return fitClassifier(x, hard, k);
        }
        for (int i = 0; i < x.rows(); i++) {
            double sum = 0;
            for (int j = i * k; j < (i + 1) * k; j++) {
                checkArgument(p[j] >= 0 && p[j] <= 1, "probabilities[%s, %s] must be in [0, 1], got %s", i, j - i * k,
                        p[j]);
                sum += p[j];
            }
            checkArgument(Math.abs(sum - 1) <= SUM_TOLERANCE, "probabilities row %s must sum to 1, got %s",
                    Integer.valueOf(i), Double.valueOf(sum));
        }
        Criterion criterion = config.criterionFor(true);
        TreeGrower grower = new TreeGrower(config, criterion, x, null, p, k, true);
        return ClassificationTree.of(x.columns(), grower.grow());
    }

    /**
     * Fits a regression tree to vector targets (multi-output squared error): each leaf holds the mean target of
     * its rows.
     *
     * @param x {@code [n, d]} finite features, not modified
     * @param targets {@code [n, m]} finite targets, not modified
     * @throws IllegalArgumentException for an empty or non-finite {@code x} or {@code targets}, mismatched row
     *     counts, or a classification criterion
     */
    public RegressionTree fitRegressor(INDArray x, INDArray targets) {
        checkTargets(targets, "targets");
        return fitRegressor(bin(x), targets);
    }

    /** As {@link #fitRegressor(INDArray, INDArray)}, on features binned once for several fits. */
    public RegressionTree fitRegressor(BinnedFeatures x, INDArray targets) {
        checkNotNull(x, "x");
        Criterion criterion = config.criterionFor(false);
        float[] y = targets(x, targets, "targets");
        TreeGrower grower = new TreeGrower(config, criterion, x, null, y, (int) targets.size(1), false);
        return RegressionTree.of(x.columns(), grower.grow());
    }

    private BinnedFeatures bin(INDArray x) {
        return BinnedFeatures.of(x, config.maxBins());
    }

    private static void checkTargets(INDArray targets, String name) {
        checkNotNull(targets, name);
        checkArgument(targets.rank() == 2 && targets.size(1) >= 1, "%s must have shape [n, k >= 1], got %s", name,
                Arrays.toString(targets.shape()));
    }

    /** The targets as row-major floats, checked for shape and finiteness. */
    private static float[] targets(BinnedFeatures x, INDArray targets, String name) {
        checkTargets(targets, name);
        checkArgument(targets.size(0) == x.rows(), "%s must have one row per row of x: x has %s rows, %s has shape %s",
                name, x.rows(), name, Arrays.toString(targets.shape()));
        checkArgument(targets.length() < Integer.MAX_VALUE, "%s is too large, shape %s", name,
                Arrays.toString(targets.shape()));
        float[] values = targets.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int j = 0; j < values.length; j++) {
            if (!Float.isFinite(values[j])) {
                int k = (int) targets.size(1);
                throw new IllegalArgumentException(String.format("%s must be finite, got %s at row %s, column %s",
                        name, values[j], j / k, j % k));
            }
        }
        return values;
    }

    /** The class of each row if every row is one-hot, else null. */
    private static int[] oneHotLabels(float[] p, int k) {
        int n = p.length / k;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int hot = -1;
            for (int j = 0; j < k; j++) {
                float v = p[i * k + j];
                if (v == 1f && hot < 0) {
                    hot = j;
                } else if (v != 0f) {
                    return null;
                }
            }
            if (hot < 0) {
                return null;
            }
            labels[i] = hot;
        }
        return labels;
    }
}
