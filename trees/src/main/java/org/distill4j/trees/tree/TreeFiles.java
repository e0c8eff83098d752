package org.distill4j.trees.tree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.core.io.ModelFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saving and loading trees in distill4j's model format ({@link ModelFile}): the JSON header holds
 * {@code inputSize} and {@code outputs}; the node arrays are stored exactly, as named arrays {@code feature},
 * {@code left}, {@code right} (INT32 {@code [nodes]}), {@code threshold} (FLOAT {@code [nodes]}), {@code value}
 * (FLOAT {@code [nodes, outputs]}), {@code samples} (INT64) and {@code impurity} (DOUBLE). A loaded file is
 * checked like any new tree ({@link TreeNodes#of}); a failure is an {@link IOException} naming the file.
 * For a human-readable JSON document of a tree see {@link TreeJson}. Stateless.
 */
public final class TreeFiles {

    /** The model type of saved classification trees. */
    public static final String CLASSIFICATION_TYPE = "org.distill4j.trees.ClassificationTree";
    /** The model type of saved regression trees. */
    public static final String REGRESSION_TYPE = "org.distill4j.trees.RegressionTree";
    /** The current version of the saved form. */
    public static final int MODEL_VERSION = 1;

    private TreeFiles() {
    }

    static void save(DecisionTree tree, Path file) throws IOException {
        TreeNodes nodes = tree.nodes();
        int n = nodes.nodeCount();
        int[][] ints = nodes.intArrays();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("inputSize", tree.inputSize());
        header.put("outputs", nodes.outputs());
        header.put("nodes", n);
        header.put("leaves", nodes.leafCount());
        header.put("depth", nodes.depth());
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("feature", Nd4j.createFromArray(ints[0]));
        arrays.put("left", Nd4j.createFromArray(ints[1]));
        arrays.put("right", Nd4j.createFromArray(ints[2]));
        arrays.put("threshold", Nd4j.createFromArray(nodes.thresholds()));
        arrays.put("value", Nd4j.create(nodes.valueMatrix(), new long[] {n, nodes.outputs()}, DataType.FLOAT));
        arrays.put("samples", Nd4j.createFromArray(nodes.sampleCounts()));
        arrays.put("impurity", Nd4j.createFromArray(nodes.impurities()));
        ModelFile.write(file, tree instanceof ClassificationTree ? CLASSIFICATION_TYPE : REGRESSION_TYPE,
                MODEL_VERSION, header, arrays);
    }

    static DecisionTree load(Path file, boolean classification) throws IOException {
        String type = classification ? CLASSIFICATION_TYPE : REGRESSION_TYPE;
        ModelFile.Contents contents;
        try {
            contents = ModelFile.read(file, type);
        } catch (RuntimeException e) {
            // Defence in depth: a damaged file must give an IOException, whatever the generic reader throws.
            throw new IOException(file + ": unreadable model file: " + e, e);
        }
        if (contents.modelVersion() > MODEL_VERSION) {
            throw new IOException(file + ": tree model version " + contents.modelVersion()
                    + " is newer than this library reads (" + MODEL_VERSION + ")");
        }
        long inputSize = contents.longField("inputSize");
        long outputs = contents.longField("outputs");
        if (inputSize < 1 || inputSize > Integer.MAX_VALUE || outputs < 1 || outputs > Integer.MAX_VALUE) {
            throw new IOException(file + ": header fields inputSize and outputs must be in [1, 2^31), got "
                    + inputSize + " and " + outputs);
        }
        try {
            TreeNodes nodes = TreeNodes.of((int) outputs, ints(contents, "feature", DataType.INT32),
                    array(contents, "threshold", DataType.FLOAT).toFloatVector(),
                    ints(contents, "left", DataType.INT32), ints(contents, "right", DataType.INT32),
                    array(contents, "value", DataType.FLOAT).toFloatVector(),
                    array(contents, "samples", DataType.INT64).toLongVector(),
                    array(contents, "impurity", DataType.DOUBLE).toDoubleVector());
            return classification ? ClassificationTree.of((int) inputSize, nodes)
                    : RegressionTree.of((int) inputSize, nodes);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(file + ": the file does not describe a valid tree: " + e.getMessage(), e);
        }
    }

    private static INDArray array(ModelFile.Contents contents, String name, DataType type) throws IOException {
        INDArray a = contents.array(name);
        if (a.dataType() != type) {
            throw new IOException(contents.file() + ": array '" + name + "' must be " + type + ", got "
                    + a.dataType());
        }
        return a.reshape(a.length());
    }

    private static int[] ints(ModelFile.Contents contents, String name, DataType type) throws IOException {
        return array(contents, name, type).toIntVector();
    }
}
