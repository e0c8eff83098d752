package org.distill4j.trees.tree;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.DeserializationFeature;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Trees as human-readable JSON documents, for interchange and inspection:
 * <pre>
 * {"type": "classification" | "regression", "inputSize": d, "outputs": K,
 *  "nodes": [{"id": 0, "feature": 3, "threshold": 0.5, "left": 1, "right": 2,
 *             "samples": 100, "impurity": 0.42, "value": [0.3, 0.7]},
 *            {"id": 1, "samples": 60, "impurity": 0.0, "value": [0.0, 1.0]}, ...]}
 * </pre>
 * Leaves have no {@code feature}, {@code threshold}, {@code left} or {@code right}. Nodes are listed in index
 * order (flat, so that deep trees need no deep recursion). Thresholds and values are written as the shortest
 * decimals that read back to the same floats, and are read exactly: a tree survives the round trip unchanged.
 * Stateless and thread-safe.
 */
public final class TreeJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.INDENT_OUTPUT);

    private TreeJson() {
    }

    /** The JSON document of {@code tree}. */
    public static String write(DecisionTree tree) {
        checkNotNull(tree, "tree");
        TreeNodes nodes = tree.nodes();
        ObjectNode root = JSON.createObjectNode();
        root.put("type", tree instanceof ClassificationTree ? "classification" : "regression");
        root.put("inputSize", tree.inputSize());
        root.put("outputs", nodes.outputs());
        ArrayNode list = root.putArray("nodes");
        for (int i = 0; i < nodes.nodeCount(); i++) {
            ObjectNode node = list.addObject();
            node.put("id", i);
            if (!nodes.isLeaf(i)) {
                node.put("feature", nodes.feature(i));
                node.put("threshold", nodes.threshold(i));
                node.put("left", nodes.left(i));
                node.put("right", nodes.right(i));
            }
            node.put("samples", nodes.samples(i));
            node.put("impurity", nodes.impurity(i));
            ArrayNode value = node.putArray("value");
            for (int k = 0; k < nodes.outputs(); k++) {
                value.add(nodes.value(i, k));
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a tree as JSON", e);
        }
    }

    /**
     * Reads a tree written by {@link #write}.
     *
     * @return a {@link ClassificationTree} or a {@link RegressionTree}, as the document's {@code type} says
     * @throws IllegalArgumentException if the text is not such a document, naming the first problem
     */
    public static DecisionTree read(String json) {
        checkNotNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getOriginalMessage(), e);
        }
        checkArgument(root != null && root.isObject(), "a tree document must be a JSON object");
        String type = text(root, "type");
        checkArgument(type.equals("classification") || type.equals("regression"),
                "type must be \"classification\" or \"regression\", got \"%s\"", type);
        int inputSize = integer(root, "inputSize");
        int outputs = integer(root, "outputs");
        checkArgument(outputs >= 1, "outputs must be >= 1, got %s", outputs);
        JsonNode list = root.get("nodes");
        checkArgument(list != null && list.isArray() && list.size() >= 1, "nodes must be a non-empty array");
        int n = list.size();
        int[] feature = new int[n];
        float[] threshold = new float[n];
        int[] left = new int[n];
        int[] right = new int[n];
        float[] value = new float[Math.multiplyExact(n, outputs)];
        long[] samples = new long[n];
        double[] impurity = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode node = list.get(i);
            checkArgument(node.isObject(), "node %s must be an object", i);
            checkArgument(integer(node, "id") == i, "node %s has id %s: nodes must be listed in id order", i,
                    node.get("id"));
            if (node.has("feature")) {
                feature[i] = integer(node, "feature");
                threshold[i] = decimal(node, "threshold");
                left[i] = integer(node, "left");
                right[i] = integer(node, "right");
            } else {
                feature[i] = TreeNodes.LEAF;
                left[i] = -1;
                right[i] = -1;
            }
            JsonNode s = node.get("samples");
            checkArgument(s != null && s.canConvertToLong(), "node %s: samples must be an integer", i);
            samples[i] = s.longValue();
            JsonNode imp = node.get("impurity");
            checkArgument(imp != null && imp.isNumber(), "node %s: impurity must be a number", i);
            impurity[i] = imp.doubleValue();
            JsonNode v = node.get("value");
            checkArgument(v != null && v.isArray() && v.size() == outputs, "node %s: value must be an array of %s "
                    + "numbers", i, outputs);
            for (int k = 0; k < outputs; k++) {
                checkArgument(v.get(k).isNumber(), "node %s: value %s must be a number", i, k);
                value[i * outputs + k] = v.get(k).decimalValue().floatValue();
            }
        }
        TreeNodes nodes = TreeNodes.of(outputs, feature, threshold, left, right, value, samples, impurity);
        return type.equals("classification") ? ClassificationTree.of(inputSize, nodes)
                : RegressionTree.of(inputSize, nodes);
    }

    /** Writes {@link #write}'s document to {@code file} (UTF-8), replacing it. */
    public static void save(DecisionTree tree, Path file) throws IOException {
        checkNotNull(file, "file");
        Files.writeString(file, write(tree), StandardCharsets.UTF_8);
    }

    /**
     * Reads a document written by {@link #save}.
     *
     * @throws IOException if the file cannot be read or is not a valid tree document (the message says why)
     */
    public static DecisionTree load(Path file) throws IOException {
        checkNotNull(file, "file");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return read(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        checkArgument(v != null && v.isTextual(), "field %s must be a string, got %s", field, v);
        return v.asText();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        checkArgument(v != null && v.isIntegralNumber() && v.canConvertToInt(), "field %s must be an integer, got %s",
                field, v);
        return v.intValue();
    }

    private static float decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        checkArgument(v != null && v.isNumber(), "field %s must be a number, got %s", field, v);
        return v.decimalValue().floatValue();
    }
}
