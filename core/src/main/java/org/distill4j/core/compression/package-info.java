/**
 * Neural model compression with derivative matching (G. Papamakarios, <i>Distilling Model Knowledge</i>, MSc
 * thesis, Edinburgh 2015, arXiv:1510.02437, ch. 2): a small multilayer perceptron student
 * ({@link org.distill4j.core.compression.MlpStudent}, shaped by an
 * {@link org.distill4j.core.compression.MlpArchitecture}) trained by
 * {@link org.distill4j.core.compression.MlpTraining} to reproduce a teacher's predictive probabilities and,
 * optionally, the input-derivatives of its log-probabilities.
 *
 * <p>DL4J 1.0.0-M2.1 has no double back-propagation, so the student's input-Jacobian and the gradient of any
 * loss on it with respect to the weights are written out explicitly ({@code JacobianPropagation}): the thesis
 * uses Pearlmutter's R-operator for the same quantity. Everything is batched matrix algebra (gemm), with no
 * per-example loops.
 */
package org.distill4j.core.compression;
