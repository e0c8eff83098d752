package org.distill4j.trees.lrh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.distill4j.trees.tree.ClassificationTree;
import org.distill4j.trees.tree.TreeBuilder;

/**
 * Stage 2 of the LRH algorithm (Boix-Adsera 2024, arXiv:2403.09053, section 5): the best decision tree whose nodes
 * are candidate conjunctions. A conjunction of the beam may be split on any variable it does not use (both
 * children were probed at the next level); any other candidate is a leaf. With {@code leaf(A)} the number of
 * labelled inputs reaching A that agree with their majority label (labels from the teacher),
 * {@code V[A][L] = max(V[A][L−1], leaf(A), max_i max_{L1+L2=L} V[A∧x_i=+1][L1] + V[A∧x_i=−1][L2])} is the most
 * inputs a tree of at most L leaves rooted at A classifies like the teacher; the tree is read back from the
 * choices. Not thread-safe; one per run.
 */
final class TreeDynamicProgram {

    private final List<LinearProbeBeamSearch.Level> levels;
    private final float[] inputs;
    private final int[] labels;
    private final int d;
    private final int budget;
    private final Map<AndTerm, Entry> table = new HashMap<>();

    /** The table row of one beam member: values and choices per leaf budget, and its children's leaf values. */
    private static final class Entry {
        final int level;
        final int[] members;
        final long[] value;
        final int[] variable;
        final int[] leftLeaves;
        int labelZero;

        Entry(int level, int[] members, int budget) {
            this.level = level;
            this.members = members;
            this.value = new long[budget + 1];
            this.variable = new int[budget + 1];
            this.leftLeaves = new int[budget + 1];
        }
    }

    /**
     * @param inputs labelled inputs, row-major {@code [N, d]}, entries ±1
     * @param labels the teacher's class (0 or 1) of each input
     * @param budget the most leaves
     */
    TreeDynamicProgram(List<LinearProbeBeamSearch.Level> levels, float[] inputs, int[] labels, int d, int budget) {
        this.levels = levels;
        this.inputs = inputs;
        this.labels = labels;
        this.d = d;
        this.budget = budget;
    }

    /** The result: the tree and the probe error of the conjunction of each of its nodes (NaN at the root). */
    record Solution(ClassificationTree tree, double[] probeErrors, long agreeing) {
    }

    Solution solve() {
        int[] all = new int[labels.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Set<AndTerm> seen = new HashSet<>();
        table.put(AndTerm.empty(), new Entry(0, all, budget));
        for (int j = 0; j < levels.size(); j++) {
            for (AndTerm a : levels.get(j).beam()) {
                if (seen.add(a) && j > 0) {
                    table.put(a, new Entry(j, members(a), budget));
                }
            }
        }
        for (int j = levels.size() - 1; j >= 0; j--) {
            for (AndTerm a : levels.get(j).beam()) {
                Entry e = table.get(a);
                if (e.level == j) {
                    fill(a, e);
                }
            }
        }
        TreeBuilder builder = new TreeBuilder(2);
        List<Double> errors = new ArrayList<>();
        build(builder, errors, AndTerm.empty(), all, budget);
        double[] probeErrors = errors.stream().mapToDouble(Double::doubleValue).toArray();
        return new Solution(ClassificationTree.of(d, builder.build()), probeErrors, table.get(AndTerm.empty())
                .value[budget]);
    }

    private int[] members(AndTerm a) {
        int count = 0;
        int[] out = new int[labels.length];
        for (int t = 0; t < labels.length; t++) {
            if (a.matches(inputs, t * d)) {
                out[count++] = t;
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** Fills the table row of beam member {@code a}; its beam children at the next level are filled already. */
    private void fill(AndTerm a, Entry e) {
        // counts[i][side][label] over the members, side 0 for x_i = -1
        int[][] counts = new int[d][4];
        for (int t : e.members) {
            int label = labels[t];
            e.labelZero += label == 0 ? 1 : 0;
            for (int i = 0; i < d; i++) {
                counts[i][(inputs[t * d + i] > 0 ? 2 : 0) + label]++;
            }
        }
        long leaf = Math.max(e.labelZero, e.members.length - e.labelZero);
        boolean splittable = e.level + 1 < levels.size();
        for (int budgetL = 1; budgetL <= budget; budgetL++) {
            e.value[budgetL] = budgetL == 1 ? leaf : e.value[budgetL - 1];
            e.variable[budgetL] = -1;
            if (budgetL == 1 || !splittable) {
                continue;
            }
            for (int i = 0; i < d; i++) {
                if (a.uses(i)) {
                    continue;
                }
                Entry minus = childEntry(a, i, -1, e.level + 1);
                Entry plus = childEntry(a, i, 1, e.level + 1);
                long minusLeaf = Math.max(counts[i][0], counts[i][1]);
                long plusLeaf = Math.max(counts[i][2], counts[i][3]);
                for (int l1 = 1; l1 < budgetL; l1++) {
                    long v = (minus == null ? minusLeaf : minus.value[l1])
                            + (plus == null ? plusLeaf : plus.value[budgetL - l1]);
                    if (v > e.value[budgetL]) {
                        e.value[budgetL] = v;
                        e.variable[budgetL] = i;
                        e.leftLeaves[budgetL] = l1;
                    }
                }
            }
        }
    }

    /** The table row of a child conjunction if it is in the beam of the next level, else null (a leaf). */
    private Entry childEntry(AndTerm a, int variable, int sign, int level) {
        Entry child = table.get(a.and(variable, sign));
        return child != null && child.level == level ? child : null;
    }

    /** Appends the subtree of {@code a} with at most {@code leaves} leaves; returns its node index. */
    private int build(TreeBuilder builder, List<Double> errors, AndTerm a, int[] members, int leaves) {
        int zero = 0;
        for (int t : members) {
            zero += labels[t] == 0 ? 1 : 0;
        }
        float p0 = members.length == 0 ? 0.5f : (float) zero / members.length;
        float[] value = {p0, 1 - p0};
        int node = builder.addLeaf(value, members.length, 2.0 * value[0] * value[1]);
        // a conjunction of j literals was probed at level j
        errors.add(a.size() == 0 ? Double.NaN : levels.get(a.size()).scores().getOrDefault(a, Double.NaN));
        Entry e = table.get(a);
        if (e == null) {
            return node;
        }
        int budgetL = leaves;
        while (budgetL > 1 && e.variable[budgetL] < 0) {
            budgetL--;
        }
        int i = e.variable[budgetL];
        if (i < 0) {
            return node;
        }
        int[] minus = java.util.Arrays.stream(members).filter(t -> inputs[t * d + i] < 0).toArray();
        int[] plus = java.util.Arrays.stream(members).filter(t -> inputs[t * d + i] > 0).toArray();
        int left = build(builder, errors, a.and(i, -1), minus, e.leftLeaves[budgetL]);
        int right = build(builder, errors, a.and(i, 1), plus, budgetL - e.leftLeaves[budgetL]);
        builder.split(node, i, 0f, left, right);
        return node;
    }
}
