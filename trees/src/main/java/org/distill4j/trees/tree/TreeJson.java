package org.distill4j.trees.tree;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;
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
 *
 * <p>Files ({@link #save}, {@link #load}) wrap that document in a versioned, checksummed envelope, still JSON:
 * <pre>
 * {"format": "distill4j-tree", "formatVersion": 1, "crc32": "1a2b3c4d", "tree": {...}}
 * </pre>
 * where {@code crc32} is the CRC32 (8 lowercase hex digits) of the UTF-8 bytes of the {@code "tree"} value's exact
 * text in the file. Loading checks the format name, the version (a newer one is refused, naming both), the
 * checksum, the size of the file ({@value #MAX_FILE_BYTES} bytes at most), the nesting of the JSON and every
 * declared size against the document before allocating from it; anything wrong is an {@link IOException} that
 * says what. Stateless and thread-safe.
 */
public final class TreeJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.INDENT_OUTPUT);
    /** Reads numbers as doubles, which keep the sign of a zero (BigDecimal has no negative zero). */
    private static final ObjectMapper SIGNED_ZEROS = new ObjectMapper();
    private static final Pattern NEGATIVE_ZERO = Pattern.compile("-0(?:\\.0*)?(?:[eE][-+]?[0-9]+)?(?![0-9.eE])");

    /** The {@code format} of tree files. */
    public static final String FORMAT = "distill4j-tree";
    /** The version of the tree file format that this library writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** The largest tree file {@link #load} reads (the parsed document takes several times this on the heap). */
    public static final long MAX_FILE_BYTES = 256L << 20;
    /** How deeply JSON arrays and objects may nest in a tree file (a tree document needs 4). */
    static final int MAX_NESTING = 32;

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
        checkArgument(nesting(json) <= MAX_NESTING, "JSON arrays and objects nest deeper than %s", MAX_NESTING);
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
        checkArgument((long) n * outputs <= json.length(), "outputs %s x %s nodes values cannot fit in a document "
                + "of %s characters", outputs, n, json.length());
        JsonNode signed = NEGATIVE_ZERO.matcher(json).find() ? parse(SIGNED_ZEROS, json).get("nodes") : null;
        int[] feature = new int[n];
        float[] threshold = new float[n];
        int[] left = new int[n];
        int[] right = new int[n];
        float[] value = new float[n * outputs];
        long[] samples = new long[n];
        double[] impurity = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode node = list.get(i);
            JsonNode signedNode = signed == null ? null : signed.get(i);
            checkArgument(node.isObject(), "node %s must be an object", i);
            checkArgument(integer(node, "id") == i, "node %s has id %s: nodes must be listed in id order", i,
                    node.get("id"));
            if (node.has("feature")) {
                feature[i] = integer(node, "feature");
                threshold[i] = decimal(node, "threshold", signedNode);
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
            impurity[i] = imp.doubleValue() == 0 && negativeZero(signedNode, "impurity", -1) ? -0.0
                    : imp.doubleValue();
            JsonNode v = node.get("value");
            checkArgument(v != null && v.isArray() && v.size() == outputs, "node %s: value must be an array of %s "
                    + "numbers", i, outputs);
            for (int k = 0; k < outputs; k++) {
                checkArgument(v.get(k).isNumber(), "node %s: value %s must be a number", i, k);
                float f = v.get(k).decimalValue().floatValue();
                value[i * outputs + k] = f == 0 && negativeZero(signedNode, "value", k) ? -0f : f;
            }
        }
        TreeNodes nodes = TreeNodes.of(outputs, feature, threshold, left, right, value, samples, impurity);
        return type.equals("classification") ? ClassificationTree.of(inputSize, nodes)
                : RegressionTree.of(inputSize, nodes);
    }

    /**
     * Writes {@code tree} to {@code file} as a tree file (UTF-8): {@link #write}'s document in the versioned,
     * checksummed envelope. The file is written next to the target and moved over it, so that a crash leaves the
     * old file or the new one, not a mix.
     */
    public static void save(DecisionTree tree, Path file) throws IOException {
        checkNotNull(file, "file");
        String text = TreeJsonEnvelope.wrap(write(tree));
        Path absolute = file.toAbsolutePath();
        Path tmp = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a tree file written by {@link #save}.
     *
     * @return a {@link ClassificationTree} or a {@link RegressionTree}, as the document's {@code type} says
     * @throws IOException if the file cannot be read, is larger than {@link #MAX_FILE_BYTES}, is not a tree file,
     *     was written by a newer format version, fails its checksum (truncated or corrupted) or does not describe
     *     a valid tree; the message names the file and the problem
     */
    public static DecisionTree load(Path file) throws IOException {
        checkNotNull(file, "file");
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + ": a tree file holds at most " + MAX_FILE_BYTES + " bytes, this one has "
                    + size);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return read(TreeJsonEnvelope.unwrap(text));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The deepest nesting of JSON arrays and objects in {@code json}, ignoring brackets inside strings. */
    static int nesting(String json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return deepest;
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

    /** The float nearest to the exact decimal, with the sign of a zero from the double-parsed {@code signed}. */
    private static float decimal(JsonNode node, String field, JsonNode signed) {
        JsonNode v = node.get(field);
        checkArgument(v != null && v.isNumber(), "field %s must be a number, got %s", field, v);
        float f = v.decimalValue().floatValue();
        return f == 0 && negativeZero(signed, field, -1) ? -0f : f;
    }

    /** Whether {@code signed.field} (or its entry {@code index}, if >= 0) is a negative zero. */
    private static boolean negativeZero(JsonNode signed, String field, int index) {
        JsonNode v = signed == null ? null : signed.get(field);
        if (v != null && index >= 0) {
            v = v.get(index);
        }
        return v != null && v.isNumber() && Double.doubleToRawLongBits(v.doubleValue()) == Long.MIN_VALUE;
    }

    private static JsonNode parse(ObjectMapper mapper, String json) {
        try {
            JsonNode root = mapper.readTree(json);
            return root == null ? org.nd4j.shade.jackson.databind.node.NullNode.getInstance() : root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getOriginalMessage(), e);
        }
    }
}
