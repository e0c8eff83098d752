package org.distill4j.core.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.distill4j.core.objective.DerivativeMatching;
import org.distill4j.core.objective.HardLabelCrossEntropy;
import org.distill4j.core.objective.LogitSquaredError;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.ObjectiveValue;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.objective.SoftTargetKl;
import org.distill4j.core.objective.StudentOutputs;
import org.distill4j.core.objective.TeacherTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

class MlpTrainingTest {

    private static final long SEED = 31L;

    private static final Objective KD_DM = Objective.builder()
            .term(SoftTargetCrossEntropy.atTemperature(2), 0.8)
            .term(DerivativeMatching.onLogProbabilities(), 0.6)
            .build();

    /** The objective evaluated from the student's public API: the reference for finite differences. */
    private static double loss(MlpStudent student, INDArray x, TeacherTargets targets, Objective objective) {
        INDArray jacobian = objective.needsJacobian() ? student.logProbabilityJacobian(x) : null;
        return objective.evaluate(new StudentOutputs(student.logits(x), jacobian), targets).total();
    }

    private static TeacherTargets teacherTargets(MlpStudent teacher, INDArray x, int[] labels) {
        return new TeacherTargets(teacher.predict(x), teacher.logProbabilityJacobian(x), labels);
    }

    /**
     * Per coordinate for ReLU (no curvature) and tanh (curvature in every hidden layer); along seeded random
     * directions for the other activations, which share the code paths but have their own derivatives.
     */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SIGMOID", "SOFTPLUS", "LEAKYRELU", "IDENTITY"})
    void parameterGradientMatchesCentralDifferences(Activation activation) {
        MlpArchitecture architecture = MlpArchitecture.of(4, 5, 4, 3).withActivation(activation)
                .withDataType(DataType.DOUBLE);
        MlpStudent student = MlpStudent.initialize(architecture, SEED);
        MlpStudent teacher = MlpStudent.initialize(architecture.withActivation(Activation.TANH), SEED + 1);
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        INDArray x = MlpStudentTest.gaussian(rng, DataType.DOUBLE, 6, 4);
        TeacherTargets targets = teacherTargets(teacher, x, new int[] {0, 1, 2, 2, 1, 0});
        Objective objective = Objective.builder()
                .term(SoftTargetCrossEntropy.atTemperature(2), 0.8)
                .term(HardLabelCrossEntropy.create(), 0.3)
                .term(LogitSquaredError.create(), 0.1)
                .term(DerivativeMatching.onLogProbabilities(), 0.6)
                .build();

        INDArray gradient = Nd4j.create(DataType.DOUBLE, architecture.parameterCount());
        ObjectiveValue value = new MlpTraining(student, new Sgd(0.1)).lossAndGradient(x, targets, objective, gradient);

        assertThat(value.total()).isCloseTo(loss(student, x, targets, objective), within(1e-12));
        boolean perCoordinate = activation == Activation.RELU || activation == Activation.TANH;
        int checks = perCoordinate ? (int) architecture.parameterCount() : 6;
        INDArray p = student.parameters().reshape(architecture.parameterCount());
        double h = 1e-6;
        double scale = gradient.norm2Number().doubleValue();
        for (int c = 0; c < checks; c++) {
            INDArray direction = perCoordinate
                    ? Nd4j.create(DataType.DOUBLE, p.length()).putScalar(c, 1.0)
                    : MlpStudentTest.gaussian(rng, DataType.DOUBLE, p.length());
            double numeric = (loss(student.withParameters(p.add(direction.mul(h))), x, targets, objective)
                    - loss(student.withParameters(p.sub(direction.mul(h))), x, targets, objective)) / (2 * h);
            double analytic = gradient.mul(direction).sumNumber().doubleValue();
            double tolerance = 1e-5 * Math.max(Math.abs(numeric), 1e-2 * scale * direction.norm2Number().doubleValue());
            assertThat(analytic).as("%s %s %s (seed %s)", activation, perCoordinate ? "parameter" : "direction", c, SEED)
                    .isCloseTo(numeric, within(tolerance));
        }
    }

