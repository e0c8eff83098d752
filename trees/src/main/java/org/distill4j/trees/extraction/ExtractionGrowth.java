package org.distill4j.trees.extraction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.distill.TeacherQueries;
import org.distill4j.trees.cart.BinnedFeatures;
import org.distill4j.trees.cart.BinnedRows;
import org.distill4j.trees.cart.NodeSplitter;
import org.distill4j.trees.cart.SplitChoice;
import org.distill4j.trees.tree.ClassificationTree;
import org.distill4j.trees.tree.TreeBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The state of one model-extraction run: the points (transfer points, then inputs drawn inside nodes) with their
 * bin codes and teacher probabilities, and the tree grown best-first over them (Craven and Shavlik 1995; Bastani
 * et al. 2017). A node reached by fewer than {@code minSamplesPerNode} points first gets new inputs drawn in its
 * region and labelled by the teacher; its split is then chosen on all its points, and the points pass on to its
 * children. Nodes are split in the order of {@code gain per point × fraction of transfer points reaching them}:
 * the expected impurity decrease under the data distribution. Every node also records how many of its points have
 * the teacher top class of its value, for {@link AgreementPruning}. Not thread-safe; one per run.
 */
final class ExtractionGrowth {

    private final ExtractionConfig config;
    private final ConditionalTeacher teacher;
    private final INDArray transfer;
    private final int realCount;
    private final int d;
    private final int k;
    private final BinnedRows rows;
    private final float[] probabilities;
    private final NodeSplitter splitter;
    private final TreeBuilder builder;
    private final PriorityQueue<Node> queue = new PriorityQueue<>((a, b) -> a.priority != b.priority
            ? Double.compare(b.priority, a.priority) : Integer.compare(a.id, b.id));
    private final SplittableRandom rng;
    private final List<String> warnings = new ArrayList<>();
    private double[] agreement = new double[64];
    private int budgetLeft;
    private long drawn;
    private int leaves = 1;
    private boolean warnedShortSample;

    /** A node of the growing tree: its points, their probability sums, its box, its chosen split. */
    private static final class Node {
        final int id;
        final int depth;
        int[] members;
        int count;
        final int real;
        double[] sums;
        final float[] lower;
        final float[] upper;
        SplitChoice split;
        double priority;

        Node(int id, int depth, int[] members, int count, int real, double[] sums, float[] lower, float[] upper) {
            this.id = id;
            this.depth = depth;
            this.members = members;
            this.count = count;
            this.real = real;
            this.sums = sums;
            this.lower = lower;
            this.upper = upper;
        }
    }

    /**
     * @param transfer the transfer points {@code [n, d]}, kept (never modified) to hand their members to the sampler
     * @param teacherProbabilities the teacher's answers on them, {@code [n, K]}
     * @param binned the transfer points binned
     */
    ExtractionGrowth(ExtractionConfig config, ConditionalTeacher teacher, INDArray transfer,
            INDArray teacherProbabilities, BinnedFeatures binned, SplittableRandom rng) {
        this.config = config;
        this.teacher = teacher;
        this.transfer = transfer;
        this.realCount = transfer.rows();
        this.d = transfer.columns();
        this.k = teacher.outputSize();
        this.budgetLeft = config.minSamplesPerNode() == 0 ? 0 : config.queryBudget();
        this.rows = BinnedRows.of(binned, budgetLeft);
        this.probabilities = new float[Math.multiplyExact(rows.capacity(), k)];
        float[] p = teacherProbabilities.castTo(DataType.FLOAT).dup('c').data().asFloat();
        System.arraycopy(p, 0, probabilities, 0, p.length);
        this.splitter = new NodeSplitter(binned.bins(), config.criterion(), k, config.minSamplesLeaf());
        this.builder = new TreeBuilder(k);
        this.rng = rng;
    }

