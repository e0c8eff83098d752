package org.distill4j.trees.lrh;

import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distiller;
import org.distill4j.core.contract.OneClassTeacher;
import org.distill4j.core.contract.DistillerContract;
import org.distill4j.trees.tree.ClassificationTree;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The distiller contract for LRH distillation, on a small task whose teacher exposes its conjunctions. */
class LrhDistillerContractTest extends DistillerContract<ConditionalTeacher, ClassificationTree> {

    private static final RandomTreeTask TASK = RandomTreeTask.generate(6, 2, 17);

    @Override
    protected Distiller<ConditionalTeacher, ClassificationTree> newDistiller(long seed) {
        return new LrhDistiller(LrhConfig.builder().depth(2).beam(3).probeSamples(60).scoreSamples(60)
                .treeSamples(80).certificateSize(40).seed(seed).build());
    }

    @Override
    protected ConditionalTeacher oneClassTeacher() {
        return OneClassTeacher.of(newTeacher(), 0);
    }

    @Override
    protected ConditionalTeacher newTeacher() {
        return new AndRepresentationTeacherFixture(TASK, 3, 5);
    }

    @Override
    protected INDArray transferInputs() {
        return TASK.sampleInputs(300, new java.util.SplittableRandom(3));
    }

    @Override
    protected ConditionalTeacher throwingTeacher(int calls) {
        return new AndRepresentationTeacherFixture(TASK, 3, 5, calls, java.util.function.UnaryOperator.identity());
    }

    @Override
    protected ConditionalTeacher teacherOfWrongWidth() {
        return new AndRepresentationTeacherFixture(RandomTreeTask.generate(7, 2, 17), 3, 5);
    }
}
