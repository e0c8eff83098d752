/**
 * Model extraction: a classification tree grown on a teacher's answers, drawing new inputs inside a node's region
 * and asking the teacher where too few transfer points reach the node ({@link
 * org.distill4j.trees.extraction.ModelExtraction}). After M. Craven and J. Shavlik, <i>Extracting tree-structured
 * representations of trained networks</i>, NIPS 1995 (TREPAN: per-node sampling from marginal density estimates,
 * a minimum sample per node), and O. Bastani, C. Kim and H. Bastani, <i>Interpreting blackbox models via model
 * extraction</i>, 2017, arXiv:1705.08504 (sampling from an input model truncated to the node's region). The input
 * models are {@link org.distill4j.trees.extraction.RegionSamplers}.
 */
package org.distill4j.trees.extraction;
