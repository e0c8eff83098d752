package org.distill4j.trees.tree;

import java.io.IOException;
import java.nio.file.Path;
import org.distill4j.core.contract.StudentContract;
import org.distill4j.trees.cart.CartTrainer;
import org.distill4j.trees.cart.TreeConfig;
import org.distill4j.trees.testing.TreeFixtures;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The student and conditional-teacher contracts for a classification tree fitted to soft targets. */
class ClassificationTreeContractTest extends StudentContract<ClassificationTree> {

    @Override
    protected ClassificationTree newStudent(long seed) {
        INDArray x = TreeFixtures.gaussian(400, 5, seed);
        INDArray p = TreeFixtures.softTargets(x, 3, seed + 1);
        return new CartTrainer(TreeConfig.builder().maxLeaves(24).minSamplesLeaf(3).build()).fitClassifier(x, p);
    }

    @Override
    protected ClassificationTree load(Path file) throws IOException {
        return ClassificationTree.load(file);
    }
}
