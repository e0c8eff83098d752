package org.distill4j.trees.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DOT and if/then rules of small known trees. */
class TreeExportTest {

    /** x1 <= 0.5 ? (x0 <= 2 ? A : B) : (x1 <= 3 ? A : B), for 2 classes. */
    private static ClassificationTree twoLevels() {
        return ClassificationTree.of(2, TreeNodes.of(2, new int[] {1, 0, 1, -1, -1, -1, -1},
                new float[] {0.5f, 2f, 3f, 0, 0, 0, 0}, new int[] {1, 3, 5, -1, -1, -1, -1},
                new int[] {2, 4, 6, -1, -1, -1, -1},
                new float[] {.5f, .5f, .5f, .5f, .5f, .5f, 1, 0, 0, 1, .75f, .25f, .125f, .875f},
                new long[] {40, 20, 20, 10, 10, 10, 10}, new double[7]));
    }

    @Test
    void rulesMergeTheTestsOfAPathIntoIntervals() {
        assertThat(twoLevels().toRules()).isEqualTo(String.join("\n",
                "if x[0] <= 2 and x[1] <= 0.5 then class 0 (p = 1) (samples = 10)",
                "if x[0] > 2 and x[1] <= 0.5 then class 1 (p = 1) (samples = 10)",
                "if 0.5 < x[1] <= 3 then class 0 (p = 0.75) (samples = 10)",
                "if x[1] > 3 then class 1 (p = 0.875) (samples = 10)", ""));
        assertThat(TreeExport.toRules(twoLevels(), List.of("width", "height"), List.of("cat", "dog")))
                .startsWith("if width <= 2 and height <= 0.5 then cat (p = 1)");
    }

    @Test
    void aSingleLeafIsAlwaysItsOutcome() {
        RegressionTree leaf = RegressionTree.of(3, TreeNodes.of(2, new int[] {-1}, new float[1], new int[] {-1},
                new int[] {-1}, new float[] {1.5f, -0.25f}, new long[] {4}, new double[1]));
        assertThat(leaf.toRules()).isEqualTo("always [1.5, -0.25] (samples = 4)\n");
    }

    @Test
    void dotHasANodePerNodeAndTwoEdgesPerTest() {
        String dot = twoLevels().toDot();
        assertThat(dot).startsWith("digraph Tree {").endsWith("}\n");
        assertThat(dot.split("\\[label=\"x\\[", -1)).hasSize(1 + 3);
        assertThat(dot.split(" -> ", -1)).hasSize(1 + 6);
        assertThat(dot).contains("0 -> 1 [label=\"true\"]").contains("0 -> 2 [label=\"false\"]")
                .contains("class 1 (p = 0.875)\\nsamples = 10");
        assertThat(TreeExport.toDot(twoLevels(), List.of("a \"quoted\" name", "b"), List.of()))
                .contains("a \\\"quoted\\\" name <= 2");
    }

    @Test
    void nameListsMustFit() {
        assertThatThrownBy(() -> TreeExport.toRules(twoLevels(), List.of("only one"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("featureNames");
        assertThatThrownBy(() -> TreeExport.toDot(twoLevels(), List.of(), List.of("a", "b", "c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classNames");
    }
}
