package org.distill4j.trees.tree;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.file.Path;
import org.distill4j.core.ConditionalTeacher;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classification tree whose every node holds a class-probability vector, so that it can be fitted to a
 * teacher's soft targets and is itself a {@link ConditionalTeacher} (a tree can be re-distilled). Fitted by
 * {@code org.distill4j.trees.cart.CartTrainer} or grown by {@code org.distill4j.trees.extraction.ModelExtraction}.
 *
 * <p>{@link #predict} returns, for each row, the probability vector of the leaf it reaches, as a new
 * {@code [n, K]} FLOAT array. Immutable and thread-safe.
 */
public final class ClassificationTree extends DecisionTree implements ConditionalTeacher {

    /** How far a node's probabilities may sum from 1. */
    static final double SUM_TOLERANCE = 1e-4;

    private ClassificationTree(int inputSize, TreeNodes nodes) {
        super(inputSize, nodes);
    }

    /**
     * A classification tree over {@code inputSize} features.
     *
     * @param nodes every node's value must be a probability vector (entries in [0, 1] summing to 1 ± 1e-4)
     * @throws IllegalArgumentException if a node value is not a probability vector, or the tree tests a feature
     *     {@code >= inputSize}
     */
    public static ClassificationTree of(int inputSize, TreeNodes nodes) {
        for (int i = 0; i < nodes.nodeCount(); i++) {
            double sum = 0;
            for (int k = 0; k < nodes.outputs(); k++) {
                float p = nodes.value(i, k);
                checkArgument(p >= 0 && p <= 1, "class probability %s of node %s must be in [0, 1], got %s", k, i,
                        p);
                sum += p;
            }
            checkArgument(Math.abs(sum - 1) <= SUM_TOLERANCE,
                    "class probabilities of node %s must sum to 1, got %s", Integer.valueOf(i), Double.valueOf(sum));
        }
        return new ClassificationTree(inputSize, nodes);
    }

    /** The number of classes K. */
    @Override
    public int outputSize() {
        return super.outputSize();
    }

    /**
     * The class probabilities of the leaf each row reaches.
     *
     * @param inputs {@code [n, inputSize()]}, finite, not modified
     * @return a new caller-owned {@code [n, K]} FLOAT array whose rows sum to 1
     * @throws IllegalArgumentException if {@code inputs} is not a non-empty finite {@code [n, inputSize()]} batch
     */
    @Override
    public INDArray predict(INDArray inputs) {
        return predictValues(inputs);
    }

    /**
     * The most probable class of each row (ties to the lowest index).
     *
     * @param inputs {@code [n, inputSize()]}, finite, not modified
     */
    public int[] predictClasses(INDArray inputs) {
        int[] leaves = leafIndices(inputs);
        int[] classes = new int[leaves.length];
        for (int r = 0; r < leaves.length; r++) {
            classes[r] = argmax(leaves[r]);
        }
        return classes;
    }

    /** The most probable class at {@code node} (ties to the lowest index). */
    public int argmax(int node) {
        int best = 0;
        for (int k = 1; k < outputSize(); k++) {
            if (nodes().value(node, k) > nodes().value(node, best)) {
                best = k;
            }
        }
        return best;
    }

    /**
     * Saves this tree in distill4j's model format ({@link TreeFiles}): header {@code inputSize}, {@code outputs};
     * the node arrays as named arrays.
     */
    @Override
    public void save(Path file) throws IOException {
        TreeFiles.save(this, file);
    }

    /**
     * Loads a tree saved by {@link #save}.
     *
     * @throws IOException if the file is missing, not a model file of this type, or does not describe a valid
     *     tree (the message says what is wrong)
     */
    public static ClassificationTree load(Path file) throws IOException {
        return (ClassificationTree) TreeFiles.load(file, true);
    }
}
