package org.distill4j.bayes.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.distill4j.bayes.fixture.RandomWalkChain;
import org.distill4j.bayes.sampler.SliceConfig;
import org.distill4j.bayes.sampler.SliceSampler;
import org.distill4j.core.Distillation;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checkpoint and resume of the EM distillers: resuming batch EM from a mid-run iteration, and stepwise EM from a
 * mid-run block — drawing teacher samples (with the sample buffer not aligned to the blocks) or advancing a slice
 * sampler — ends with the same mixture (bit for bit) and losses as the uninterrupted run with the same seed.
 */
class EmCheckpointTest {

    private static final double[] W = {1.0 / 3, 1.0 / 3, 1.0 / 3};

    @TempDir
    Path dir;

    private static GmmStudent teacher() {
        return new GmmStudent(GaussianMixture.of(new double[] {0.2, 0.3, 0.5}, new double[] {-5, 0, 4},
                new double[] {1, 0.5, 1.5}));
    }

    private static TransferSource width1() {
        return TransferSources.fixed(Nd4j.zeros(DataType.DOUBLE, 1, 1));
    }

    private static void assertSame(Distillation<GmmStudent> expected, Distillation<GmmStudent> actual) {
        assertThat(actual.student().mixture()).isEqualTo(expected.student().mixture());
        assertThat(actual.report().lossPerTerm()).isEqualTo(expected.report().lossPerTerm());
        assertThat(actual.report().teacherQueries()).isEqualTo(expected.report().teacherQueries());
        assertThat(actual.report().stoppedEarly()).isEqualTo(expected.report().stoppedEarly());
    }

    @Test
    void batchEmResumesFromAMidRunIteration() {
        EmConfig config = EmConfig.builder().samples(2000).maxIterations(10).tolerance(0).seed(3).build();
        Distillation<GmmStudent> uninterrupted = new BatchEmDistiller(config).distill(teacher(), width1());
        Path checkpoints = dir.resolve("batch");
        new BatchEmDistiller(config).withCheckpoints(new Checkpointing(checkpoints, 4, Duration.ZERO))
                .distill(teacher(), width1()); // last checkpoint after iteration 8 of 10
        assertSame(uninterrupted, new BatchEmDistiller(config).resume(teacher(), width1(), checkpoints));
        double[] samples = teacher().mixture().sample(500, 9);
        Distillation<GmmStudent> fit = new BatchEmDistiller(config).fit(samples);
        Path fitted = dir.resolve("fit");
        new BatchEmDistiller(config).withCheckpoints(new Checkpointing(fitted, 3, Duration.ZERO)).fit(samples);
        assertSame(fit, new BatchEmDistiller(config).resumeFit(samples, fitted));
        double[] others = teacher().mixture().sample(500, 10);
        assertThatThrownBy(() -> new BatchEmDistiller(config).resumeFit(others, fitted))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other samples");
    }

    @Test
    void stepwiseEmFromATeacherResumesFromAMidRunBlock() {
        EmConfig config = EmConfig.builder().samples(3000).reportEvery(500).warmup(200).seed(4).build();
        Distillation<GmmStudent> uninterrupted = new StepwiseEmDistiller(config).distill(teacher(), width1());
        Path checkpoints = dir.resolve("stepwise");
        new StepwiseEmDistiller(config).withCheckpoints(new Checkpointing(checkpoints, 2, Duration.ZERO))
                .distill(teacher(), width1()); // last checkpoint after block 4 of 6, mid sample buffer
        assertSame(uninterrupted, new StepwiseEmDistiller(config).resume(teacher(), width1(), checkpoints));
        assertThatThrownBy(() -> new StepwiseEmDistiller(config.toBuilder().seed(5).build())
                .resume(teacher(), width1(), checkpoints)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other settings");
    }

    @Test
    void stepwiseEmFromASliceSamplerResumesWithTheChainsState() {
        double[] data = MixtureMeansPosterior.generate(W, MixtureMeansPosterior.defaultTrueMeans(), 1, 60, 5);
        MixtureMeansPosterior posterior = MixtureMeansPosterior.withDefaults(data);
        SliceConfig slice = SliceConfig.builder().width(1).seed(6).build();
        EmConfig config = EmConfig.builder().samples(1500).reportEvery(300).warmup(100).seed(7).build();
        Distillation<GmmStudent> uninterrupted = new StepwiseEmDistiller(config)
                .distillChain(new SliceSampler(posterior, new double[] {-4, 0, 3}, slice), W, 1);
        Path checkpoints = dir.resolve("chain");
        new StepwiseEmDistiller(config).withCheckpoints(Checkpointing.everyEpoch(checkpoints))
                .distillChain(new SliceSampler(posterior, new double[] {-4, 0, 3}, slice), W, 1);
        Distillation<GmmStudent> resumed = new StepwiseEmDistiller(config).resumeChain(
                new SliceSampler(posterior, new double[] {-4, 0, 3}, slice), W, 1, checkpoints);
        assertSame(uninterrupted, resumed);
        RandomWalkChain walk = new RandomWalkChain(posterior, new double[] {-4, 0, 3}, 0.3, 1);
        assertThatThrownBy(() -> new StepwiseEmDistiller(config).withCheckpoints(Checkpointing.everyEpoch(
                dir.resolve("walk"))).distillChain(walk, W, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CheckpointableChain");
    }
}
