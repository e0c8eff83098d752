package org.distill4j.trees.extraction;

import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distiller;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.contract.ContractInputs;
import org.distill4j.core.contract.DistillerContract;
import org.distill4j.core.contract.OneClassTeacher;
import org.distill4j.core.contract.ThrowingTeacher;
import org.distill4j.trees.tree.ClassificationTree;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The distiller contract for model extraction, with queries, validation and a certificate. */
class ModelExtractionContractTest extends DistillerContract<ConditionalTeacher, ClassificationTree> {

    @Override
    protected Distiller<ConditionalTeacher, ClassificationTree> newDistiller(long seed) {
        return new ModelExtraction(ExtractionConfig.builder().maxLeaves(8).minSamplesPerNode(60).queryBudget(200)
                .heldOut(10, 20).seed(seed).build());
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
        return ContractInputs.gaussian(90, 4, 11, DataType.FLOAT);
    }

    @Override
    protected ConditionalTeacher throwingTeacher(int calls) {
        return ThrowingTeacher.wrap(newTeacher(), calls);
    }

    @Override
    protected ConditionalTeacher teacherOfWrongWidth() {
        return MlpStudent.initialize(MlpArchitecture.of(5, 8, 3), 7);
    }
}
