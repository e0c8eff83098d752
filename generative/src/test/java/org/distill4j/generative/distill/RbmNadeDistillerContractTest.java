package org.distill4j.generative.distill;

import org.distill4j.core.DensityTeacher;
import org.distill4j.core.Distiller;
import org.distill4j.core.contract.DistillerContract;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.testing.TinyNadeFixtures;
import org.distill4j.generative.testing.ThrowingDensityTeacherFixture;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/** The shared distiller contract, with an RBM teacher (a throwing teacher takes the non-RBM path). */
class RbmNadeDistillerContractTest extends DistillerContract<DensityTeacher, Nade> {

    @Override
    protected Distiller<DensityTeacher, Nade> newDistiller(long seed) {
        return new RbmNadeDistiller(RbmNadeConfig.builder()
                .training(TrainingSettings.builder().epochs(2).batchSize(10).seed(seed).heldOut(0, 0).build())
                .hiddenUnits(4).updater(new Adam(0.01)).blockSize(3).chains(20, 1, 5).klEstimates(2, 20).build());
    }

    @Override
    protected DensityTeacher newTeacher() {
        return TinyRbmFixtures.random(6, 3, 1.0, 5, DataType.FLOAT);
    }

    @Override
    protected INDArray transferInputs() {
        return TinyNadeFixtures.randomBinary(30, 6, 9).castTo(DataType.FLOAT);
    }

    @Override
    protected DensityTeacher throwingTeacher(int calls) {
        return new ThrowingDensityTeacherFixture(newTeacher(), calls);
    }

    @Override
    protected DensityTeacher teacherOfWrongWidth() {
        return TinyRbmFixtures.random(7, 3, 1.0, 5, DataType.FLOAT);
    }
}