    @Test
    void floatGradientAgreesWithDouble() {
        MlpArchitecture architecture = MlpArchitecture.of(6, 5, 4, 3).withActivation(Activation.TANH);
        MlpStudent student = MlpStudent.initialize(architecture, SEED);
        MlpStudent studentD = MlpStudent.initialize(architecture.withDataType(DataType.DOUBLE), SEED);
        MlpStudent teacher = MlpStudent.initialize(architecture.withDataType(DataType.DOUBLE), SEED + 9);
        INDArray x = MlpStudentTest.gaussian(new SplittableRandom(SEED), DataType.DOUBLE, 8, 6);
        TeacherTargets targets = teacherTargets(teacher, x, null);
        INDArray g = Nd4j.create(DataType.FLOAT, 1, architecture.parameterCount());
        INDArray gd = Nd4j.create(DataType.DOUBLE, 1, architecture.parameterCount());
        new MlpTraining(student, new Sgd(0.1)).lossAndGradient(x.castTo(DataType.FLOAT), targets, KD_DM, g);
        new MlpTraining(studentD, new Sgd(0.1)).lossAndGradient(x, targets, KD_DM, gd);
        double error = g.castTo(DataType.DOUBLE).sub(gd).norm2Number().doubleValue();
        assertThat(error).isLessThan(1e-5 * gd.norm2Number().doubleValue());
    }

    @Test
    void trainingDoesNotMutateTheStartStudentAndSnapshotsAreIndependent() {
        MlpStudent start = MlpStudent.initialize(MlpArchitecture.of(4, 6, 3), SEED);
        INDArray before = start.parameters();
        MlpStudent teacher = MlpStudent.initialize(MlpArchitecture.of(4, 6, 3).withActivation(Activation.TANH), 2);
        INDArray x = MlpStudentTest.gaussian(new SplittableRandom(SEED), DataType.FLOAT, 16, 4);
        INDArray xCopy = x.dup();
        TeacherTargets targets = teacherTargets(teacher, x, null);
        INDArray pCopy = targets.probabilities().dup();
        MlpTraining training = new MlpTraining(start, new Adam(0.05));
        training.step(x, targets, KD_DM);
        MlpStudent first = training.snapshot();
        training.step(x, targets, KD_DM);

        assertThat(start.parameters()).isEqualTo(before);
        assertThat(x).isEqualTo(xCopy);
        assertThat(targets.probabilities()).isEqualTo(pCopy);
        assertThat(first).isNotEqualTo(start).isNotEqualTo(training.snapshot());
        assertThat(training.iterations()).isEqualTo(2);
    }

    @Test
    void trainingReducesTheLossWithAndWithoutDerivativeMatching() {
        MlpArchitecture teacherShape = MlpArchitecture.of(4, 12, 3).withActivation(Activation.TANH);
        MlpStudent teacher = MlpStudent.initialize(teacherShape, SEED + 5)
                .withParameters(MlpStudent.initialize(teacherShape, SEED + 5).parameters().muli(2));
        INDArray x = MlpStudentTest.gaussian(new SplittableRandom(SEED), DataType.FLOAT, 64, 4);
        TeacherTargets targets = teacherTargets(teacher, x, null);
        Objective kl = Objective.of(SoftTargetKl.atTemperature(1));
        for (Objective objective : new Objective[] {Objective.of(SoftTargetCrossEntropy.atTemperature(1)), KD_DM}) {
            MlpStudent start = MlpStudent.initialize(MlpArchitecture.of(4, 16, 8, 3), SEED);
            MlpTraining training = new MlpTraining(start, new Adam(0.02));
            ObjectiveValue first = training.step(x, targets, objective);
            ObjectiveValue last = first;
            for (int i = 0; i < 200; i++) {
                last = training.step(x, targets, objective);
            }
            MlpStudent trained = training.snapshot();
            assertThat(last.total()).as("%s", objective).isLessThan(first.total());
            double klBefore = loss(start, x, targets, kl);
            double klAfter = loss(trained, x, targets, kl);
            assertThat(klAfter).as("%s: KL %s -> %s", objective, klBefore, klAfter).isLessThan(0.05 * klBefore);
            if (objective.needsJacobian()) {
                assertThat(last.termLoss("derivative_matching"))
                        .isLessThan(0.5 * first.termLoss("derivative_matching"));
            }
        }
    }

    @Test
    void everyUpdaterMovesTheParameters() {
        MlpStudent start = MlpStudent.initialize(MlpArchitecture.of(4, 6, 3), SEED);
        MlpStudent teacher = MlpStudent.initialize(MlpArchitecture.of(4, 6, 3), SEED + 1);
        INDArray x = MlpStudentTest.gaussian(new SplittableRandom(SEED), DataType.FLOAT, 16, 4);
        TeacherTargets targets = teacherTargets(teacher, x, null);
        for (IUpdater updater : new IUpdater[] {new Sgd(0.1), new Nesterovs(0.1, 0.9), new AdaDelta(), new Adam()}) {
            MlpTraining training = new MlpTraining(start, updater);
            training.setEpoch(1);
            training.step(x, targets, KD_DM);
            training.step(x, targets, Objective.of(SoftTargetCrossEntropy.atTemperature(1)));
            assertThat(training.snapshot()).as(updater.getClass().getSimpleName()).isNotEqualTo(start);
            assertThat(training.iterations()).isEqualTo(2);
        }
    }

