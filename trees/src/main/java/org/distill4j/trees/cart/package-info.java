/**
 * Fitting CART trees (L. Breiman, J. Friedman, R. Olshen and C. Stone, <i>Classification and Regression Trees</i>,
 * 1984) to hard labels, soft labels (a teacher's probabilities) and vector targets:
 * {@link org.distill4j.trees.cart.CartTrainer} configured by {@link org.distill4j.trees.cart.TreeConfig}.
 * Features are binned once ({@link org.distill4j.trees.cart.BinnedFeatures}: exact for features with at most 256
 * distinct values, quantiles otherwise) and split candidates are scored from per-node histograms, with the
 * parent-minus-sibling subtraction of histogram-based tree learners (G. Ke et al., <i>LightGBM</i>, NIPS 2017);
 * growth is best-first under a leaf budget.
 */
package org.distill4j.trees.cart;
