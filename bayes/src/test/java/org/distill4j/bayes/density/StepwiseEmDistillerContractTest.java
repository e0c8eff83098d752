package org.distill4j.bayes.density;

import org.distill4j.core.DensityTeacher;
import org.distill4j.core.Distiller;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.DistillerContract;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The shared distiller contract for stepwise EM (density teacher; the transfer source only fixes the width). */
class StepwiseEmDistillerContractTest extends DistillerContract<DensityTeacher, GmmStudent> {

    @Override
    protected Distiller<DensityTeacher, GmmStudent> newDistiller(long seed) {
        return new StepwiseEmDistiller(EmConfig.builder().samples(600).warmup(50).reportEvery(200).seed(seed).build());
    }

    @Override
    protected DensityTeacher newTeacher() {
        return BatchEmDistillerContractTest.teacher();
    }

    @Override
    protected INDArray transferInputs() {
        return ContractInputs.gaussian(20, 1, 7, DataType.DOUBLE);
    }

    @Override
    protected DensityTeacher throwingTeacher(int calls) {
        return new ThrowingDensityFixture(BatchEmDistillerContractTest.teacher(), calls);
    }

    @Override
    protected DensityTeacher teacherOfWrongWidth() {
        return BatchEmDistillerContractTest.wrongWidth();
    }
}