    @Test
    void sgdStepSubtractsTheScaledGradientAndRunsReplay() {
        MlpStudent start = MlpStudent.initialize(MlpArchitecture.of(4, 6, 3).withActivation(Activation.SIGMOID)
                .withDataType(DataType.DOUBLE), SEED);
        MlpStudent teacher = MlpStudent.initialize(start.architecture(), SEED + 1);
        INDArray x = MlpStudentTest.gaussian(new SplittableRandom(SEED), DataType.DOUBLE, 16, 4);
        TeacherTargets targets = teacherTargets(teacher, x, null);
        INDArray gradient = Nd4j.create(DataType.DOUBLE, start.parameterCount());
        MlpTraining training = new MlpTraining(start, new Sgd(0.5));
        training.lossAndGradient(x, targets, KD_DM, gradient);
        training.step(x, targets, KD_DM);
        INDArray expected = start.parameters().reshape(start.parameterCount()).sub(gradient.mul(0.5));
        assertThat(training.snapshot().parameters().reshape(start.parameterCount()).sub(expected)
                .amaxNumber().doubleValue()).isLessThan(1e-15);

        MlpTraining one = new MlpTraining(start, new AdaDelta());
        MlpTraining two = new MlpTraining(start, new AdaDelta());
        for (int i = 0; i < 20; i++) {
            one.step(x, targets, KD_DM);
            two.step(x, targets, KD_DM);
        }
        assertThat(one.snapshot()).isEqualTo(two.snapshot()).isNotEqualTo(start);
    }

    @Test
    void failedStepsChangeNothing() {
        MlpStudent start = MlpStudent.initialize(MlpArchitecture.of(4, 6, 3), SEED);
        MlpTraining training = new MlpTraining(start, new Adam(0.1));
        INDArray x = MlpStudentTest.gaussian(new SplittableRandom(SEED), DataType.FLOAT, 5, 4);
        TeacherTargets wrongRows = TeacherTargets.of(Nd4j.ones(DataType.FLOAT, 4, 3).divi(3));
        assertThatThrownBy(() -> training.step(x, wrongRows, KD_DM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[4, 3]").hasMessageContaining("[5, 4]");
        TeacherTargets noJacobian = TeacherTargets.of(Nd4j.ones(DataType.FLOAT, 5, 3).divi(3));
        assertThatThrownBy(() -> training.step(x, noJacobian, KD_DM)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Jacobian");
        assertThatThrownBy(() -> training.step(Nd4j.zeros(DataType.FLOAT, 5, 5), noJacobian, KD_DM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputs must be [n, 4]");
        INDArray nan = x.dup();
        nan.putScalar(0, 0, Float.NaN);
        assertThatThrownBy(() -> training.step(nan, noJacobian, Objective.of(SoftTargetKl.atTemperature(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputs must be finite");
        assertThatThrownBy(() -> training.lossAndGradient(x, noJacobian, Objective.of(SoftTargetKl.atTemperature(1)),
                Nd4j.zeros(DataType.FLOAT, 7))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gradientOut");
        assertThatThrownBy(() -> training.setEpoch(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epoch");
        assertThat(training.iterations()).isZero();
        assertThat(training.snapshot()).isEqualTo(start);
    }

    @Test
    void restoreStateRejectsOutOfRangeCountersAndNonFiniteParametersLeavingTheRunUnchanged() {
        MlpArchitecture architecture = MlpArchitecture.of(4, 5, 3).withDataType(DataType.DOUBLE);
        MlpTraining training = new MlpTraining(MlpStudent.initialize(architecture, SEED), new Adam(1e-3));
        org.distill4j.core.distill.RunState good = training.saveState();
        INDArray before = training.snapshot().parameters();

        java.util.Map<String, Object> hugeIterations = new java.util.LinkedHashMap<>(good.fields());
        hugeIterations.put("iterations", Long.MAX_VALUE);
        assertThatThrownBy(() -> training.restoreState(
                new org.distill4j.core.distill.RunState(hugeIterations, good.arrays())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterations");

        java.util.Map<String, INDArray> nanParameters = new java.util.LinkedHashMap<>(good.arrays());
        INDArray poisoned = good.array("parameters").dup();
        poisoned.putScalar(0, Double.NaN);
        nanParameters.put("parameters", poisoned);
        assertThatThrownBy(() -> training.restoreState(
                new org.distill4j.core.distill.RunState(good.fields(), nanParameters)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");

        assertThat(training.snapshot().parameters()).isEqualTo(before);
        assertThat(training.iterations()).isZero();
    }
}
