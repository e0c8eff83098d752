package org.distill4j.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.Distiller;
import org.distill4j.core.contract.OneClassTeacher;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.DistillerContract;
import org.distill4j.core.contract.ThrowingTeacher;
import org.distill4j.core.objective.DerivativeMatching;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.progress.DistillationListener;
import org.distill4j.core.progress.EpochSummary;
import org.distill4j.core.teacher.BlackBoxTeacher;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/** {@link CompressionDistiller} passes the distiller contract, learns its teacher, and fails clearly. */
class CompressionDistillerTest extends DistillerContract<ConditionalTeacher, MlpStudent> {

    private static final Objective KD_DM = Objective.builder()
            .term(SoftTargetCrossEntropy.atTemperature(1.0), 1.0)
            .term(DerivativeMatching.onLogProbabilities(), 0.25).build();

    private static CompressionConfig.Builder tiny(long seed) {
        return CompressionConfig.builder().student(MlpArchitecture.of(4, 6, 3)).objective(KD_DM)
                .updater(new Adam(1e-2)).batchSize(8).epochs(2).heldOut(0, 16).seed(seed);
    }

    @Override
    protected Distiller<ConditionalTeacher, MlpStudent> newDistiller(long seed) {
        return new CompressionDistiller(tiny(seed).build());
    }

    @Override
    protected ConditionalTeacher oneClassTeacher() {
        return OneClassTeacher.of(newTeacher(), 0);
    }

    @Override
    protected ConditionalTeacher newTeacher() {
        return MlpStudent.initialize(MlpArchitecture.of(4, 8, 3), 7);
    }

    @Override
    protected INDArray transferInputs() {
        return ContractInputs.gaussian(64, 4, 11, DataType.FLOAT);
    }

    @Override
    protected ConditionalTeacher throwingTeacher(int calls) {
        return ThrowingTeacher.wrap(newTeacher(), calls);
    }

    @Override
    protected ConditionalTeacher teacherOfWrongWidth() {
        return MlpStudent.initialize(MlpArchitecture.of(5, 8, 3), 7);
    }

    @Test
    void theStudentLearnsItsTeacher() {
        ConditionalTeacher teacher = newTeacher();
        INDArray x = ContractInputs.gaussian(600, 4, 3, DataType.FLOAT);
        Distillation<MlpStudent> run = new CompressionDistiller(tiny(1).epochs(40).heldOut(100, 200)
                .batchSize(20).build()).distill(teacher, TransferSources.fixed(x));
        assertThat(run.report().fidelity().top1Agreement()).isGreaterThan(0.9);
        List<Double> total = run.report().lossPerTerm().get("total");
        assertThat(total.get(total.size() - 1)).isLessThan(total.get(0));
        assertThat(run.report().lossPerTerm()).containsKeys("soft_ce", "derivative_matching", "total");
        assertThat(run.report().validationFidelity()).hasSize(run.report().epochsRun());
        assertThat(run.report().certificate().sampleCount()).isEqualTo(200);
        assertThat(run.report().warnings()).isEmpty();
    }

