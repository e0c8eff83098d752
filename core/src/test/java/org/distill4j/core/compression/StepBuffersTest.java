package org.distill4j.core.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.distill4j.core.objective.DerivativeMatching;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.ObjectiveValue;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.objective.StudentOutputs;
import org.distill4j.core.objective.TeacherTargets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@link MlpTraining}'s preallocated step buffers change no number: every step's loss and parameter gradient are
 * bit-identical to those of the unbuffered forward/backward path (new arrays), across batch-size changes (a
 * partial batch and back) and with derivative matching; the distiller's {@code stepLosses} takes the same steps.
 */
class StepBuffersTest {

    private static final long SEED = 5L;
    private static final Objective KD = Objective.of(SoftTargetCrossEntropy.atTemperature(1));
    private static final Objective KD_DM = Objective.builder()
            .term(SoftTargetCrossEntropy.atTemperature(2), 0.8)
            .term(DerivativeMatching.onLogProbabilities(), 0.6)
            .build();

    /** Loss and gradient of the objective through the unbuffered path, from the student's parameters. */
    private static double reference(MlpStudent student, INDArray x, TeacherTargets targets, Objective objective,
            INDArray gradient) {
        MlpLayers layers = new MlpLayers(student.architecture(), student.parameters());
        MlpLayers grads = new MlpLayers(student.architecture(), gradient);
        MlpForward forward = MlpForward.run(layers, student.activation(), x, true);
        JacobianPropagation jacobian = objective.needsJacobian()
                ? JacobianPropagation.of(layers, forward, student.activation(), null) : null;
        ObjectiveValue value = objective.evaluate(
                new StudentOutputs(forward.logits, jacobian == null ? null : jacobian.jacobian()), targets);
        INDArray logitGradient = value.logitGradient();
        INDArray[] extra = null;
        if (jacobian != null) {
            JacobianPropagation.Extra more = jacobian.reverse(value.jacobianGradient(), grads);
            logitGradient = logitGradient.add(more.logitGradient);
            extra = more.preActivation;
        }
        MlpBackprop.backward(layers, grads, forward, logitGradient, extra, jacobian != null);
        return value.total();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void bufferedStepsMatchTheUnbufferedPathBitForBit(DataType type) {
        for (Activation activation : new Activation[] {Activation.RELU, Activation.TANH}) {
            MlpArchitecture architecture = MlpArchitecture.of(6, 8, 5, 3).withActivation(activation)
                    .withDataType(type);
            MlpStudent teacher = MlpStudent.initialize(architecture.withActivation(Activation.TANH), SEED + 1);
            for (Objective objective : new Objective[] {KD, KD_DM}) {
                MlpTraining training = new MlpTraining(MlpStudent.initialize(architecture, SEED), new Adam(0.01));
                MlpTraining lossesOnly = new MlpTraining(MlpStudent.initialize(architecture, SEED), new Adam(0.01));
                int[] batchSizes = {16, 16, 7, 16, 1, 1, 16};
                for (int i = 0; i < batchSizes.length; i++) {
                    INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(SEED + 10 + i),
                            batchSizes[i], 6).castTo(type);
                    TeacherTargets targets = new TeacherTargets(teacher.predict(x),
                            teacher.logProbabilityJacobian(x), null);
                    MlpStudent before = training.snapshot();
                    INDArray expectedGradient = Nd4j.create(type, 1, before.parameterCount());
                    double expectedLoss = reference(before, x, targets, objective, expectedGradient);
                    INDArray gradient = Nd4j.create(type, 1, before.parameterCount());
                    ObjectiveValue value = training.lossAndGradient(x, targets, objective, gradient);
                    assertThat(value.total()).isEqualTo(expectedLoss);
                    assertThat(gradient.toDoubleVector()).containsExactly(expectedGradient.toDoubleVector());
                    ObjectiveValue stepped = training.step(x, targets, objective);
                    assertThat(stepped.total()).isEqualTo(expectedLoss);
                    Map<String, Double> losses = lossesOnly.stepLosses(x, targets, objective);
                    assertThat(losses).containsEntry("total", expectedLoss)
                            .containsAllEntriesOf(stepped.termLosses()).hasSize(stepped.termLosses().size() + 1);
                    assertThat(lossesOnly.snapshot().parameters().toDoubleVector())
                            .containsExactly(training.snapshot().parameters().toDoubleVector());
                    assertThat(training.snapshot().parameters().toDoubleVector())
                            .isNotEqualTo(before.parameters().toDoubleVector());
                }
            }
        }
    }
}
