package org.distill4j.bayes.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.distill4j.bayes.bag.CategoricalPredictive;
import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.bag.PredictiveEvaluation;
import org.distill4j.bayes.student.LogisticMixtureStudent;
import org.distill4j.bayes.student.MixtureDistiller;
import org.distill4j.bayes.student.MixtureDistillerConfig;
import org.distill4j.bayes.fixtures.ExactGaussianChain;
import org.distill4j.bayes.fixtures.LogisticModelFixture;
import org.distill4j.core.Distiller;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.DistillerContract;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class OnlineDistillerTest extends DistillerContract<ChainTeacher, LogisticMixtureStudent> {

    /** The known posterior of the test chain: θ = (w1, w2, b). */
    static final double[] MEAN = {2, -1, 0.5};
    static final double[] SD = {1, 0.5, 0.5};

    static ChainTeacher teacher() {
        return ChainTeacher.of(LogisticModelFixture.logistic(2), seed -> new ExactGaussianChain(MEAN, SD, seed));
    }

    static MixtureDistillerConfig student(long seed, int epochs) {
        return MixtureDistillerConfig.builder().components(3).learningRate(0.05)
                .settings(TrainingSettings.builder().epochs(epochs).batchSize(20).seed(seed).heldOut(0, 0).build())
                .build();
    }

    @Override
    protected Distiller<ChainTeacher, LogisticMixtureStudent> newDistiller(long seed) {
        return new OnlineDistiller(OnlineDistillerConfig.of(student(seed, 2)));
    }

    @Override
    protected ChainTeacher newTeacher() {
        return teacher();
    }

    @Override
    protected INDArray transferInputs() {
        return ContractInputs.gaussian(60, 2, 11, DataType.FLOAT);
    }

    @Override
    protected ChainTeacher throwingTeacher(int calls) {
        return ChainTeacher.of(LogisticModelFixture.logistic(2),
                seed -> new ExactGaussianChain(MEAN, SD, seed, calls));
    }

    @Override
    protected ChainTeacher teacherOfWrongWidth() {
        return ChainTeacher.of(LogisticModelFixture.logistic(3),
                seed -> new ExactGaussianChain(new double[4], new double[] {1, 1, 1, 1}, seed));
    }

    /** Transfer and test inputs x ~ N(0, 10 I), and a bag of 2,000 exact posterior draws. */
    private static final INDArray TRANSFER = ContractInputs.gaussian(400, 2, 5, DataType.DOUBLE).muli(Math.sqrt(10));
    private static final INDArray TEST = ContractInputs.gaussian(300, 2, 6, DataType.DOUBLE).muli(Math.sqrt(10));
    private static final PosteriorBag BAG = PosteriorBag.fromChain(LogisticModelFixture.logistic(2),
            new ExactGaussianChain(MEAN, SD, 99), 2000, 1);

    @Test
    void onlineReachesTheBatchKlWithinABound() {
        PredictiveEvaluation batch = new MixtureDistiller(student(4, 40))
                .distill(BAG, TransferSources.fixed(TRANSFER), TEST, null).evaluation();
        OnlineDistillation online = new OnlineDistiller(OnlineDistillerConfig.of(student(4, 40)))
                .distillOnline(teacher(), TransferSources.fixed(TRANSFER));
        PredictiveEvaluation evaluation = online.evaluate(CategoricalPredictive.of(BAG), TEST, null);
        assertThat(evaluation.klTeacherStudent()).as("online KL vs batch KL %s", batch.klTeacherStudent())
                .isLessThan(batch.klTeacherStudent() + 0.005);
        assertThat(online.samplesConsumed()).isEqualTo(40 * 400);
        assertThat(online.transitions()).isEqualTo(40 * 400 + 3);
        assertThat(evaluation.samplesConsumed()).isEqualTo(40 * 400);
    }

    @Test
    void targetsAveragedOverSeveralStatesLowerTheKlAtTheSameMemory() {
        OnlineDistillerConfig single = OnlineDistillerConfig.of(student(4, 4));
        OnlineDistillation one = new OnlineDistiller(single).distillOnline(teacher(), TransferSources.fixed(TRANSFER));
        OnlineDistillation eight = new OnlineDistiller(single.withStatesPerTarget(8))
                .distillOnline(teacher(), TransferSources.fixed(TRANSFER));
        double klOne = one.evaluate(CategoricalPredictive.of(BAG), TEST, null).klTeacherStudent();
        double klEight = eight.evaluate(CategoricalPredictive.of(BAG), TEST, null).klTeacherStudent();
        assertThat(klEight).as("KL with targets over 8 states (single-sample: %s)", klOne).isLessThan(0.7 * klOne);
        assertThat(eight.samplesConsumed()).isEqualTo(8L * 4 * 400);
        assertThat(eight.peakBytes()).isEqualTo(one.peakBytes());
        assertThatThrownBy(() -> single.withStatesPerTarget(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("statesPerTarget");
    }

    @Test
    void inputsSharingAStateAdvanceTheChainOncePerGroup() {
        OnlineDistillerConfig shared = OnlineDistillerConfig.of(student(4, 8)).withInputsPerState(4);
        OnlineDistillation run = new OnlineDistiller(shared).distillOnline(teacher(), TransferSources.fixed(TRANSFER));
        // minibatches of 20 rows: rows 0, 4, 8, 12, 16 advance the chain
        assertThat(run.samplesConsumed()).isEqualTo(8L * 400 / 4);
        assertThat(run.transitions()).isEqualTo(8L * 400 / 4 + 3);
        PredictiveEvaluation batch = new MixtureDistiller(student(4, 8))
                .distill(BAG, TransferSources.fixed(TRANSFER), TEST, null).evaluation();
        assertThat(run.evaluate(CategoricalPredictive.of(BAG), TEST, null).klTeacherStudent())
                .as("shared states still distil the predictive (batch KL %s)", batch.klTeacherStudent())
                .isLessThan(batch.klTeacherStudent() + 0.01);
        assertThatThrownBy(() -> shared.withStatesPerTarget(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inputsPerState").hasMessageContaining("statesPerTarget");
        assertThatThrownBy(() -> shared.withInputsPerState(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inputsPerState");
    }

    @Test
    void peakMemoryCountsStateStudentAndOneMinibatch() {
        OnlineDistillation online = new OnlineDistiller(OnlineDistillerConfig.of(student(1, 1)))
                .distillOnline(teacher(), TransferSources.fixed(ContractInputs.gaussian(50, 2, 1, DataType.FLOAT)));
        long state = 8 * 3;
        long student = 8 * 9 * 4; // parameters, gradient, two Adam moments
        long batch = 20 * 2 * 4 + 20 * 2 * 8 + 20 * 2 * 8 + 2 * 8; // float inputs, their doubles, targets, one row
        assertThat(online.peakBytes()).isEqualTo(state + student + batch);
        PosteriorBag bag = PosteriorBag.fromChain(LogisticModelFixture.logistic(2),
                new ExactGaussianChain(MEAN, SD, 1), 10_000, 1);
        assertThat(bag.memoryBytes() / online.peakBytes()).as("bag of 10^4 samples vs online").isGreaterThan(100);
    }

    @Test
    void theSeedFixesTheChainAndTheStudent() {
        INDArray inputs = ContractInputs.gaussian(40, 2, 3, DataType.FLOAT);
        OnlineDistillerConfig config = OnlineDistillerConfig.of(student(5, 2)).withInitWindow(30);
        double[] first = new OnlineDistiller(config).distill(teacher(), TransferSources.fixed(inputs)).student()
                .parameters();
        double[] again = new OnlineDistiller(config).distill(teacher(), TransferSources.fixed(inputs)).student()
                .parameters();
        double[] other = new OnlineDistiller(OnlineDistillerConfig.of(student(6, 2)).withInitWindow(30))
                .distill(teacher(), TransferSources.fixed(inputs)).student().parameters();
        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void aChainOfTheWrongDimensionIsRejectedNamingBoth() {
        ChainTeacher wrong = ChainTeacher.of(LogisticModelFixture.logistic(2),
                seed -> new ExactGaussianChain(new double[5], new double[] {1, 1, 1, 1, 1}, seed));
        assertThatThrownBy(() -> new OnlineDistiller(OnlineDistillerConfig.of(student(1, 1)))
                .distill(wrong, TransferSources.fixed(transferInputs())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 5")
                .hasMessageContaining("parameterDimension 3");
    }

    @Test
    void invalidConfigurationsNameTheField() {
        assertThatThrownBy(() -> new OnlineDistillerConfig(student(1, 1), 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transitionsPerSample");
        assertThatThrownBy(() -> new OnlineDistillerConfig(student(1, 1), 1, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("burnIn");
        assertThatThrownBy(() -> new OnlineDistillerConfig(student(1, 1), 1, 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initWindow");
    }
}