    @Test
    void derivativeMatchingNeedsATeacherWithInputDerivatives() {
        ConditionalTeacher plain = new ConditionalTeacher() {
            private final MlpStudent inner = MlpStudent.initialize(MlpArchitecture.of(4, 8, 3), 7);

            @Override
            public int outputSize() {
                return 3;
            }

            @Override
            public INDArray predict(INDArray inputs) {
                return inner.predict(inputs);
            }

            @Override
            public int inputSize() {
                return 4;
            }
        };
        assertThatThrownBy(() -> newDistiller(1).distill(plain, TransferSources.fixed(transferInputs())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HasInputJacobian");
    }

    @Test
    void aTeacherWithOtherClassesIsRejected() {
        ConditionalTeacher fourClasses = MlpStudent.initialize(MlpArchitecture.of(4, 8, 4), 7);
        assertThatThrownBy(() -> newDistiller(1).distill(fourClasses, TransferSources.fixed(transferInputs())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 classes")
                .hasMessageContaining("3 outputs");
    }

    @Test
    void teacherProbabilitiesThatDoNotSumToOneAreRejected() {
        MlpStudent inner = MlpStudent.initialize(MlpArchitecture.of(4, 8, 3), 7);
        ConditionalTeacher broken = BlackBoxTeacher.of(x -> inner.predict(x).mul(1.5), 4, 3);
        assertThatThrownBy(() -> newDistiller(1).distill(broken, TransferSources.fixed(transferInputs())))
                .isInstanceOf(DistillationException.class).hasMessageContaining("teacher probabilities")
                .hasMessageContaining("sum to 1");
    }

    @Test
    void aTeacherThrowingMidEpochNamesTheBatchAndLeavesTheWarmStartAlone() {
        MlpStudent warm = MlpStudent.initialize(MlpArchitecture.of(4, 6, 3), 5);
        INDArray before = warm.parameters();
        MlpStudent delegate = MlpStudent.initialize(MlpArchitecture.of(4, 8, 3), 7);
        int[] count = {0};
        ConditionalTeacher failing = BlackBoxTeacher.of(x -> {
            if (++count[0] == 4) {
                throw new IllegalStateException("teacher is down");
            }
            return delegate.predict(x);
        }, 4, 3);
        // perturbed inputs: the teacher is asked batch by batch, so it fails in the middle of the epoch
        CompressionDistiller distiller = new CompressionDistiller(tiny(1).warmStart(warm)
                .objective(Objective.of(SoftTargetCrossEntropy.atTemperature(1.0))).heldOut(0, 0).build());
        assertThatThrownBy(() -> distiller.distill(failing,
                TransferSources.perturbed(TransferSources.fixed(transferInputs()), 0.1)))
                .isInstanceOf(DistillationException.class).hasMessageContaining("teacher is down")
                .hasMessageContaining("epoch 0, batch 3")
                .satisfies(e -> assertThat(((DistillationException) e).batch()).isEqualTo(3));
        assertThat(warm.parameters()).isEqualTo(before);
    }

    @Test
    void aDivergingLossStopsTheRunWithTheLastFiniteLoss() {
        CompressionDistiller distiller = new CompressionDistiller(tiny(1).updater(new Sgd(1e30))
                .objective(Objective.of(SoftTargetCrossEntropy.atTemperature(1.0))).epochs(5).build());
        assertThatThrownBy(() -> distiller.distill(newTeacher(), TransferSources.fixed(transferInputs())))
                .isInstanceOf(DistillationException.class).hasMessageContaining("last finite total loss");
    }

    @Test
    void finiteDifferenceTeachersAreFlagged() {
        MlpStudent inner = MlpStudent.initialize(MlpArchitecture.of(4, 8, 3), 7);
        ConditionalTeacher blackBox = BlackBoxTeacher.of(inner::predict, 4, 3);
        Distillation<MlpStudent> run = newDistiller(1).distill(blackBox, TransferSources.fixed(transferInputs()));
        assertThat(run.report().warnings()).anySatisfy(w -> assertThat(w).contains("finite-difference"));
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        List<EpochSummary> epochs = new ArrayList<>();
        CompressionDistiller distiller = new CompressionDistiller(tiny(3).epochs(30).heldOut(40, 0).patience(2)
                .updater(new Sgd(0.0)).build()); // a frozen student never improves after epoch 0
        distiller.withListener(new DistillationListener() {
            @Override
            public void onEpoch(EpochSummary summary) {
                epochs.add(summary);
            }
        });
        Distillation<MlpStudent> run = distiller.distill(newTeacher(), TransferSources.fixed(transferInputs()));
        assertThat(run.report().stoppedEarly()).isTrue();
        assertThat(run.report().epochsRun()).isEqualTo(3);
        assertThat(run.report().bestEpoch()).isZero();
        assertThat(epochs).hasSize(3);
        assertThat(epochs.get(0).validationFidelity()).isPresent();
        assertThat(epochs.get(2).remaining().isNegative()).isFalse();
    }

    @Test
    void cachedTeacherJacobiansGiveTheSameStudent() {
        INDArray x = transferInputs();
        MlpStudent cached = new CompressionDistiller(tiny(4).build())
                .distill(newTeacher(), TransferSources.fixed(x)).student();
        MlpStudent recomputed = new CompressionDistiller(tiny(4).jacobianCacheBytes(0).build())
                .distill(newTeacher(), TransferSources.fixed(x)).student();
        INDArray a = cached.parameters().castTo(DataType.DOUBLE);
        INDArray b = recomputed.parameters().castTo(DataType.DOUBLE);
        assertThat(a.sub(b).amaxNumber().doubleValue()).isCloseTo(0.0, within(1e-4));
    }

    @Test
    void teacherAnswersOnFixedDataAreComputedOnce() {
        int[] rowsAsked = {0};
        MlpStudent inner = MlpStudent.initialize(MlpArchitecture.of(4, 8, 3), 7);
        ConditionalTeacher counting = BlackBoxTeacher.of(x -> {
            rowsAsked[0] += (int) x.rows();
            return inner.predict(x);
        }, 4, 3);
        Distillation<MlpStudent> run = new CompressionDistiller(tiny(1).epochs(3).heldOut(0, 0)
                .objective(Objective.of(SoftTargetCrossEntropy.atTemperature(1.0))).build())
                .distill(counting, TransferSources.fixed(transferInputs()));
        assertThat(rowsAsked[0]).isEqualTo(64);
        assertThat(run.report().teacherQueries()).isEqualTo(64);
    }

    @Test
    void nonFiniteOrEmptyTransferDataIsRejected() {
        INDArray x = transferInputs().dup();
        x.putScalar(5, 2, Double.NaN);
        assertThatThrownBy(() -> TransferSources.fixed(x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        INDArray empty = org.nd4j.linalg.factory.Nd4j.create(DataType.FLOAT, 0, 4);
        assertThatThrownBy(() -> TransferSources.fixed(empty)).isInstanceOf(IllegalArgumentException.class);
        INDArray ten = ContractInputs.gaussian(10, 4, 1, DataType.FLOAT);
        assertThatThrownBy(() -> newDistiller(1).distill(newTeacher(), TransferSources.fixed(ten)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holdOut");
    }

    @Test
    void configValidationNamesTheField() {
        assertThatThrownBy(() -> tiny(1).batchSize(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize must be >= 1, got 0");
        assertThatThrownBy(() -> tiny(1).jacobianCacheBytes(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jacobianCacheBytes");
        assertThatThrownBy(() -> CompressionConfig.builder().build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("architecture");
        assertThatThrownBy(() -> tiny(1).patience(2).heldOut(0, 10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validationSize");
    }
}
