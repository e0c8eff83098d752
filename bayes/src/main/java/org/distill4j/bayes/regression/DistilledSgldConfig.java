package org.distill4j.bayes.regression;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * Settings of {@link DistilledSgld} (Korattikara et al., <i>Bayesian Dark Knowledge</i>, NIPS 2015, Algorithm 1).
 * Immutable; made by {@link #builder()}, validated in {@link Builder#build()}.
 *
 * @param iterations {@code T}: chain transitions in all
 * @param burnIn {@code B}: transitions before the student and the teacher's test average start
 * @param thinning {@code H}: chain transitions per student step after burn-in
 * @param studentBatch {@code M}: perturbed inputs per student step
 * @param inputNoise the standard deviation of the Gaussian perturbation {@code x' = x + ε}, ≥ 0 (0: no noise); with
 *     {@code minInputNoise} below it, the largest of a range
 * @param minInputNoise the smallest perturbation scale, in {@code [0, inputNoise]}: each perturbed row draws its own
 *     scale uniformly from {@code [minInputNoise, inputNoise]} (equal: one fixed scale)
 * @param hidden the student's hidden widths
 * @param learningRate the student's Adam step size at the first student step
 * @param finalLearningRate the student's Adam step size at the last student step, reached geometrically (equal to
 *     {@code learningRate}: constant)
 * @param weightDecay the student's L2 penalty {@code (λ/2)‖w‖²} added to its mean loss, ≥ 0 (BDK: a prior precision)
 * @param teacherEvery after burn-in, every this many transitions the chain's state is added to the teacher's running
 *     test predictive
 * @param reportEvery transitions between recorded points of the learning curves
 * @param reservoirSize {@code R}: how many past chain states a uniform reservoir keeps (Vitter's Algorithm R over
 *     the states offered every {@code reservoirEvery} transitions after burn-in), ≥ 0; 0: none, every student target
 *     is the current state's, as in Algorithm 1. With a reservoir, each student step draws {@code reservoirDraws}
 *     states uniformly from the reservoir and the current state, and each draw's share of the minibatch takes its
 *     target from it: the targets then cover the whole post-burn-in chain instead of the recent stretch the slowly
 *     moving chain sits in, at a memory of {@code 8·R·d} bytes
 * @param reservoirEvery transitions between states offered to the reservoir, ≥ 1
 * @param reservoirDraws states drawn per student step, in {@code [1, studentBatch]}
 * @param averageLast the fraction of the student's steps, counted from the end, whose parameters are averaged into
 *     the returned student (Polyak–Ruppert tail averaging), in {@code [0, 1)}; 0: the last iterate
 * @param seed the seed of the student's initialisation, minibatches and perturbations
 */
public record DistilledSgldConfig(int iterations, int burnIn, int thinning, int studentBatch, double inputNoise,
        double minInputNoise, int[] hidden, double learningRate, double finalLearningRate, double weightDecay,
        int teacherEvery, int reportEvery, int reservoirSize, int reservoirEvery, int reservoirDraws,
        double averageLast, long seed) {

    /** Validates and copies. */
    public DistilledSgldConfig {
        checkArgument(iterations >= 1, "iterations must be >= 1, got %s", iterations);
        checkArgument(burnIn >= 0 && burnIn < iterations, "burnIn must be in [0, iterations=%s), got %s", iterations,
                burnIn);
        checkArgument(thinning >= 1, "thinning must be >= 1, got %s", thinning);
        checkArgument(studentBatch >= 1, "studentBatch must be >= 1, got %s", studentBatch);
        checkArgument(inputNoise >= 0 && Double.isFinite(inputNoise), "inputNoise must be finite and >= 0, got %s",
                inputNoise);
        checkArgument(minInputNoise >= 0 && minInputNoise <= inputNoise,
                "minInputNoise must be in [0, inputNoise=%s], got %s", inputNoise, minInputNoise);
        checkNotNull(hidden, "hidden");
        hidden = hidden.clone();
        for (int h : hidden) {
            checkArgument(h >= 1, "hidden widths must be >= 1, got %s", Arrays.toString(hidden));
        }
        checkArgument(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be finite and > 0, got %s",
                learningRate);
        checkArgument(finalLearningRate > 0 && finalLearningRate <= learningRate,
                "finalLearningRate must be in (0, learningRate=%s], got %s", learningRate, finalLearningRate);
        checkArgument(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay must be finite and >= 0, got %s",
                weightDecay);
        checkArgument(teacherEvery >= 1, "teacherEvery must be >= 1, got %s", teacherEvery);
        checkArgument(reportEvery >= 1, "reportEvery must be >= 1, got %s", reportEvery);
        checkArgument(reservoirSize >= 0, "reservoirSize must be >= 0, got %s", reservoirSize);
        checkArgument(reservoirEvery >= 1, "reservoirEvery must be >= 1, got %s", reservoirEvery);
        checkArgument(reservoirDraws >= 1 && reservoirDraws <= studentBatch,
                "reservoirDraws must be in [1, studentBatch=%s], got %s", studentBatch, reservoirDraws);
        checkArgument(averageLast >= 0 && averageLast < 1, "averageLast must be in [0, 1), got %s", averageLast);
    }

    /** The hidden widths (a copy). */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /**
     * A builder with defaults: 10,000 iterations, burn-in 1,000, H=1, M=32, ε=0.1, {50}, 1e-3, every 10, 500, no
     * reservoir (when one is set: every 100 transitions, one draw per input), no averaging, seed 0.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these settings; a single noise scale stays single (changing {@code inputNoise} moves it),
     * a range keeps its lower end; one reservoir draw per input stays so when the student batch changes.
     */
    public Builder toBuilder() {
        return new Builder().iterations(iterations).burnIn(burnIn).thinning(thinning).studentBatch(studentBatch)
                .inputNoise(inputNoise).minInputNoise(minInputNoise < inputNoise ? minInputNoise : Double.NaN)
                .hidden(hidden).learningRate(learningRate)
                .finalLearningRate(finalLearningRate).weightDecay(weightDecay).teacherEvery(teacherEvery)
                .reportEvery(reportEvery).reservoirSize(reservoirSize).reservoirEvery(reservoirEvery)
                .reservoirDraws(reservoirDraws == studentBatch ? -1 : reservoirDraws).averageLast(averageLast)
                .seed(seed);
    }

    @Override
    public String toString() {
        return "DistilledSgldConfig{iterations=" + iterations + ", burnIn=" + burnIn + ", thinning=" + thinning
                + ", studentBatch=" + studentBatch + ", inputNoise=" + inputNoise + ", minInputNoise="
                + minInputNoise + ", hidden="
                + Arrays.toString(hidden) + ", learningRate=" + learningRate + ", finalLearningRate="
                + finalLearningRate + ", weightDecay=" + weightDecay + ", teacherEvery=" + teacherEvery
                + ", reportEvery=" + reportEvery + ", reservoirSize=" + reservoirSize + ", reservoirEvery="
                + reservoirEvery + ", reservoirDraws=" + reservoirDraws + ", averageLast=" + averageLast + ", seed="
                + seed + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistilledSgldConfig c && c.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Builds a {@link DistilledSgldConfig}. */
    public static final class Builder {
        private int iterations = 10_000;
        private int burnIn = 1_000;
        private int thinning = 1;
        private int studentBatch = 32;
        private double inputNoise = 0.1;
        private double minInputNoise = Double.NaN;
        private int[] hidden = GaussianRegressionConfig.DEFAULT_HIDDEN;
        private double learningRate = GaussianRegressionConfig.DEFAULT_LEARNING_RATE;
        private double finalLearningRate = Double.NaN;
        private double weightDecay;
        private int teacherEvery = 10;
        private int reportEvery = 500;
        private int reservoirSize;
        private int reservoirEvery = 100;
        private int reservoirDraws = -1;
        private double averageLast;
        private long seed;

        private Builder() {
        }

        /** Chain transitions in all. */
        public Builder iterations(int value) {
            iterations = value;
            return this;
        }

        /** Transitions before the student starts. */
        public Builder burnIn(int value) {
            burnIn = value;
            return this;
        }

        /** Transitions per student step. */
        public Builder thinning(int value) {
            thinning = value;
            return this;
        }

        /** Perturbed inputs per student step. */
        public Builder studentBatch(int value) {
            studentBatch = value;
            return this;
        }

        /** Standard deviation of the input perturbation. */
        public Builder inputNoise(double value) {
            inputNoise = value;
            return this;
        }

        /** The smallest perturbation scale of a range (default: {@code inputNoise}, one fixed scale). */
        public Builder minInputNoise(double value) {
            minInputNoise = value;
            return this;
        }

        /** The student's hidden widths. */
        public Builder hidden(int... value) {
            hidden = value;
            return this;
        }

        /** The student's Adam learning rate. */
        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        /** The student's Adam learning rate at the last step (default: {@code learningRate}, constant). */
        public Builder finalLearningRate(double value) {
            finalLearningRate = value;
            return this;
        }

        /** The student's L2 penalty λ (default 0). */
        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /** Transitions between additions to the teacher's running test predictive. */
        public Builder teacherEvery(int value) {
            teacherEvery = value;
            return this;
        }

        /** Transitions between recorded points of the curves. */
        public Builder reportEvery(int value) {
            reportEvery = value;
            return this;
        }

        /** Past chain states kept for the student's targets (default 0: the current state only). */
        public Builder reservoirSize(int value) {
            reservoirSize = value;
            return this;
        }

        /** Transitions between states offered to the reservoir (default 100). */
        public Builder reservoirEvery(int value) {
            reservoirEvery = value;
            return this;
        }

        /**
         * Reservoir states drawn per student step, at most the student batch (default, or -1: the student batch, one
         * state per input, the pairing of the thesis's online distillation).
         */
        public Builder reservoirDraws(int value) {
            reservoirDraws = value;
            return this;
        }

        /** The fraction of student steps, from the end, averaged into the result (default 0: the last iterate). */
        public Builder averageLast(double value) {
            averageLast = value;
            return this;
        }

        /** The seed. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public DistilledSgldConfig build() {
            return new DistilledSgldConfig(iterations, burnIn, thinning, studentBatch, inputNoise,
                    Double.isNaN(minInputNoise) ? inputNoise : minInputNoise, hidden,
                    learningRate, Double.isNaN(finalLearningRate) ? learningRate : finalLearningRate, weightDecay,
                    teacherEvery, reportEvery, reservoirSize, reservoirEvery,
                    reservoirDraws == -1 ? studentBatch : reservoirDraws, averageLast, seed);
        }
    }
}
