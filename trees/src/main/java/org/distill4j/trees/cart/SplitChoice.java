package org.distill4j.trees.cart;

/**
 * A split chosen by a {@link NodeSplitter}: rows whose bin of {@code feature} is at most {@code bin} (equivalently,
 * whose value is at most {@code threshold}) go left.
 *
 * @param feature the feature tested
 * @param bin the last bin sent left
 * @param threshold the threshold of the test {@code x[feature] <= threshold}
 * @param gain the decrease of {@code n · impurity} over the node's rows, {@code > 0}
 * @param leftCount the number of the node's rows sent left
 */
public record SplitChoice(int feature, int bin, float threshold, double gain, long leftCount) {
}
