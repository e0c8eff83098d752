package org.distill4j.bayes.regression;

import org.distill4j.bayes.fixture.LinearProblem;
import org.distill4j.core.Distiller;
import org.distill4j.core.contract.DistillerContract;
import org.distill4j.core.distill.TrainingSettings;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The shared distiller contract, with the predictive of a small exact-posterior bag as the teacher. */
class GaussianRegressionDistillerContractTest
        extends DistillerContract<GaussianTeacher, GaussianRegressionStudent> {

    private static final LinearProblem PROBLEM = new LinearProblem(20, 5, 3);

    @Override
    protected Distiller<GaussianTeacher, GaussianRegressionStudent> newDistiller(long seed) {
        return new GaussianRegressionDistiller(GaussianRegressionConfig.builder().hidden(4)
                .training(TrainingSettings.builder().epochs(2).batchSize(8).seed(seed).heldOut(0, 0).build())
                .build());
    }

    @Override
    protected GaussianTeacher newTeacher() {
        return GaussianPredictiveTest.predictive(PROBLEM, 10, 3);
    }

    @Override
    protected INDArray transferInputs() {
        return PROBLEM.trainInputs.dup();
    }

    @Override
    protected GaussianTeacher throwingTeacher(int calls) {
        GaussianTeacher inner = newTeacher();
        return new GaussianTeacher() {
            private int count;

            @Override
            public int inputSize() {
                return inner.inputSize();
            }

            @Override
            public INDArray moments(INDArray inputs) {
                if (++count >= calls) {
                    throw new IllegalStateException("teacher failure at call " + count);
                }
                return inner.moments(inputs);
            }
        };
    }

    @Override
    protected GaussianTeacher teacherOfWrongWidth() {
        return GaussianRegressionStudent.initialize(3, new int[] {2}, 1);
    }
}
