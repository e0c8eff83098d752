package org.distill4j.trees.cart;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.distill4j.trees.tree.TreeBuilder;
import org.distill4j.trees.tree.TreeNodes;

/**
 * CART growth over binned features. Every leaf that may be split carries its best split; with a leaf budget the
 * leaf whose split decreases the total impurity most is split next (best-first), without one the order does not
 * change the tree and leaves are split depth-first, which keeps few histograms alive. Splitting partitions the
 * node's range of the row index (and the targets, kept in the same order) in place, stably, so each child is
 * again a contiguous range. When the parent's whole-node histogram was kept, only the smaller child's is built
 * and the larger child's is the difference. One instance grows one tree; not thread-safe (it may use its own
 * worker threads for the split search).
 */
final class TreeGrower {

    /** Below this many row-feature pairs a node's search runs on the calling thread. */
    private static final long PARALLEL_WORK = 1 << 17;
    /** A split must decrease the node's weighted impurity by more than this fraction of it. */
    private static final double RELATIVE_GAIN_FLOOR = 1e-7;
    /** A node's histogram is kept when its rows times features exceed this many times the total bin count. */
    private static final int KEEP_FACTOR = 4;

    private final TreeConfig config;
    private final Criterion criterion;
    private final FeatureBins bins;
    private final byte[] codes;
    private final int rows;
    private final int stats;
    private final int totalBins;
    private final boolean classification;
    private final int[] idx;
    private final int[] idxScratch;
    private final int[] labels;
    private final int[] labelScratch;
    private final float[] targets;
    private final float[] targetScratch;
    private final SplitFinder[] finders;
    private final SplitCandidate[] candidates;
    private final HistogramPool pool;
    private final TreeBuilder nodes;
    private ExecutorService workers;

    private record Pending(int node, int from, int to, int depth, double[] sums, SplitCandidate split, double gain,
            double[] histogram) {
    }

    /**
     * @param labels hard labels (class indices below {@code stats}), or null; not modified
     * @param targets soft targets, {@code stats} per row, row-major, or null; not modified
     */
    TreeGrower(TreeConfig config, Criterion criterion, BinnedFeatures data, int[] labels, float[] targets, int stats,
            boolean classification) {
        this.config = config;
        this.criterion = criterion;
        this.bins = data.bins();
        this.codes = data.codes();
        this.rows = data.rows();
        this.stats = stats;
        this.classification = classification;
        this.idx = new int[rows];
        for (int i = 0; i < rows; i++) {
            idx[i] = i;
        }
        this.idxScratch = new int[rows];
        this.labels = labels == null ? null : labels.clone();
        this.labelScratch = labels == null ? null : new int[rows];
        this.targets = targets == null ? null : targets.clone();
        this.targetScratch = targets == null ? null : new float[targets.length];
        double[] xlogx = null;
        if (labels != null && criterion == Criterion.ENTROPY) {
            xlogx = new double[rows + 1];
            for (int i = 1; i <= rows; i++) {
                xlogx[i] = i * Math.log(i);
            }
        }
        int[] offsets = SplitFinder.offsets(bins);
        this.totalBins = offsets[bins.features()];
        int threads = Math.max(1, Math.min(config.threads(), bins.features()));
        this.finders = new SplitFinder[threads];
        this.candidates = new SplitCandidate[threads];
        for (int t = 0; t < threads; t++) {
            finders[t] = new SplitFinder(criterion, labels != null, stats, bins, offsets, config.minSamplesLeaf(),
                    xlogx);
            candidates[t] = new SplitCandidate(stats);
        }
        long histogramLength = (long) totalBins * (stats + 1);
        this.pool = new HistogramPool((int) Math.min(Integer.MAX_VALUE - 8, histogramLength),
                histogramLength > Integer.MAX_VALUE - 8 ? 0 : (long) config.histogramMegabytes() << 20);
        this.nodes = new TreeBuilder(stats);
    }

