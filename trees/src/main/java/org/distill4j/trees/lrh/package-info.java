/**
 * Distillation of neural networks into explicit decision trees through linear probes of their hidden
 * representations: the algorithm of E. Boix-Adsera, <i>Towards a theory of model distillation</i>, 2024
 * (arXiv:2403.09053), section 5, built on the linear representation hypothesis
 * ({@link org.distill4j.trees.lrh.LrhDistiller}: stage 1 {@link org.distill4j.trees.lrh.LinearProbeBeamSearch},
 * stage 2 {@link org.distill4j.trees.lrh.TreeDynamicProgram}), with the paper's learning task
 * ({@link org.distill4j.trees.lrh.RandomTreeTask}: random complete trees over {@code {±1}^d}) and a trainer for its
 * teacher ({@link org.distill4j.trees.lrh.TreeTaskTeacher}).
 */
package org.distill4j.trees.lrh;
