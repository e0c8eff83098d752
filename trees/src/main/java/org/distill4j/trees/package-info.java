/**
 * Decision-tree students: CART trees fitted to a teacher's soft labels ({@code org.distill4j.trees.cart}), the
 * tree model with its exports ({@code org.distill4j.trees.tree}), model extraction with teacher queries (TREPAN,
 * M. Craven and J. Shavlik, NIPS 1995; O. Bastani, C. Kim and H. Bastani, <i>Interpreting blackbox models via
 * model extraction</i>, 2017, arXiv:1705.08504; {@code org.distill4j.trees.extraction}) and distillation of neural
 * networks into explicit trees through linear probes of their hidden representations (E. Boix-Adsera,
 * <i>Towards a theory of model distillation</i>, 2024, arXiv:2403.09053; {@code org.distill4j.trees.lrh}). This
 * module builds on {@code org.distill4j.core}.
 */
package org.distill4j.trees;