    TreeNodes grow() {
        workers = finders.length > 1 ? Executors.newFixedThreadPool(finders.length - 1, r -> {
            Thread t = new Thread(r, "distill4j-cart");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            boolean budget = config.maxLeaves() < Integer.MAX_VALUE
                    && (config.maxDepth() >= 31 || config.maxLeaves() < (1L << config.maxDepth()));
            Queue<Pending> queue = budget ? new PriorityQueue<>((a, b) -> a.gain != b.gain
                    ? Double.compare(b.gain, a.gain) : Integer.compare(a.node, b.node))
                    : Collections.asLifoQueue(new ArrayDeque<>());
            double[] rootSums = sums(0, rows);
            int root = nodes.addLeaf(value(rootSums, rows), rows, impurity(rootSums, 0, rows));
            Pending top = new Pending(root, 0, rows, 0, rootSums, null, 0, null);
            consider(top, worthKeeping(rows) ? pool.acquire() : null, false, queue);
            int leaves = 1;
            while (!queue.isEmpty() && leaves < config.maxLeaves()) {
                split(queue.poll(), queue);
                leaves++;
            }
            return nodes.build();
        } finally {
            if (workers != null) {
                workers.shutdownNow();
            }
        }
    }

    private boolean worthKeeping(int n) {
        return pool.enabled() && (long) n * bins.features() >= (long) KEEP_FACTOR * totalBins;
    }

    private void split(Pending p, Queue<Pending> queue) {
        SplitCandidate s = p.split;
        int f = s.feature;
        int mid = partition(p.from, p.to, f, s.bin);
        if (mid - p.from != s.leftCount) {
            throw new IllegalStateException("partition of node " + p.node + " sent " + (mid - p.from)
                    + " rows left, the histogram counted " + s.leftCount);
        }
        double[] leftSums = s.leftSums.clone();
        double[] rightSums = new double[stats];
        for (int k = 0; k < stats; k++) {
            rightSums[k] = p.sums[k] - leftSums[k];
        }
        int leftNode = nodes.addLeaf(value(leftSums, mid - p.from), mid - p.from, impurity(leftSums, p.from, mid));
        int rightNode = nodes.addLeaf(value(rightSums, p.to - mid), p.to - mid, impurity(rightSums, mid, p.to));
        nodes.split(p.node, f, bins.threshold(f, s.bin), leftNode, rightNode);
        Pending left = new Pending(leftNode, p.from, mid, p.depth + 1, leftSums, null, 0, null);
        Pending right = new Pending(rightNode, mid, p.to, p.depth + 1, rightSums, null, 0, null);
        boolean leftSmaller = mid - p.from <= p.to - mid;
        Pending small = leftSmaller ? left : right;
        Pending large = leftSmaller ? right : left;
        double[] parentHistogram = p.histogram;
        double[] smallHistogram = parentHistogram != null && worthKeeping(large.to - large.from) ? pool.acquire()
                : null;
        if (smallHistogram == null) {
            pool.release(parentHistogram);
            for (Pending child : new Pending[] {left, right}) {
                consider(child, worthKeeping(child.to - child.from) ? pool.acquire() : null, false, queue);
            }
            return;
        }
        fill(small, smallHistogram);
        for (int j = 0; j < parentHistogram.length; j++) {
            parentHistogram[j] -= smallHistogram[j];
        }
        // the children in left-right order, each with its filled histogram
        consider(left, leftSmaller ? smallHistogram : parentHistogram, true, queue);
        consider(right, leftSmaller ? parentHistogram : smallHistogram, true, queue);
    }

    /**
     * Finds the node's best split and queues it, unless the node must stay a leaf. The histogram, when given, is
     * kept with the queued node or released.
     *
     * @param filled whether {@code histogram} already holds the node's rows (else it is zeroed, or null)
     */
    private void consider(Pending p, double[] histogram, boolean filled, Queue<Pending> queue) {
        int n = p.to - p.from;
        double weightedImpurity = weightedImpurity(p.sums, p.from, p.to);
        if (p.depth >= config.maxDepth() || n < config.minSamplesSplit() || n < 2L * config.minSamplesLeaf()
                || !(weightedImpurity > 0)) {
            pool.release(histogram);
            return;
        }
        double parent = SplitFinder.parentScore(criterion, p.sums, n);
        double floor = Math.max(config.minImpurityDecrease() * rows, RELATIVE_GAIN_FLOOR * weightedImpurity);
        SplitCandidate best = search(p, parent + floor, histogram, filled);
        if (best.feature < 0) {
            pool.release(histogram);
            return;
        }
        SplitCandidate kept = new SplitCandidate(stats);
        kept.set(best.feature, best.bin, best.score, best.leftCount, best.leftSums);
        queue.add(new Pending(p.node, p.from, p.to, p.depth, p.sums, kept, best.score - parent, histogram));
    }

    private void fill(Pending p, double[] histogram) {
        forEachSlice(p, (t, f0, f1) -> finders[t].fill(codes, rows, f0, f1, idx, p.from, p.to, labels, targets,
                histogram));
    }

    private SplitCandidate search(Pending p, double scoreToBeat, double[] histogram, boolean filled) {
        for (SplitCandidate c : candidates) {
            c.reset(scoreToBeat);
        }
        int n = p.to - p.from;
        forEachSlice(p, (t, f0, f1) -> {
            if (filled) {
                finders[t].scanHistogram(histogram, f0, f1, n, p.sums, candidates[t]);
            } else {
                finders[t].search(codes, rows, f0, f1, idx, p.from, p.to, labels, targets, p.sums, histogram,
                        candidates[t]);
            }
        });
        SplitCandidate best = candidates[0];
        for (int t = 1; t < candidates.length; t++) {
            best.takeIfBetter(candidates[t]);
        }
        return best;
    }

    private interface Slice {
        void run(int thread, int f0, int f1);
    }

    /** Runs {@code work} over contiguous feature slices, one per thread, or on this thread for small nodes. */
    private void forEachSlice(Pending p, Slice work) {
        int d = bins.features();
        int threads = finders.length;
        if (workers == null || (long) (p.to - p.from) * d < PARALLEL_WORK) {
            work.run(0, 0, d);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            int slice = t;
            futures.add(workers.submit((Callable<Void>) () -> {
                work.run(slice, (int) ((long) d * slice / threads), (int) ((long) d * (slice + 1) / threads));
                return null;
            }));
        }
        work.run(0, 0, d / threads);
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while searching splits", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("split search failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Stable partition of {@code [from, to)}: codes {@code <= bin} first. Returns the first right position. */
    private int partition(int from, int to, int f, int bin) {
        int base = f * rows;
        int w = from;
        int r = 0;
        for (int j = from; j < to; j++) {
            int row = idx[j];
            boolean goesLeft = (codes[base + row] & 0xFF) <= bin;
            if (labels != null) {
                if (goesLeft) {
                    labels[w] = labels[j];
                } else {
                    labelScratch[r] = labels[j];
                }
            } else if (goesLeft) {
                System.arraycopy(targets, j * stats, targets, w * stats, stats);
            } else {
                System.arraycopy(targets, j * stats, targetScratch, r * stats, stats);
            }
            if (goesLeft) {
                idx[w++] = row;
            } else {
                idxScratch[r++] = row;
            }
        }
        System.arraycopy(idxScratch, 0, idx, w, r);
        if (labels != null) {
            System.arraycopy(labelScratch, 0, labels, w, r);
        } else {
            System.arraycopy(targetScratch, 0, targets, w * stats, r * stats);
        }
        return w;
    }

    private double[] sums(int from, int to) {
        double[] s = new double[stats];
        for (int j = from; j < to; j++) {
            if (labels != null) {
                s[labels[j]]++;
            } else {
                for (int k = 0; k < stats; k++) {
                    s[k] += targets[j * stats + k];
                }
            }
        }
        return s;
    }

    /** The node's value: class probabilities (normalised sums, negatives from rounding clamped) or mean targets. */
    private float[] value(double[] sums, long n) {
        float[] v = new float[stats];
        if (!classification) {
            for (int k = 0; k < stats; k++) {
                v[k] = (float) (sums[k] / n);
            }
            return v;
        }
        double total = 0;
        for (double s : sums) {
            total += Math.max(0, s);
        }
        for (int k = 0; k < stats; k++) {
            v[k] = total > 0 ? (float) (Math.max(0, sums[k]) / total) : 1f / stats;
        }
        return v;
    }

    /** The node's impurity (per row) under the criterion. */
    private double impurity(double[] sums, int from, int to) {
        return weightedImpurity(sums, from, to) / (to - from);
    }

    /** n times the node's impurity: the quantity the split gains are measured against. */
    private double weightedImpurity(double[] sums, int from, int to) {
        int n = to - from;
        if (criterion == Criterion.VARIANCE) {
            double squares = 0;
            for (int j = from * stats; j < to * stats; j++) {
                squares += (double) targets[j] * targets[j];
            }
            return Math.max(0, squares - SplitFinder.parentScore(criterion, sums, n));
        }
        if (criterion == Criterion.ENTROPY) {
            return Math.max(0, -SplitFinder.parentScore(criterion, sums, n));
        }
        return Math.max(0, n - SplitFinder.parentScore(criterion, sums, n));
    }
}
