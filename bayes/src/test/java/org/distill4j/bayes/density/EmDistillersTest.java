package org.distill4j.bayes.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distill4j.bayes.fixture.RandomWalkChain;
import org.distill4j.bayes.sampler.SliceConfig;
import org.distill4j.bayes.sampler.SliceSampler;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class EmDistillersTest {

    private static final long SEED = 11;
    private static final double[] W = {1.0 / 3, 1.0 / 3, 1.0 / 3};

    @Test
    void batchEmRecoversTheMeansOfAKnownMixture() {
        GaussianMixture truth = GaussianMixture.of(new double[] {0.2, 0.3, 0.5}, new double[] {-5, 0, 4},
                new double[] {1, 0.5, 1.5});
        double[] x = truth.sample(20_000, SEED);
        GaussianMixture fit = new BatchEmDistiller(EmConfig.builder().seed(SEED).build()).fit(x).student().mixture();
        double[] means = fit.means();
        int[] order = sortedOrder(means);
        double[] expectedMeans = {-5, 0, 4};
        double[] expectedWeights = {0.2, 0.3, 0.5};
        double[] expectedVariances = {1, 0.5, 1.5};
        for (int j = 0; j < 3; j++) {
            assertThat(means[order[j]]).as("mean %s (seed %s)", j, SEED).isCloseTo(expectedMeans[j], within(0.05));
            assertThat(fit.weights()[order[j]]).as("weight %s", j).isCloseTo(expectedWeights[j], within(0.02));
            assertThat(fit.variances()[order[j]]).as("variance %s", j).isCloseTo(expectedVariances[j], within(0.1));
        }
    }

    @Test
    void batchEmIncreasesTheLikelihoodEveryIteration() {
        double[] x = GaussianMixture.sharedVariance(W, new double[] {-2, 0, 2}, 1).sample(2000, SEED);
        Distillation<GmmStudent> run = new BatchEmDistiller(EmConfig.builder().maxIterations(50).build()).fit(x);
        List<Double> nll = run.report().lossPerTerm().get("nll");
        for (int i = 1; i < nll.size(); i++) {
            assertThat(nll.get(i)).as("nll at iteration %s", i).isLessThanOrEqualTo(nll.get(i - 1) + 1e-12);
        }
        assertThat(run.report().teacherQueries()).isEqualTo(2000);
    }

    /** A bag from the posterior of the default model, drawn by a random-walk chain (test double). */
    private static MixturePredictive predictive() {
        double[] data = MixtureMeansPosterior.generate(W, MixtureMeansPosterior.defaultTrueMeans(), 1, 60, SEED);
        MixtureMeansPosterior posterior = MixtureMeansPosterior.withDefaults(data);
        RandomWalkChain chain = new RandomWalkChain(posterior, new double[] {-4, 0, 3}, 0.3, SEED);
        List<double[]> bag = new ArrayList<>();
        for (int t = 0; t < 2000; t++) {
            double[] mu = chain.next();
            if (t % 10 == 0) {
                bag.add(mu);
            }
        }
        return MixturePredictive.of(posterior, bag);
    }

    @Test
    void stepwiseEmReachesTheBatchKlWithinAStatedBound() {
        MixturePredictive p = predictive();
        double batch = DensityKl.kl(p, new BatchEmDistiller(EmConfig.builder().samples(20_000).seed(SEED).build())
                .distill(p, TransferSources.fixed(Nd4j.zeros(DataType.DOUBLE, 1, 1))).student(), -20, 20);
        double online = DensityKl.kl(p, new StepwiseEmDistiller(EmConfig.builder().samples(20_000).seed(SEED)
                .build()).distill(p, TransferSources.fixed(Nd4j.zeros(DataType.DOUBLE, 1, 1))).student(), -20, 20);
        assertThat(batch).as("KL(predictive || batch EM student)").isBetween(0.0, 0.05);
        // the stated bound: stepwise EM on as many samples is within 0.01 nats of batch EM
        assertThat(online).as("KL(predictive || stepwise EM student) vs batch %s", batch)
                .isLessThan(batch + 0.01);
    }

    @Test
    void stepwiseEmFromARunningChainStoresNothingButTheChainAndMatchesTheBatch() {
        double[] data = MixtureMeansPosterior.generate(W, MixtureMeansPosterior.defaultTrueMeans(), 1, 60, SEED);
        MixtureMeansPosterior posterior = MixtureMeansPosterior.withDefaults(data);
        RandomWalkChain chain = new RandomWalkChain(posterior, new double[] {-4, 0, 3}, 0.3, SEED + 1);
        Distillation<GmmStudent> online = new StepwiseEmDistiller(EmConfig.builder().samples(30_000).seed(SEED)
                .build()).distillChain(chain, W, 1);
        MixturePredictive p = predictive();
        assertThat(DensityKl.kl(p, online.student(), -20, 20)).isLessThan(0.03);
        assertThat(online.report().teacherQueries()).isEqualTo(30_000);
        assertThat(online.report().lossPerTerm().get("nll")).hasSize(30);
    }

    @Test
    void theThesisSettingSliceSamplingThenStepwiseEmFromTheChain() {
        double[] data = MixtureMeansPosterior.generate(W, MixtureMeansPosterior.defaultTrueMeans(), 1, 60, SEED);
        MixtureMeansPosterior posterior = MixtureMeansPosterior.withDefaults(data);
        SliceSampler slice = new SliceSampler(posterior, new double[] {-4, 0, 3}, SliceConfig.builder().width(1)
                .seed(SEED).build());
        GmmStudent online = new StepwiseEmDistiller(EmConfig.builder().samples(10_000).seed(SEED).build())
                .distillChain(slice, W, 1).student();
        assertThat(DensityKl.kl(predictive(), online, -20, 20)).as("KL(random-walk bag predictive || student)")
                .isLessThan(0.03);
    }

    @Test
    void sameSeedGivesTheSameStudent() {
        MixturePredictive p = predictive();
        EmConfig config = EmConfig.builder().samples(3000).seed(SEED).build();
        var fixed = TransferSources.fixed(Nd4j.zeros(DataType.DOUBLE, 1, 1));
        assertThat(new StepwiseEmDistiller(config).distill(p, fixed).student())
                .isEqualTo(new StepwiseEmDistiller(config).distill(p, fixed).student());
        assertThat(new BatchEmDistiller(config).distill(p, fixed).student())
                .isEqualTo(new BatchEmDistiller(config).distill(p, fixed).student());
        assertThat(new BatchEmDistiller(config.toBuilder().seed(SEED + 1).build()).distill(p, fixed).student())
                .isNotEqualTo(new BatchEmDistiller(config).distill(p, fixed).student());
    }

    @Test
    void rejectsBadSettingsAndInputs() {
        assertThatThrownBy(() -> EmConfig.builder().stepExponent(0.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepExponent");
        assertThatThrownBy(() -> EmConfig.builder().stepExponent(1.1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0.5, 1]");
        assertThatThrownBy(() -> EmConfig.builder().components(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("components");
        assertThatThrownBy(() -> EmConfig.builder().varianceFloor(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("varianceFloor");
        assertThatThrownBy(() -> new StepwiseEmDistiller(EmConfig.builder().samples(100).warmup(200).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warmup");
        BatchEmDistiller batch = new BatchEmDistiller(EmConfig.builder().build());
        assertThatThrownBy(() -> batch.fit(new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3");
        double[] bad = {1, 2, Double.NaN, 4};
        assertThatThrownBy(() -> batch.fit(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("samples[2]");
        assertThat(bad[3]).isEqualTo(4);
        RandomWalkChain twoD = new RandomWalkChain(MixtureMeansPosterior.of(new double[] {1}, new double[] {0.5, 0.5},
                1, 0, 1), new double[2], 0.1, 1);
        StepwiseEmDistiller stepwise = new StepwiseEmDistiller(EmConfig.builder().samples(500).build());
        assertThatThrownBy(() -> stepwise.distillChain(twoD, W, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 2").hasMessageContaining("3 components");
        assertThatThrownBy(() -> stepwise.distillChain(twoD, new double[] {0.5, 0.5}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variances");
    }

    @Test
    void aChainThatBreaksEndsTheRunWithADistillationException() {
        org.distill4j.bayes.sampler.MarkovChain broken = new org.distill4j.bayes.sampler.MarkovChain() {
            private int calls;

            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public double[] state() {
                return new double[3];
            }

            @Override
            public double[] next() {
                return ++calls < 300 ? new double[] {-1, 0, 1} : new double[] {0, Double.NaN, 0};
            }
        };
        assertThatThrownBy(() -> new StepwiseEmDistiller(EmConfig.builder().samples(500).build())
                .distillChain(broken, W, 1)).isInstanceOf(DistillationException.class)
                .hasMessageContaining("non-finite").hasMessageContaining("epoch");
    }

    private static int[] sortedOrder(double[] values) {
        Integer[] idx = {0, 1, 2};
        Arrays.sort(idx, (a, b) -> Double.compare(values[a], values[b]));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }
}
