package org.distill4j.trees.extraction;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import org.distill4j.trees.tree.TreeBuilder;
import org.distill4j.trees.tree.TreeNodes;

/**
 * Optimal pruning of a tree to at most {@code maxLeaves} leaves for top-1 agreement with the teacher: among all
 * pruned subtrees with that many leaves or fewer (every node either kept with both children or made a leaf holding
 * its value), the one whose leaves agree with the teacher's top class on the most points. A dynamic program over
 * the nodes, {@code best[v][j]} = the most agreeing points in v's subtree with at most j leaves, in
 * {@code O(nodes × maxLeaves²)} time (Bohanec and Bratko 1994, <i>Trading accuracy for simplicity in decision
 * trees</i>, Machine Learning 15; here with the teacher's labels). Growing greedily past the budget and pruning back
 * this way corrects splits that looked good for impurity but not for agreement. Stateless.
 */
final class AgreementPruning {

    private AgreementPruning() {
    }

    /**
     * @param nodes the grown tree; every node holds the value it has as a leaf
     * @param agreement per node, the weight of the points reaching it whose teacher top class is the top class of
     *     the node's value
     * @param maxLeaves the leaf budget, {@code >= 1}
     * @return the pruned tree's nodes, renumbered in pre-order (a tree within the budget may lose splits too, where
     *     they lowered the agreement)
     */
    static TreeNodes prune(TreeNodes nodes, double[] agreement, int maxLeaves) {
        checkArgument(maxLeaves >= 1, "maxLeaves must be >= 1, got %s", maxLeaves);
        checkArgument(agreement.length == nodes.nodeCount(), "agreement has %s entries for %s nodes",
                agreement.length, nodes.nodeCount());
        int n = nodes.nodeCount();
        int cap = maxLeaves;
        // best[v][j - 1]: the most agreement in v's subtree with at most j leaves; split[v][j - 1]: the left
        // child's leaf count in that optimum (0: v is a leaf)
        double[][] best = new double[n][];
        int[][] split = new int[n][];
        int[] below = new int[n];
        for (int v = n - 1; v >= 0; v--) { // children have larger indices: they are done first
            below[v] = nodes.isLeaf(v) ? 1 : below[nodes.left(v)] + below[nodes.right(v)];
            int size = Math.min(cap, below[v]);
            best[v] = new double[size];
            split[v] = new int[size];
            Arrays.fill(best[v], agreement[v]);
            if (nodes.isLeaf(v)) {
                continue;
            }
            double[] l = best[nodes.left(v)];
            double[] r = best[nodes.right(v)];
            for (int j = 2; j <= size; j++) {
                for (int a = 1; a < j && a <= l.length; a++) {
                    int b = Math.min(j - a, r.length);
                    double value = l[a - 1] + r[b - 1];
                    if (value > best[v][j - 1]) {
                        best[v][j - 1] = value;
                        split[v][j - 1] = a;
                    }
                }
            }
        }
        TreeBuilder builder = new TreeBuilder(nodes.outputs());
        copy(nodes, split, 0, cap, builder);
        return builder.build();
    }

    /** Appends node v with at most {@code leaves} leaves below it, pre-order; returns its new index. */
    private static int copy(TreeNodes nodes, int[][] split, int v, int leaves, TreeBuilder builder) {
        int j = Math.min(leaves, split[v].length);
        int id = builder.addLeaf(nodes.values(v), nodes.samples(v), nodes.impurity(v));
        int a = split[v][j - 1];
        if (a > 0) {
            int l = copy(nodes, split, nodes.left(v), a, builder);
            int r = copy(nodes, split, nodes.right(v), j - a, builder);
            builder.split(id, nodes.feature(v), nodes.threshold(v), l, r);
        }
        return id;
    }
}