    /** Creates the root and chooses its split (drawing inputs first if it has too few points). */
    void start() {
        int[] all = new int[realCount];
        for (int i = 0; i < realCount; i++) {
            all[i] = i;
        }
        float[] lower = new float[d];
        float[] upper = new float[d];
        Arrays.fill(lower, Float.NEGATIVE_INFINITY);
        Arrays.fill(upper, Float.POSITIVE_INFINITY);
        double[] sums = sums(all, realCount);
        Node root = new Node(addLeaf(all, realCount, sums), 0, all, realCount, realCount, sums, lower, upper);
        consider(root);
    }

    /** Whether a leaf can still be split. */
    boolean canGrow() {
        return !queue.isEmpty();
    }

    /** The number of leaves. */
    int leaves() {
        return leaves;
    }

    /** New inputs the teacher labelled so far. */
    long drawn() {
        return drawn;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The tree as it is now, pruned to {@code maxLeaves} for agreement ({@link AgreementPruning}). */
    ClassificationTree snapshot() {
        return ClassificationTree.of(d, AgreementPruning.prune(builder.build(),
                Arrays.copyOf(agreement, builder.size()), config.maxLeaves()));
    }

    /** Appends a leaf for these points and records how many of them agree with its top class. */
    private int addLeaf(int[] members, int count, double[] sums) {
        int id = builder.addLeaf(value(sums), count, impurity(sums, count));
        if (id == agreement.length) {
            agreement = Arrays.copyOf(agreement, 2 * id);
        }
        recordAgreement(id, members, count, sums);
        return id;
    }

    /** Records how many of the node's points have the teacher top class of the node's value. */
    private void recordAgreement(int id, int[] members, int count, double[] sums) {
        int top = argmax(sums, 0);
        int agree = 0;
        for (int j = 0; j < count; j++) {
            agree += argmax(probabilities, members[j] * k) == top ? 1 : 0;
        }
        agreement[id] = agree;
    }

    private int argmax(double[] v, int offset) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            best = v[offset + c] > v[offset + best] ? c : best;
        }
        return best;
    }

    private int argmax(float[] v, int offset) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            best = v[offset + c] > v[offset + best] ? c : best;
        }
        return best;
    }

    /** Splits the most promising leaf and prepares its children. */
    void splitNext() {
        Node p = queue.poll();
        SplitChoice s = p.split;
        int f = s.feature();
        int[] left = new int[(int) s.leftCount()];
        int[] right = new int[p.count - left.length];
        int l = 0;
        int r = 0;
        int leftReal = 0;
        for (int j = 0; j < p.count; j++) {
            int i = p.members[j];
            if (rows.code(i, f) <= s.bin()) {
                left[l++] = i;
                leftReal += i < realCount ? 1 : 0;
            } else {
                right[r++] = i;
            }
        }
        if (l != left.length) {
            throw new IllegalStateException("node " + p.id + " sent " + l + " points left, the split counted "
                    + left.length);
        }
        int rightReal = p.real - leftReal;
        p.members = null; // the children own the points now
        float[] leftUpper = p.upper.clone();
        leftUpper[f] = Math.min(leftUpper[f], s.threshold());
        float[] rightLower = p.lower.clone();
        rightLower[f] = Math.max(rightLower[f], s.threshold());
        double[] leftSums = sums(left, left.length);
        double[] rightSums = sums(right, right.length);
        Node a = new Node(addLeaf(left, left.length, leftSums), p.depth + 1, left, left.length, leftReal, leftSums,
                p.lower, leftUpper);
        Node b = new Node(addLeaf(right, right.length, rightSums), p.depth + 1, right, right.length, rightReal,
                rightSums, rightLower, p.upper);
        builder.split(p.id, f, s.threshold(), a.id, b.id);
        leaves++;
        consider(a);
        consider(b);
    }

    /** Draws inputs if the node is thin, then queues its best split unless it must stay a leaf. */
    private void consider(Node node) {
        if (node.depth >= config.maxDepth() || leavesFull()) {
            return;
        }
        if (node.count < config.minSamplesPerNode() && budgetLeft > 0 && node.real > 0) {
            augment(node);
        }
        if (node.count < 2L * config.minSamplesLeaf()) {
            return;
        }
        SplitChoice split = splitter.best(rows, node.members, node.count, gather(node.members, node.count),
                node.sums, 0);
        if (split == null) {
            return;
        }
        node.split = split;
        node.priority = split.gain() / node.count * ((double) node.real / Math.max(1, realCount));
        queue.add(node);
    }

    private boolean leavesFull() {
        return leaves >= config.grownLeaves();
    }

    /** Draws new inputs inside the node's region, asks the teacher, and adds them to the node. */
    private void augment(Node node) {
        int want = Math.min(config.minSamplesPerNode() - node.count, budgetLeft);
        int[] realMembers = new int[node.real];
        int m = 0;
        for (int j = 0; j < node.count && m < node.real; j++) {
            if (node.members[j] < realCount) {
                realMembers[m++] = node.members[j];
            }
        }
        NodeRegion region = new NodeRegion(node.lower, node.upper, Nd4j.pullRows(transfer, 1, realMembers));
        INDArray drawnInputs = config.sampler().sample(region, want, rng.split());
        checkSample(drawnInputs, want, region, node.id);
        int got = drawnInputs.rows();
        if (got == 0) {
            return;
        }
        INDArray p = TeacherQueries.predictInChunks(teacher, drawnInputs, config.teacherChunk());
        float[] x = drawnInputs.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] q = p.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] members = Arrays.copyOf(node.members, node.count + got);
        for (int r = 0; r < got; r++) {
            int i = rows.add(x, r * d);
            System.arraycopy(q, r * k, probabilities, i * k, k);
            members[node.count + r] = i;
            for (int c = 0; c < k; c++) {
                node.sums[c] += q[r * k + c];
            }
        }
        node.members = members;
        node.count += got;
        budgetLeft -= got;
        drawn += got;
        builder.update(node.id, value(node.sums), node.count, impurity(node.sums, node.count));
        recordAgreement(node.id, node.members, node.count, node.sums);
        if (got < want && !warnedShortSample) {
            warnedShortSample = true;
            warnings.add("the input model drew " + got + " of " + want + " inputs asked for node " + node.id
                    + " (its region may be too small for it); nodes may have fewer than minSamplesPerNode points");
        }
        if (budgetLeft == 0) {
            warnings.add("the query budget of " + config.queryBudget() + " new inputs was spent at node " + node.id
                    + " with " + leaves + " leaves; deeper nodes use the points they have");
        }
    }

    private void checkSample(INDArray sample, int want, NodeRegion region, int node) {
        if (sample == null || sample.rank() != 2 || sample.columns() != d || sample.rows() > want) {
            throw new IllegalArgumentException("the sampler must return [m <= " + want + ", " + d + "] inputs for node "
                    + node + ", got " + (sample == null ? null : Arrays.toString(sample.shape())));
        }
        if (sample.rows() == 0) {
            return;
        }
        float[] v = sample.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int r = 0; r < sample.rows(); r++) {
            int f = region.firstViolation(v, r * d);
            if (f >= 0) {
                throw new IllegalArgumentException("the sampler returned an input outside node " + node
                        + "'s region: row " + r + " has x[" + f + "] = " + v[r * d + f] + ", not in ("
                        + region.lower(f) + ", " + region.upper(f) + "]");
            }
        }
    }

    private float[] gather(int[] members, int count) {
        float[] out = new float[count * k];
        for (int j = 0; j < count; j++) {
            System.arraycopy(probabilities, members[j] * k, out, j * k, k);
        }
        return out;
    }

    private double[] sums(int[] members, int count) {
        double[] s = new double[k];
        for (int j = 0; j < count; j++) {
            int o = members[j] * k;
            for (int c = 0; c < k; c++) {
                s[c] += probabilities[o + c];
            }
        }
        return s;
    }

    private float[] value(double[] sums) {
        double total = 0;
        for (double s : sums) {
            total += Math.max(0, s);
        }
        float[] v = new float[k];
        for (int c = 0; c < k; c++) {
            v[c] = total > 0 ? (float) (Math.max(0, sums[c]) / total) : 1f / k;
        }
        return v;
    }

    private double impurity(double[] sums, int count) {
        return count == 0 ? 0 : NodeSplitter.weightedImpurity(config.criterion(), sums, count) / count;
    }
}
