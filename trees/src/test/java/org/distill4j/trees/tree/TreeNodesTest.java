package org.distill4j.trees.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Structural checks of node arrays. */
class TreeNodesTest {

    /** A stump on feature 1 at 0.5 with two leaves. */
    static TreeNodes stump() {
        return TreeNodes.of(2, new int[] {1, -1, -1}, new float[] {0.5f, 0, 0}, new int[] {1, -1, -1},
                new int[] {2, -1, -1}, new float[] {0.5f, 0.5f, 0.9f, 0.1f, 0.2f, 0.8f}, new long[] {10, 5, 5},
                new double[] {0.5, 0.18, 0.32});
    }

    @Test
    void routesRowsAndCountsLeaves() {
        TreeNodes nodes = stump();
        assertThat(nodes.leafCount()).isEqualTo(2);
        assertThat(nodes.depth()).isEqualTo(1);
        assertThat(nodes.leafOf(new float[] {9, 0.5f}, 0)).isEqualTo(1);
        assertThat(nodes.leafOf(new float[] {0, 9, 0.7f}, 1)).isEqualTo(2);
        assertThat(nodes.values(2)).containsExactly(0.2f, 0.8f);
        assertThat(nodes).isEqualTo(stump()).hasSameHashCodeAs(stump());
    }

    @Test
    void rejectsInconsistentArrays() {
        assertThatThrownBy(() -> TreeNodes.of(1, new int[] {0, -1, -1}, new float[3], new int[] {1, -1, -1},
                new int[] {1, -1, -1}, new float[3], new long[3], new double[3])).hasMessageContaining("two parents");
        assertThatThrownBy(() -> TreeNodes.of(1, new int[] {0, -1, -1}, new float[3], new int[] {0, -1, -1},
                new int[] {2, -1, -1}, new float[3], new long[3], new double[3])).hasMessageContaining("children");
        assertThatThrownBy(() -> TreeNodes.of(1, new int[] {-1, -1}, new float[2], new int[] {-1, -1},
                new int[] {-1, -1}, new float[2], new long[2], new double[2])).hasMessageContaining("not reachable");
        assertThatThrownBy(() -> TreeNodes.of(1, new int[] {0, -1, -1}, new float[] {Float.NaN, 0, 0},
                new int[] {1, -1, -1}, new int[] {2, -1, -1}, new float[3], new long[3], new double[3]))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> TreeNodes.of(2, new int[] {-1}, new float[1], new int[] {-1}, new int[] {-1},
                new float[1], new long[1], new double[1])).hasMessageContaining("value");
        assertThatThrownBy(() -> TreeNodes.of(1, new int[0], new float[0], new int[0], new int[0], new float[0],
                new long[0], new double[0])).hasMessageContaining("at least one node");
        assertThatThrownBy(() -> TreeNodes.of(1, new int[] {-2}, new float[1], new int[] {-1}, new int[] {-1},
                new float[1], new long[1], new double[1])).hasMessageContaining("feature");
    }

    @Test
    void treesCheckFeaturesAndProbabilities() {
        assertThatThrownBy(() -> ClassificationTree.of(1, stump())).hasMessageContaining("feature 1")
                .hasMessageContaining("inputSize is 1");
        TreeNodes notProbabilities = TreeNodes.of(2, new int[] {-1}, new float[1], new int[] {-1}, new int[] {-1},
                new float[] {0.7f, 0.7f}, new long[1], new double[1]);
        assertThatThrownBy(() -> ClassificationTree.of(3, notProbabilities)).hasMessageContaining("sum to 1");
        assertThat(RegressionTree.of(3, notProbabilities).parameterCount()).isEqualTo(2);
        assertThat(ClassificationTree.of(2, stump()).parameterCount()).isEqualTo(2 + 2 * 2);
    }
}
