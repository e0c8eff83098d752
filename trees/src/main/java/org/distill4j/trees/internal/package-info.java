/**
 * Internals shared by the tree distillers of this module, public only so that several packages can use them: not
 * part of the API, may change without notice. {@link org.distill4j.trees.internal.QueryLog} logs a teacher's
 * answers so that model extraction ({@code org.distill4j.trees.extraction}) and LRH distillation
 * ({@code org.distill4j.trees.lrh}; E. Boix-Adsera, <i>Towards a theory of model distillation</i>, 2024,
 * arXiv:2403.09053) can checkpoint and resume without asking the teacher again.
 */
package org.distill4j.trees.internal;
