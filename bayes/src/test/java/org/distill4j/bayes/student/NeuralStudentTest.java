package org.distill4j.bayes.student;

import static org.assertj.core.api.Assertions.assertThat;

import org.distill4j.bayes.fixtures.SampleFixtures;
import org.distill4j.bayes.bag.CategoricalPredictive;
import org.distill4j.bayes.bag.LinearPredictive;
import org.distill4j.bayes.bag.PosteriorBag;
import org.distill4j.bayes.bag.PredictiveMeasures;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.Distiller;
import org.distill4j.core.compression.CompressionConfig;
import org.distill4j.core.compression.CompressionDistiller;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.contract.OneClassTeacher;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.DistillerContract;
import org.distill4j.core.contract.ThrowingTeacher;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Neural softmax students of a bag need no glue: core's {@link CompressionDistiller} takes the bag's
 * {@link CategoricalPredictive} as its teacher (cross-entropy to the Monte-Carlo average, no temperature).
 */
class NeuralStudentTest extends DistillerContract<ConditionalTeacher, MlpStudent> {

    private static final Objective SOFT_CE = Objective.builder().term(SoftTargetCrossEntropy.atTemperature(1.0), 1.0)
            .build();

    static PosteriorBag bag() {
        LinearPredictive model = LinearPredictive.softmax(3, 3, true);
        double[][] samples = SampleFixtures.gaussian(40, model.parameterDimension(), 17);
        return PosteriorBag.of(model, samples);
    }

    private static CompressionConfig.Builder config(long seed) {
        return CompressionConfig.builder().student(MlpArchitecture.of(3, 16, 3)).objective(SOFT_CE)
                .updater(new Adam(1e-2)).batchSize(20).epochs(2).heldOut(0, 0).seed(seed);
    }

    @Override
    protected Distiller<ConditionalTeacher, MlpStudent> newDistiller(long seed) {
        return new CompressionDistiller(config(seed).build());
    }

    @Override
    protected ConditionalTeacher oneClassTeacher() {
        return OneClassTeacher.of(newTeacher(), 0);
    }

    @Override
    protected ConditionalTeacher newTeacher() {
        return CategoricalPredictive.of(bag());
    }

    @Override
    protected INDArray transferInputs() {
        return ContractInputs.gaussian(60, 3, 11, DataType.FLOAT);
    }

    @Override
    protected ConditionalTeacher throwingTeacher(int calls) {
        return ThrowingTeacher.wrap(newTeacher(), calls);
    }

    @Test
    void anMlpLearnsTheBagsPredictive() {
        CategoricalPredictive teacher = CategoricalPredictive.of(bag());
        INDArray transfer = ContractInputs.gaussian(800, 3, 5, DataType.FLOAT);
        INDArray test = ContractInputs.gaussian(300, 3, 6, DataType.FLOAT);
        Distillation<MlpStudent> early = new CompressionDistiller(config(1).epochs(1).build())
                .distill(teacher, TransferSources.fixed(transfer));
        Distillation<MlpStudent> run = new CompressionDistiller(config(1).epochs(30).build())
                .distill(teacher, TransferSources.fixed(transfer));
        double before = PredictiveMeasures.meanKl(teacher.predictDouble(test), early.student().predict(test));
        double after = PredictiveMeasures.meanKl(teacher.predictDouble(test), run.student().predict(test));
        assertThat(after).as("KL after 30 epochs vs after 1 (%s)", before).isLessThan(before / 2)
                .isLessThan(0.02);
    }
}
