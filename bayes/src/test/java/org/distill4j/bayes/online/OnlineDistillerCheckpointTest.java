package org.distill4j.bayes.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.distill4j.bayes.fixtures.ExactGaussianChain;
import org.distill4j.bayes.fixtures.LogisticModelFixture;
import org.distill4j.bayes.model.BayesianLogisticRegression;
import org.distill4j.bayes.sampler.Hmc;
import org.distill4j.bayes.sampler.HmcConfig;
import org.distill4j.bayes.sampler.MarkovChain;
import org.distill4j.bayes.student.MixtureDistillerConfig;
import org.distill4j.core.DistillationException;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.CrashingTransfer;
import org.distill4j.core.contract.KilledChild;
import org.distill4j.core.distill.Checkpointing;
import org.distill4j.core.distill.PauseAfterEpoch;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Checkpoint and resume of online distillation: a run whose chain is an HMC sampler still adapting its step size
 * and mass matrix (warm-up longer than the run), stopped after its checkpoint — by an exception, or by SIGKILL of a
 * child JVM — and resumed, ends with the same student parameters, losses and counts (samples, transitions, peak
 * bytes) as the uninterrupted run with the same seed.
 */
class OnlineDistillerCheckpointTest {

    private static final int EPOCHS = 5;

    @TempDir
    Path dir;

    static ChainTeacher teacher() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] x = new double[40][2];
        int[] y = new int[40];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = rng.nextGaussian();
            x[i][1] = rng.nextGaussian();
            y[i] = 2 * x[i][0] - x[i][1] + 0.5 * rng.nextGaussian() > 0 ? 1 : 0;
        }
        BayesianLogisticRegression model = BayesianLogisticRegression.of(x, y, 10.0, true);
        return ChainTeacher.of(model, seed -> new Hmc(model, new double[3], HmcConfig.builder().leapfrogSteps(4)
                .stepSize(0.1).warmup(1000).seed(seed).build()));
    }

    static TransferSource transfer() {
        return TransferSources.fixed(ContractInputs.gaussian(60, 2, 5, DataType.DOUBLE));
    }

    static OnlineDistiller distiller() {
        MixtureDistillerConfig student = MixtureDistillerConfig.builder().components(2).learningRate(0.05)
                .settings(TrainingSettings.builder().epochs(EPOCHS).batchSize(20).seed(17).heldOut(0, 0).build())
                .build();
        return new OnlineDistiller(OnlineDistillerConfig.of(student).withBurnIn(5).withInitWindow(12));
    }

    private static void assertSameRun(OnlineDistillation expected, OnlineDistillation actual) {
        assertThat(actual.student().parameters()).isEqualTo(expected.student().parameters());
        assertThat(actual.run().report().lossPerTerm()).isEqualTo(expected.run().report().lossPerTerm());
        assertThat(actual.run().report().teacherQueries()).isEqualTo(expected.run().report().teacherQueries());
        assertThat(actual.samplesConsumed()).isEqualTo(expected.samplesConsumed());
        assertThat(actual.transitions()).isEqualTo(expected.transitions());
        assertThat(actual.peakBytes()).isEqualTo(expected.peakBytes());
        assertThat(actual.run().report().warnings()).isEqualTo(expected.run().report().warnings());
    }

    @Test
    void aRunResumedAfterACrashEndsLikeAnUninterruptedOne() {
        OnlineDistillation uninterrupted = distiller().distillOnline(teacher(), transfer());
        Path checkpoints = dir.resolve("crash");
        assertThatThrownBy(() -> distiller().withCheckpoints(Checkpointing.everyEpoch(checkpoints))
                .distillOnline(teacher(), CrashingTransfer.failingAt(transfer(), 3)))
                .isInstanceOf(DistillationException.class).hasMessageContaining(CrashingTransfer.MESSAGE);
        OnlineDistillation resumed = distiller().resumeOnline(teacher(), transfer(), checkpoints);
        assertSameRun(uninterrupted, resumed);
        assertThat(resumed.transitions()).isEqualTo(5 + 12 + EPOCHS * 60L);
    }

    @Test
    void checkpointsNeedACheckpointableChainAndTheSameConfiguration() {
        ChainTeacher opaque = ChainTeacher.of(LogisticModelFixture.logistic(2), seed -> new OpaqueChain(
                new ExactGaussianChain(new double[] {1, 1, 0}, new double[] {1, 1, 1}, seed)));
        assertThatThrownBy(() -> distiller().withCheckpoints(Checkpointing.everyEpoch(dir.resolve("x")))
                .distillOnline(opaque, transfer())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CheckpointableChain").hasMessageContaining("OpaqueChain");
        Path checkpoints = dir.resolve("every2");
        distiller().withCheckpoints(new Checkpointing(checkpoints, 2, Duration.ZERO)).distill(teacher(), transfer());
        MixtureDistillerConfig other = MixtureDistillerConfig.builder().components(3).learningRate(0.05)
                .settings(TrainingSettings.builder().epochs(EPOCHS).batchSize(20).seed(17).heldOut(0, 0).build())
                .build();
        assertThatThrownBy(() -> new OnlineDistiller(OnlineDistillerConfig.of(other))
                .resume(teacher(), transfer(), checkpoints)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other settings");
        assertThatThrownBy(() -> distiller().resume(teacher(), transfer(), dir.resolve("none")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no checkpoint");
    }

    @Test
    void aChildJvmKilledWithSigkillResumesToTheUninterruptedStudent() throws Exception {
        Path checkpoints = dir.resolve("killed");
        KilledChild.runUntilMarkerThenKill(OnlineDistillerCheckpointTest.class, checkpoints, dir,
                Duration.ofMinutes(3));
        OnlineDistillation resumed = distiller().resumeOnline(teacher(), transfer(), checkpoints);
        assertSameRun(distiller().distillOnline(teacher(), transfer()), resumed);
    }

    /** A chain that hides its state. */
    private record OpaqueChain(MarkovChain chain) implements MarkovChain {
        @Override
        public int dimension() {
            return chain.dimension();
        }

        @Override
        public double[] state() {
            return chain.state();
        }

        @Override
        public double[] next() {
            return chain.next();
        }
    }

    /** The child JVM: checkpoints every epoch, signals after the second, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        Path checkpoints = Path.of(args[0]);
        Path marker = Path.of(args[1]);
        distiller().withListener(new PauseAfterEpoch(marker, 1)).withCheckpoints(Checkpointing.everyEpoch(checkpoints)).distill(teacher(), transfer());
    }
}
