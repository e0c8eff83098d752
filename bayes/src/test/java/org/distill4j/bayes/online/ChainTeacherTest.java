package org.distill4j.bayes.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.distill4j.bayes.fixture.LinearProblem;
import org.distill4j.bayes.fixtures.ExactGaussianChain;
import org.distill4j.bayes.fixtures.LogisticModelFixture;
import org.distill4j.bayes.sampler.MarkovChain;
import org.junit.jupiter.api.Test;

/**
 * The checks of issue 8's battery that apply to {@link ChainTeacher}, which answers no inputs (core's
 * ConditionalTeacherContract does not fit; its use as a teacher — a chain that throws, a teacher of the wrong
 * width — is covered by OnlineDistillerTest through DistillerContract): bad models and factories rejected with
 * clear messages, a chain of the wrong dimension rejected, the same seed replaying the same chain, and chains
 * started from 8 threads at once equal to those started one after another.
 */
class ChainTeacherTest {

    private static double[] run(MarkovChain chain, int steps) {
        double[] out = new double[steps * chain.dimension()];
        for (int s = 0; s < steps; s++) {
            System.arraycopy(chain.next(), 0, out, s * chain.dimension(), chain.dimension());
        }
        return out;
    }

    @Test
    void describesItsModel() {
        ChainTeacher teacher = OnlineDistillerTest.teacher();
        assertThat(teacher.inputSize()).isEqualTo(2);
        assertThat(teacher.outputSize()).isEqualTo(2);
        assertThat(teacher.model()).isInstanceOf(LogisticModelFixture.class);
        assertThat(teacher.toString()).contains("LogisticModelFixture");
    }

    @Test
    void rejectsNullsRegressionModelsAndChainsOfTheWrongDimension() {
        assertThatThrownBy(() -> ChainTeacher.of(null, seed -> null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("model");
        assertThatThrownBy(() -> ChainTeacher.of(LogisticModelFixture.logistic(2), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("chains");
        LinearProblem regression = new LinearProblem(10, 1, 3);
        assertThatThrownBy(() -> ChainTeacher.of(regression.model, seed -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CATEGORICAL");
        ChainTeacher wrong = ChainTeacher.of(LogisticModelFixture.logistic(2),
                seed -> new ExactGaussianChain(new double[5], new double[] {1, 1, 1, 1, 1}, seed));
        assertThatThrownBy(() -> wrong.newChain(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5").hasMessageContaining("3");
        ChainTeacher none = ChainTeacher.of(LogisticModelFixture.logistic(2), seed -> null);
        assertThatThrownBy(() -> none.newChain(1)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("null");
    }

    @Test
    void theSameSeedReplaysTheSameChainAndAnotherSeedAnother() {
        ChainTeacher teacher = OnlineDistillerTest.teacher();
        double[] a = run(teacher.newChain(7), 20);
        assertThat(run(teacher.newChain(7), 20)).containsExactly(a);
        assertThat(run(teacher.newChain(8), 20)).isNotEqualTo(a);
    }

    @Test
    void chainsStartedFromEightThreadsEqualSequentialOnes() throws Exception {
        ChainTeacher teacher = OnlineDistillerTest.teacher();
        List<double[]> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            expected.add(run(teacher.newChain(100 + i), 30));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long seed = 100 + i;
                futures.add(pool.submit(() -> run(teacher.newChain(seed), 30)));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(futures.get(i).get()).as("chain %s", i).containsExactly(expected.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
