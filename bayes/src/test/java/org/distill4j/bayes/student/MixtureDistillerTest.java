package org.distill4j.bayes.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.distill4j.bayes.bag.CategoricalPredictive;
import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.bag.PredictiveMeasures;
import org.distill4j.bayes.fixtures.LogisticModelFixture;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distiller;
import org.distill4j.core.contract.OneClassTeacher;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.DistillerContract;
import org.distill4j.core.contract.ThrowingTeacher;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Issue 8's battery for batch mixture distillation: core's DistillerContract (checkpoint and resume are in
 * MixtureDistillerCheckpointTest), plus its own checks.
 */
class MixtureDistillerTest extends DistillerContract<ConditionalTeacher, LogisticMixtureStudent> {

    /** A bag of a 2-D logistic regression whose samples spread around w = (2, −1), b = 0.5. */
    static PosteriorBag bag(int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] samples = new double[size][];
        for (int s = 0; s < size; s++) {
            samples[s] = new double[] {2 + MixtureInit.gaussian(rng), -1 + 0.5 * MixtureInit.gaussian(rng),
                    0.5 + 0.5 * MixtureInit.gaussian(rng)};
        }
        return PosteriorBag.of(LogisticModelFixture.logistic(2), samples);
    }

    static MixtureDistillerConfig config(long seed, int epochs) {
        return MixtureDistillerConfig.builder().components(3).learningRate(0.05)
                .settings(TrainingSettings.builder().epochs(epochs).batchSize(20).seed(seed).heldOut(0, 0).build())
                .build();
    }

    @Override
    protected Distiller<ConditionalTeacher, LogisticMixtureStudent> newDistiller(long seed) {
        return new MixtureDistiller(config(seed, 2));
    }

    @Override
    protected ConditionalTeacher oneClassTeacher() {
        return OneClassTeacher.of(newTeacher(), 0);
    }

    @Override
    protected ConditionalTeacher newTeacher() {
        return CategoricalPredictive.of(bag(50, 7));
    }

    @Override
    protected INDArray transferInputs() {
        return ContractInputs.gaussian(60, 2, 11, DataType.FLOAT);
    }

    @Override
    protected ConditionalTeacher throwingTeacher(int calls) {
        return ThrowingTeacher.wrap(newTeacher(), calls);
    }

    @Override
    protected ConditionalTeacher teacherOfWrongWidth() {
        return CategoricalPredictive.of(PosteriorBag.of(LogisticModelFixture.logistic(3),
                new double[][] {{1, 2, 3, 4}}));
    }

    @Test
    void distillationDrivesTheKlDown() {
        PosteriorBag bag = bag(200, 3);
        CategoricalPredictive teacher = CategoricalPredictive.of(bag);
        INDArray transfer = ContractInputs.gaussian(400, 2, 5, DataType.DOUBLE).muli(Math.sqrt(10));
        INDArray test = ContractInputs.gaussian(300, 2, 6, DataType.DOUBLE).muli(Math.sqrt(10));
        MixtureDistillerConfig random = config(9, 1).toBuilder().initFromBag(false).build();
        double before = PredictiveMeasures.meanKl(teacher.predictDouble(test),
                new MixtureDistiller(random).distill(teacher, TransferSources.fixed(transfer)).student()
                        .predictDouble(test));
        MixtureDistiller.BagDistillation result = new MixtureDistiller(random.toBuilder()
                .settings(random.settings().toBuilder().epochs(60).build()).build())
                .distill(bag, TransferSources.fixed(transfer), test, null);
        double after = result.evaluation().klTeacherStudent();
        assertThat(after).as("KL after 60 epochs vs after 1 (%s)", before).isLessThan(before / 5).isLessThan(0.01);
        assertThat(result.evaluation().samplesConsumed()).isEqualTo(200);
        assertThat(result.evaluation().bagBytes()).isEqualTo(200 * 3 * 8);
        assertThat(result.evaluation().studentBytes()).isEqualTo(3 * 3 * 8);
        java.util.List<Double> klPerEpoch = result.run().report().lossPerTerm().get("kl");
        assertThat(klPerEpoch.get(klPerEpoch.size() - 1)).as("last epoch's KL vs the first's")
                .isLessThan(klPerEpoch.get(0));
    }

    @Test
    void componentsStartFromBagSamples() {
        PosteriorBag bag = bag(5, 3);
        MixtureDistillerConfig cfg = MixtureDistillerConfig.builder().components(5).learningRate(1e-9)
                .settings(TrainingSettings.builder().epochs(1).batchSize(20).seed(1).heldOut(0, 0).build()).build();
        LogisticMixtureStudent student = new MixtureDistiller(cfg).distill(CategoricalPredictive.of(bag),
                TransferSources.fixed(ContractInputs.gaussian(10, 2, 1, DataType.DOUBLE))).student();
        java.util.List<Double> firstWeights = new java.util.ArrayList<>();
        for (int k = 0; k < 5; k++) {
            firstWeights.add(Math.round(student.component(k)[0] * 1e6) / 1e6);
        }
        java.util.List<Double> bagWeights = new java.util.ArrayList<>();
        for (int s = 0; s < 5; s++) {
            bagWeights.add(Math.round(bag.sample(s)[0] * 1e6) / 1e6);
        }
        assertThat(firstWeights).containsExactlyInAnyOrderElementsOf(bagWeights);
    }

    @Test
    void invalidConfigurationsNameTheField() {
        assertThatThrownBy(() -> MixtureDistillerConfig.builder().components(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("components");
        assertThatThrownBy(() -> MixtureDistillerConfig.builder().learningRate(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> MixtureDistillerConfig.builder().learningRate(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
    }
}
