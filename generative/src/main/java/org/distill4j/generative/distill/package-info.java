/**
 * Distilling an intractable density (an RBM) into a tractable one (a NADE): persistent Gibbs chains of the teacher
 * feed the student's minibatches, so that maximising the NADE's likelihood on them minimises KL(RBM ‖ NADE)
 * (Papamakarios 2015, arXiv:1510.02437, ch. 4). The distilled NADE then estimates the RBM's partition function
 * ({@code org.distill4j.generative.logz}).
 */
package org.distill4j.generative.distill;
