package org.distill4j.trees.lrh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stage 1 of the LRH algorithm (Boix-Adsera 2024, arXiv:2403.09053, section 5): a beam search over conjunctions
 * of literals scored by linear probes. {@code T_0} holds the empty conjunction; level j probes every extension
 * {@code A ∧ (x_i = s)} of the beam {@code T_{j-1}} (i not in A) — the probe fits {@code ⟨w, φ(x)⟩ + b} to the
 * conjunction's ±1 indicator on the training inputs and is scored by its mean squared error on the scoring
 * inputs — and keeps the k best as {@code T_j}. Every probed conjunction is a candidate node for stage 2.
 *
 * <p>The ±1 indicator of {@code A ∧ (x_i = s)} is {@code 1_A (1 + s x_i) − 1}, so by linearity of the ridge
 * probes one batch of predictions {@code P 1_A}, {@code P (1_A x_i)} for all i scores all 2(d − |A|) extensions
 * of A, for both signs, from running sums. Not thread-safe; one per run.
 */
final class LinearProbeBeamSearch {

    /** Scoring floats per chunk of beam members: bounds the memory of one batch of predictions. */
    static final long CHUNK_FLOATS = 8L << 20;

    /**
     * One level of the search.
     *
     * @param beam the k best conjunctions of this level, best first
     * @param scores the mean squared error of every conjunction probed at this level
     */
    record Level(List<AndTerm> beam, Map<AndTerm, Double> scores) {
    }

    private final LinearProbes probes;
    private final float[] trainInputs;
    private final float[] scoreInputs;
    private final int d;
    private final int m;
    private final int n;
    private final float[] onesPrediction;

    /**
     * @param trainInputs the probes' training inputs, row-major {@code [m, d]}, entries ±1
     * @param scoreInputs the scoring inputs, row-major {@code [n, d]}, entries ±1
     */
    LinearProbeBeamSearch(LinearProbes probes, float[] trainInputs, float[] scoreInputs, int d) {
        this.probes = probes;
        this.trainInputs = trainInputs;
        this.scoreInputs = scoreInputs;
        this.d = d;
        this.m = (int) probes.trainRows();
        this.n = (int) probes.scoreRows();
        this.onesPrediction = probes.predict(Nd4j.ones(DataType.FLOAT, m, 1)).dup('c').data().asFloat();
    }

    /** Runs levels 1..depth; element 0 of the result is the root level {∅}. */
    List<Level> run(int depth, int beamWidth) {
        List<Level> levels = new ArrayList<>();
        levels.add(root());
        for (int j = 1; j <= depth; j++) {
            levels.add(next(levels.get(j - 1), beamWidth));
        }
        return levels;
    }

    /** Level 0: the empty conjunction alone. */
    static Level root() {
        return new Level(List.of(AndTerm.empty()), Map.of(AndTerm.empty(), 0.0));
    }

    /** The level after {@code previous}: every extension of its beam probed, the {@code beamWidth} best kept. */
    Level next(Level previous, int beamWidth) {
        Map<AndTerm, Double> scores = score(previous.beam());
        List<Map.Entry<AndTerm, Double>> ranked = new ArrayList<>(scores.entrySet());
        ranked.sort(Map.Entry.<AndTerm, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                Comparator.naturalOrder())));
        List<AndTerm> beam = new ArrayList<>();
        for (int b = 0; b < Math.min(beamWidth, ranked.size()); b++) {
            beam.add(ranked.get(b).getKey());
        }
        return new Level(List.copyOf(beam), Map.copyOf(scores));
    }

    /** The probe error of every extension of every member of {@code beam}. */
    private Map<AndTerm, Double> score(List<AndTerm> beam) {
        Map<AndTerm, Double> scores = new HashMap<>();
        int width = d + 1;
        int chunk = (int) Math.max(1, Math.min(beam.size(), CHUNK_FLOATS / ((long) Math.max(m, n) * width)));
        for (int c0 = 0; c0 < beam.size(); c0 += chunk) {
            List<AndTerm> part = beam.subList(c0, Math.min(beam.size(), c0 + chunk));
            float[] targets = new float[m * part.size() * width];
            int columns = part.size() * width;
            for (int a = 0; a < part.size(); a++) {
                AndTerm and = part.get(a);
                for (int t = 0; t < m; t++) {
                    if (and.matches(trainInputs, t * d)) {
                        int row = t * columns + a * width;
                        targets[row] = 1;
                        System.arraycopy(trainInputs, t * d, targets, row + 1, d);
                    }
                }
            }
            float[] predicted = probes.predict(Nd4j.create(targets, new long[] {m, columns}, DataType.FLOAT))
                    .dup('c').data().asFloat();
            for (int a = 0; a < part.size(); a++) {
                scoreExtensions(part.get(a), predicted, columns, a * width, scores);
            }
        }
        return scores;
    }

    /**
     * With {@code r0 = P1_A − P1 − 1_A + 1} and {@code r1_i = P(1_A x_i) − 1_A x_i} on the scoring inputs, the
     * residual of the probe of {@code A ∧ (x_i = s)} is {@code r0 + s r1_i}.
     */
    private void scoreExtensions(AndTerm and, float[] predicted, int columns, int offset,
            Map<AndTerm, Double> scores) {
        double r0r0 = 0;
        double[] cross = new double[d];
        double[] r1r1 = new double[d];
        for (int t = 0; t < n; t++) {
            int row = t * columns + offset;
            float indicator = and.matches(scoreInputs, t * d) ? 1 : 0;
            double r0 = predicted[row] - onesPrediction[t] - indicator + 1;
            r0r0 += r0 * r0;
            for (int i = 0; i < d; i++) {
                double r1 = predicted[row + 1 + i] - indicator * scoreInputs[t * d + i];
                cross[i] += r0 * r1;
                r1r1[i] += r1 * r1;
            }
        }
        for (int i = 0; i < d; i++) {
            if (and.uses(i)) {
                continue;
            }
            for (int s = -1; s <= 1; s += 2) {
                double mse = (r0r0 + 2 * s * cross[i] + r1r1[i]) / n;
                scores.merge(and.and(i, s), Math.max(0, mse), Math::min);
            }
        }
    }
}
