package org.distill4j.trees.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.distill4j.trees.tree.TreeBuilder;
import org.distill4j.trees.tree.TreeNodes;
import org.junit.jupiter.api.Test;

/**
 * {@link AgreementPruning} against brute force: on random trees with random per-node agreements (stored in the
 * nodes' sample counts, so that the pruned tree's leaves tell their agreement), the pruned tree has at most the
 * budget of leaves and the largest total agreement of all prunings within the budget.
 */
class AgreementPruningTest {

    private static final long SEED = 1995L;

    @Test
    void prunesToTheBestSubtreeWithinTheBudget() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int trial = 0; trial < 200; trial++) {
            TreeNodes tree = randomTree(rng, 2 + rng.nextInt(14));
            double[] agreement = new double[tree.nodeCount()];
            for (int v = 0; v < agreement.length; v++) {
                agreement[v] = tree.samples(v);
            }
            int budget = 1 + rng.nextInt(tree.leafCount());
            TreeNodes pruned = AgreementPruning.prune(tree, agreement, budget);
            assertThat(pruned.leafCount()).as("trial %s (seed %s)", trial, SEED).isLessThanOrEqualTo(budget);
            double best = 0;
            for (double[] option : prunings(tree, 0)) {
                if (option[0] <= budget) {
                    best = Math.max(best, option[1]);
                }
            }
            long got = 0;
            for (int v = 0; v < pruned.nodeCount(); v++) {
                got += pruned.isLeaf(v) ? pruned.samples(v) : 0;
            }
            assertThat((double) got).as("trial %s: agreement of the pruned tree with budget %s", trial, budget)
                    .isEqualTo(best);
        }
    }

    @Test
    void aTreeWithinTheBudgetWhoseSplitsHelpIsKeptAndABadBudgetIsRejected() {
        TreeNodes tree = randomTree(new SplittableRandom(SEED), 5);
        double[] agreement = new double[tree.nodeCount()];
        for (int v = tree.nodeCount() - 1; v >= 0; v--) {
            agreement[v] = tree.isLeaf(v) ? 10 : agreement[tree.left(v)] + agreement[tree.right(v)] - 1;
        }
        TreeNodes kept = AgreementPruning.prune(tree, agreement, 5);
        assertThat(kept.leafCount()).isEqualTo(5);
        assertThat(kept.nodeCount()).isEqualTo(tree.nodeCount());
        assertThat(AgreementPruning.prune(tree, agreement, 4).leafCount()).isEqualTo(4);
        assertThat(AgreementPruning.prune(tree, agreement, 1).nodeCount()).isEqualTo(1);
        assertThatThrownBy(() -> AgreementPruning.prune(tree, agreement, 0)).hasMessageContaining("maxLeaves");
        assertThatThrownBy(() -> AgreementPruning.prune(tree, new double[2], 3)).hasMessageContaining("agreement");
    }

    /** Every pruning of v's subtree as {leaves, agreement}. */
    private static List<double[]> prunings(TreeNodes tree, int v) {
        List<double[]> out = new ArrayList<>();
        out.add(new double[] {1, tree.samples(v)});
        if (!tree.isLeaf(v)) {
            for (double[] l : prunings(tree, tree.left(v))) {
                for (double[] r : prunings(tree, tree.right(v))) {
                    out.add(new double[] {l[0] + r[0], l[1] + r[1]});
                }
            }
        }
        return out;
    }

    /** A random tree of {@code leaves} leaves; each node's sample count is a random agreement in [0, 100). */
    private static TreeNodes randomTree(SplittableRandom rng, int leaves) {
        TreeBuilder builder = new TreeBuilder(1);
        List<Integer> open = new ArrayList<>();
        open.add(builder.addLeaf(new float[] {0}, rng.nextInt(100), 0));
        for (int l = 1; l < leaves; l++) {
            int node = open.remove(rng.nextInt(open.size()));
            int a = builder.addLeaf(new float[] {0}, rng.nextInt(100), 0);
            int b = builder.addLeaf(new float[] {0}, rng.nextInt(100), 0);
            builder.split(node, rng.nextInt(3), rng.nextFloat(), a, b);
            open.add(a);
            open.add(b);
        }
        return builder.build();
    }
}
