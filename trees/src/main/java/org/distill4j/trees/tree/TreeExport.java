package org.distill4j.trees.tree;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Readable forms of a tree: Graphviz DOT source (render with {@code dot -Tsvg}) and one if/then rule per leaf,
 * where the tests on a path are merged per feature into an interval ({@code 0.25 < x[7] <= 0.5}). Features and
 * classes are named by the caller's lists, or {@code x[i]} and {@code class k} when a list is empty. Numbers are
 * printed with four significant digits for reading; use {@link TreeJson} for exact values. Stateless.
 */
public final class TreeExport {

    private TreeExport() {
    }

    /**
     * Graphviz DOT source: one box per node with its test (or its class / value for leaves), sample count and
     * value vector; edges labelled {@code true} ({@code <=}, left) and {@code false}.
     *
     * @param featureNames empty, or one name per input feature
     * @param classNames empty, or one name per output (classes of a classification tree)
     * @throws IllegalArgumentException if a non-empty list has the wrong size
     */
    public static String toDot(DecisionTree tree, List<String> featureNames, List<String> classNames) {
        Names names = names(tree, featureNames, classNames);
        TreeNodes nodes = tree.nodes();
        StringBuilder out = new StringBuilder("digraph Tree {\n");
        out.append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        out.append("  edge [fontname=\"Helvetica\"];\n");
        for (int i = 0; i < nodes.nodeCount(); i++) {
            String head = nodes.isLeaf(i) ? outcome(tree, i, names)
                    : names.feature(nodes.feature(i)) + " <= " + number(nodes.threshold(i));
            String label = head + "\\nsamples = " + nodes.samples(i) + "\\nvalue = " + vector(nodes, i);
            out.append("  ").append(i).append(" [label=\"").append(escape(label)).append("\"];\n");
            if (!nodes.isLeaf(i)) {
                out.append("  ").append(i).append(" -> ").append(nodes.left(i)).append(" [label=\"true\"];\n");
                out.append("  ").append(i).append(" -> ").append(nodes.right(i)).append(" [label=\"false\"];\n");
            }
        }
        return out.append("}\n").toString();
    }

    /**
     * One line per leaf, in left-to-right order: {@code if <conditions> then <outcome> (samples = n)}; a tree
     * that is a single leaf gives {@code always <outcome>}.
     *
     * @param featureNames empty, or one name per input feature
     * @param classNames empty, or one name per output
     * @throws IllegalArgumentException if a non-empty list has the wrong size
     */
    public static String toRules(DecisionTree tree, List<String> featureNames, List<String> classNames) {
        Names names = names(tree, featureNames, classNames);
        TreeNodes nodes = tree.nodes();
        StringBuilder out = new StringBuilder();
        // iterative depth-first walk: a stack of nodes, each with its path bounds
        List<int[]> stack = new ArrayList<>();
        List<Bounds> bounds = new ArrayList<>();
        stack.add(new int[] {0});
        bounds.add(new Bounds(new TreeMap<>(), new TreeMap<>()));
        while (!stack.isEmpty()) {
            int node = stack.remove(stack.size() - 1)[0];
            Bounds b = bounds.remove(bounds.size() - 1);
            if (nodes.isLeaf(node)) {
                String condition = b.describe(names);
                out.append(condition.isEmpty() ? "always " : "if " + condition + " then ")
                        .append(outcome(tree, node, names)).append(" (samples = ").append(nodes.samples(node))
                        .append(")\n");
                continue;
            }
            int f = nodes.feature(node);
            float t = nodes.threshold(node);
            Bounds right = b.copy();
            right.lower.merge(f, t, Math::max);
            Bounds left = b.copy();
            left.upper.merge(f, t, Math::min);
            stack.add(new int[] {nodes.right(node)});
            bounds.add(right);
            stack.add(new int[] {nodes.left(node)});
            bounds.add(left);
        }
        return out.toString();
    }

    private record Bounds(TreeMap<Integer, Float> lower, TreeMap<Integer, Float> upper) {
        Bounds copy() {
            return new Bounds(new TreeMap<>(lower), new TreeMap<>(upper));
        }

        String describe(Names names) {
            TreeMap<Integer, String> parts = new TreeMap<>();
            for (Integer f : lower.navigableKeySet()) {
                parts.put(f, upper.containsKey(f)
                        ? number(lower.get(f)) + " < " + names.feature(f) + " <= " + number(upper.get(f))
                        : names.feature(f) + " > " + number(lower.get(f)));
            }
            for (Integer f : upper.navigableKeySet()) {
                parts.putIfAbsent(f, names.feature(f) + " <= " + number(upper.get(f)));
            }
            return String.join(" and ", parts.values());
        }
    }

    private record Names(List<String> features, List<String> classes) {
        String feature(int f) {
            return features.isEmpty() ? "x[" + f + "]" : features.get(f);
        }

        String output(int k) {
            return classes.isEmpty() ? "class " + k : classes.get(k);
        }
    }

    private static Names names(DecisionTree tree, List<String> featureNames, List<String> classNames) {
        checkNotNull(tree, "tree");
        checkNotNull(featureNames, "featureNames");
        checkNotNull(classNames, "classNames");
        checkArgument(featureNames.isEmpty() || featureNames.size() == tree.inputSize(),
                "featureNames must be empty or have %s names, got %s", tree.inputSize(), featureNames.size());
        checkArgument(classNames.isEmpty() || classNames.size() == tree.outputSize(),
                "classNames must be empty or have %s names, got %s", tree.outputSize(), classNames.size());
        return new Names(List.copyOf(featureNames), List.copyOf(classNames));
    }

    private static String outcome(DecisionTree tree, int node, Names names) {
        if (tree instanceof ClassificationTree classifier) {
            int k = classifier.argmax(node);
            return names.output(k) + " (p = " + number(tree.nodes().value(node, k)) + ")";
        }
        return vector(tree.nodes(), node);
    }

    private static String vector(TreeNodes nodes, int node) {
        StringBuilder s = new StringBuilder("[");
        for (int k = 0; k < nodes.outputs(); k++) {
            s.append(k == 0 ? "" : ", ").append(number(nodes.value(node, k)));
        }
        return s.append(']').toString();
    }

    private static String number(float v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceFirst("(\\.\\d*?)0+($|e)", "$1$2")
                .replaceFirst("\\.($|e)", "$1");
    }

    private static String escape(String label) {
        return label.replace("\"", "\\\"");
    }
}
