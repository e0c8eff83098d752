package org.distill4j.bayes.density;

import java.util.List;
import org.distill4j.core.DensityTeacher;
import org.distill4j.core.Distiller;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.DistillerContract;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The shared distiller contract for batch EM (density teacher; the transfer source only fixes the width). */
class BatchEmDistillerContractTest extends DistillerContract<DensityTeacher, GmmStudent> {

    static MixturePredictive teacher() {
        return MixturePredictive.of(List.of(new double[] {-2, 0, 2}, new double[] {-2.5, 0.2, 1.8}),
                new double[] {0.3, 0.3, 0.4}, 0.5);
    }

    @Override
    protected Distiller<DensityTeacher, GmmStudent> newDistiller(long seed) {
        return new BatchEmDistiller(EmConfig.builder().samples(500).maxIterations(30).seed(seed).build());
    }

    @Override
    protected DensityTeacher newTeacher() {
        return teacher();
    }

    @Override
    protected INDArray transferInputs() {
        return ContractInputs.gaussian(20, 1, 7, DataType.DOUBLE);
    }

    @Override
    protected DensityTeacher throwingTeacher(int calls) {
        return new ThrowingDensityFixture(teacher(), calls);
    }

    @Override
    protected DensityTeacher teacherOfWrongWidth() {
        return wrongWidth();
    }

    static DensityTeacher wrongWidth() {
        return new DensityTeacher() {
            @Override
            public int inputSize() {
                return 2;
            }

            @Override
            public INDArray unnormalizedLogDensity(INDArray inputs) {
                throw new UnsupportedOperationException();
            }

            @Override
            public INDArray sample(int n, long seed) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
