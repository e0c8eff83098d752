package org.distill4j.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The held-out posterior-predictive log-likelihood of {@code bench hmc}, against hand computations. */
class BenchHmcTest {

    @Test
    void predictiveLoglikAveragesProbabilitiesOverDraws() {
        double[][] x = {{1.0, 0.0}, {0.0, 2.0}};
        int[] y = {1, 0};
        // w = 0 gives p = 1/2 for every point
        assertThat(BenchHmc.predictiveLoglik(new double[][] {{0, 0, 0}}, x, y))
                .isCloseTo(2 * Math.log(0.5), within(1e-12));
        // two draws (the last entry is the bias): the mean of the probabilities, not of the logs
        double[][] draws = {{1, 0, 0}, {-1, 0.5, 1}};
        double p1 = 0.5 * (sigmoid(1) + sigmoid(-1 + 1));
        double p2 = 0.5 * ((1 - sigmoid(0)) + (1 - sigmoid(0.5 * 2 + 1)));
        assertThat(BenchHmc.predictiveLoglik(draws, x, y)).isCloseTo(Math.log(p1) + Math.log(p2), within(1e-12));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
