/**
 * The decision-tree model: {@link org.distill4j.trees.tree.TreeNodes} (immutable node arrays),
 * {@link org.distill4j.trees.tree.ClassificationTree} (leaves hold class probabilities; a
 * {@link org.distill4j.core.ConditionalTeacher}, so a tree can itself be distilled) and
 * {@link org.distill4j.trees.tree.RegressionTree} (vector leaves); saving in distill4j's model format
 * ({@link org.distill4j.trees.tree.TreeFiles}), JSON documents ({@link org.distill4j.trees.tree.TreeJson}) and
 * readable exports: Graphviz DOT and if/then rules ({@link org.distill4j.trees.tree.TreeExport}).
 * Classification and regression trees as in L. Breiman, J. Friedman, R. Olshen and C. Stone,
 * <i>Classification and Regression Trees</i>, 1984.
 */
package org.distill4j.trees.tree;
