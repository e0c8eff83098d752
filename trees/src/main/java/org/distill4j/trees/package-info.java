/**
 * Decision-tree students (planned; see the project's issue tracker): model extraction with teacher queries
 * (TREPAN, Craven and Shavlik 1995; Bastani et al. 2017) and distillation of neural networks into explicit
 * trees through linear probes of their hidden representations (E. Boix-Adsera, <i>Towards a theory of model
 * distillation</i>, 2024, arXiv:2403.09053). This module builds on {@code org.distill4j.core}.
 */
package org.distill4j.trees;
