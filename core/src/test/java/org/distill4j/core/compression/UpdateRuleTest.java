package org.distill4j.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

class UpdateRuleTest {

    private static final int COUNT = 257;

    /** Runs our rule and ND4J's on the same gradients for several steps; the updates must agree. */
    private static void assertMatchesNd4j(IUpdater config, DataType type, double tolerance) {
        UpdateRule ours = UpdateRule.of(config, COUNT, type);
        IUpdater copy = config.clone();
        INDArray state = Nd4j.create(type, 1, copy.stateSize(COUNT));
        GradientUpdater<?> reference = copy.instantiate(state, true);
        org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(11);
        INDArray ourParameters = Nd4j.rand(type, 1, COUNT);
        for (int iteration = 0; iteration < 6; iteration++) {
            INDArray g = Nd4j.randn(rng, 1, COUNT).castTo(type).muli(iteration % 2 == 0 ? 1 : 0.01);
            INDArray theirs = g.dup();
            INDArray before = ourParameters.dup();
            ours.update(ourParameters, g.dup(), iteration, 0);
            reference.applyUpdater(theirs, iteration, 0);
            for (int i = 0; i < COUNT; i++) {
                double expected = theirs.getDouble(0, i);
                double step = before.getDouble(0, i) - ourParameters.getDouble(0, i);
                assertThat(step).as("%s %s step %s element %s", config, type, iteration, i)
                        .isCloseTo(expected, within(tolerance * Math.max(1e-3, Math.abs(expected))));
            }
        }
    }

    @Test
    void javaAdamMatchesNd4jsAdam() {
        assertMatchesNd4j(new Adam(1e-3), DataType.DOUBLE, 1e-9);
        assertMatchesNd4j(new Adam(0.05, 0.8, 0.99, 1e-6), DataType.FLOAT, 1e-4);
        assertThat(UpdateRule.of(new Adam(1e-3), COUNT, DataType.FLOAT)).isInstanceOf(UpdateRule.JavaAdam.class);
    }

    @Test
    void javaAdaDeltaMatchesNd4jsAdaDelta() {
        assertMatchesNd4j(new AdaDelta(), DataType.DOUBLE, 1e-9);
        assertMatchesNd4j(new AdaDelta(0.9, 1e-6), DataType.FLOAT, 1e-4);
    }

    @Test
    void otherUpdatersGoThroughNd4j() {
        assertMatchesNd4j(new Nesterovs(0.1, 0.9), DataType.DOUBLE, 1e-9);
        assertThat(UpdateRule.of(new Nesterovs(0.1, 0.9), COUNT, DataType.FLOAT))
                .isNotInstanceOf(UpdateRule.JavaAdam.class).isNotInstanceOf(UpdateRule.JavaAdaDelta.class);
    }
}
