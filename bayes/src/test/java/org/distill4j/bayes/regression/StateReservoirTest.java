package org.distill4j.bayes.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.distill4j.bayes.fixture.ExactPosteriorChain;
import org.distill4j.bayes.fixture.LinearProblem;
import org.distill4j.bayes.sampler.MarkovChain;
import org.junit.jupiter.api.Test;

/** The reservoir of chain states behind Distilled SGLD's {@code reservoirSize}: uniform, and what it is for. */
class StateReservoirTest {

    private static final long SEED = 43;
    private static final LinearProblem PROBLEM = new LinearProblem(40, 200, SEED);

    @Test
    void keepsEveryOfferedStateWithProbabilityCapacityOverOffers() {
        int capacity = 5;
        int offers = 40;
        int trials = 20_000;
        int[] kept = new int[offers];
        for (int trial = 0; trial < trials; trial++) {
            StateReservoir reservoir = new StateReservoir(capacity, 1, trial);
            for (int i = 0; i < offers; i++) {
                reservoir.offer(new double[] {i});
            }
            assertThat(reservoir.size()).isEqualTo(capacity);
            boolean[] seen = new boolean[offers];
            for (int draw = 0; draw < 200; draw++) {
                double[] s = reservoir.draw(new double[] {-1});
                if (s[0] >= 0) {
                    seen[(int) s[0]] = true;
                }
            }
            for (int i = 0; i < offers; i++) {
                kept[i] += seen[i] ? 1 : 0;
            }
        }
        double expected = (double) capacity / offers;
        for (int i = 0; i < offers; i++) {
            // binomial standard error sqrt(p(1-p)/trials) ≈ 0.0023; 5 s.e.
            assertThat(kept[i] / (double) trials).as("inclusion frequency of offer %s", i)
                    .isCloseTo(expected, within(0.012));
        }
    }

    @Test
    void drawsTheCurrentStateAsOneMoreCandidateAndCopiesWhatItKeeps() {
        StateReservoir reservoir = new StateReservoir(3, 2, SEED);
        double[] current = {9, 9};
        assertThat(reservoir.draw(current)).as("empty: only the current state").isSameAs(current);
        double[] offered = {1, 2};
        reservoir.offer(offered);
        offered[0] = 7;
        int currentDraws = 0;
        for (int i = 0; i < 4000; i++) {
            double[] s = reservoir.draw(current);
            if (s == current) {
                currentDraws++;
            } else {
                assertThat(s).containsExactly(1, 2);
            }
        }
        assertThat(currentDraws / 4000.0).isCloseTo(0.5, within(0.04));
    }

    /**
     * The case the reservoir is for: a chain that sits in one region for long stretches. Here the exact posterior's
     * draws come sorted by slope and each is held for many transitions, so the chain ends in the tail of the
     * posterior. Without a reservoir the student follows the last stretch; with one its targets cover the whole
     * run, and its predictive is closer to the exact one.
     */
    @Test
    void aReservoirLetsTheStudentMatchTheWholeChainOfASlowlyMovingTeacher() {
        DistilledSgldConfig config = DistilledSgldConfig.builder().iterations(8000).burnIn(0).studentBatch(16)
                .hidden(10).learningRate(3e-3).finalLearningRate(1e-3).inputNoise(0.2).teacherEvery(5)
                .reportEvery(1000).seed(SEED).build();
        DistilledSgldConfig withReservoir = config.toBuilder().reservoirSize(40).reservoirEvery(20).reservoirDraws(4)
                .build();
        DistilledSgldResult plain = new DistilledSgld(config).run(new SortedChain(200, 40), PROBLEM.model,
                PROBLEM.trainInputs, PROBLEM.testInputs, PROBLEM.testTargets);
        DistilledSgldResult reservoir = new DistilledSgld(withReservoir).run(new SortedChain(200, 40),
                PROBLEM.model, PROBLEM.trainInputs, PROBLEM.testInputs, PROBLEM.testTargets);
        double klPlain = RegressionDistillationTest.meanGaussianKl(PROBLEM.model.exactPredictive(PROBLEM.testInputs),
                plain.student().moments(PROBLEM.testInputs));
        double klReservoir = RegressionDistillationTest.meanGaussianKl(
                PROBLEM.model.exactPredictive(PROBLEM.testInputs), reservoir.student().moments(PROBLEM.testInputs));
        assertThat(klReservoir).as("KL with a reservoir (without: %s)", klPlain).isLessThan(0.5 * klPlain)
                .isLessThan(0.05);
        assertThat(reservoir.storedBytes() - plain.storedBytes()).as("the reservoir's memory is reported")
                .isEqualTo(8L * 40 * PROBLEM.model.parameterDimension());
        DistilledSgldResult again = new DistilledSgld(withReservoir).run(new SortedChain(200, 40), PROBLEM.model,
                PROBLEM.trainInputs, null, null);
        assertThat(again.student()).as("same seed, same student").isEqualTo(reservoir.student());
    }

    @Test
    void rejectsBadReservoirSettings() {
        assertThatThrownBy(() -> DistilledSgldConfig.builder().reservoirSize(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reservoirSize");
        assertThatThrownBy(() -> DistilledSgldConfig.builder().reservoirEvery(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reservoirEvery");
        assertThatThrownBy(() -> DistilledSgldConfig.builder().studentBatch(8).reservoirDraws(9).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reservoirDraws")
                .hasMessageContaining("8");
        DistilledSgldConfig config = DistilledSgldConfig.builder().reservoirSize(7).reservoirEvery(3)
                .reservoirDraws(2).build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.toBuilder().reservoirSize(8).build()).isNotEqualTo(config);
    }

    /** Exact posterior draws, sorted by their last coordinate, each returned {@code hold} times. */
    private static final class SortedChain implements MarkovChain {
        private final List<double[]> draws = new ArrayList<>();
        private final int hold;
        private int t;

        SortedChain(int count, int hold) {
            ExactPosteriorChain exact = new ExactPosteriorChain(PROBLEM.model, SEED);
            for (int i = 0; i < count; i++) {
                draws.add(exact.next());
            }
            draws.sort(Comparator.comparingDouble(d -> d[d.length - 1]));
            this.hold = hold;
        }

        @Override
        public int dimension() {
            return draws.get(0).length;
        }

        @Override
        public double[] state() {
            return draws.get(Math.min(t / hold, draws.size() - 1)).clone();
        }

        @Override
        public double[] next() {
            double[] s = state();
            t++;
            return Arrays.copyOf(s, s.length);
        }
    }
}
