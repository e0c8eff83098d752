/**
 * The neural autoregressive distribution estimator (Larochelle and Murray, AISTATS 2011) with untied weights:
 * exact log-probabilities and their gradients in {@code O(HD)} per example, computed blockwise with matrix
 * products, ancestral sampling, any input ordering, and maximum-likelihood training with any ND4J updater. The
 * tractable student of Papamakarios (2015, arXiv:1510.02437, ch. 4), and a source of transfer inputs for model
 * compression (ch. 2).
 */
package org.distill4j.generative.nade;
