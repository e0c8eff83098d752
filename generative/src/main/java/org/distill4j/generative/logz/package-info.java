/**
 * The log partition function {@code log Z} of an RBM: exact by enumerating the smaller layer, and estimated with a
 * tractable proposal (a NADE distilled from the RBM) by importance sampling and by bridge sampling (Papamakarios
 * 2015, arXiv:1510.02437, ch. 4; Meng and Wong 1996).
 */
package org.distill4j.generative.logz;
