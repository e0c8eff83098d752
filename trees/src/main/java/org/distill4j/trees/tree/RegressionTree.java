package org.distill4j.trees.tree;

import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A regression tree whose nodes hold vectors of {@link #outputSize()} real values (the mean target of the
 * training rows that reached them; multi-output squared error, CART). It is a {@link org.distill4j.core.Student}
 * that imitates real-valued outputs (logits, scores, several probabilities at once), not a conditional teacher.
 *
 * <p>Immutable and thread-safe.
 */
public final class RegressionTree extends DecisionTree {

    private RegressionTree(int inputSize, TreeNodes nodes) {
        super(inputSize, nodes);
    }

    /**
     * A regression tree over {@code inputSize} features.
     *
     * @throws IllegalArgumentException if the tree tests a feature {@code >= inputSize}
     */
    public static RegressionTree of(int inputSize, TreeNodes nodes) {
        return new RegressionTree(inputSize, nodes);
    }

    /**
     * The value vector of the leaf each row reaches.
     *
     * @param inputs {@code [n, inputSize()]}, finite, not modified
     * @return a new caller-owned {@code [n, outputSize()]} FLOAT array
     * @throws IllegalArgumentException if {@code inputs} is not a non-empty finite {@code [n, inputSize()]} batch
     */
    public INDArray predict(INDArray inputs) {
        return predictValues(inputs);
    }

    /** Saves this tree in distill4j's model format ({@link TreeFiles}). */
    @Override
    public void save(Path file) throws IOException {
        TreeFiles.save(this, file);
    }

    /**
     * Loads a tree saved by {@link #save}.
     *
     * @throws IOException if the file is missing, not a model file of this type, or does not describe a valid
     *     tree
     */
    public static RegressionTree load(Path file) throws IOException {
        return (RegressionTree) TreeFiles.load(file, false);
    }
}
