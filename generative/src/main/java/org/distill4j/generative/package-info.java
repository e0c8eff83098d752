/**
 * Distillation of intractable generative models (planned; see the project's issue tracker): restricted
 * Boltzmann machines distilled into NADEs, which then estimate the RBM's partition function
 * (G. Papamakarios, <i>Distilling Model Knowledge</i>, 2015, arXiv:1510.02437, ch. 4). This module builds on
 * {@code org.distill4j.core}.
 */
package org.distill4j.generative;
