/**
 * Distillation of intractable generative models (G. Papamakarios, <i>Distilling Model Knowledge</i>, 2015,
 * arXiv:1510.02437, ch. 4): restricted Boltzmann machines ({@code .rbm}) distilled into NADEs ({@code .nade},
 * {@code .distill}), which then estimate the RBM's partition function ({@code .logz}), compared with annealed
 * importance sampling ({@code .ais}, Salakhutdinov and Murray 2008) and, for small RBMs, the exact value. This
 * module builds on {@code org.distill4j.core}.
 */
package org.distill4j.generative;
