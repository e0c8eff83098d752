/**
 * Distillation of Bayesian posteriors: MCMC samplers, bags of
 * posterior samples as teachers, and batch and online distillation into compact predictive distributions
 * (G. Papamakarios, <i>Distilling Model Knowledge</i>, 2015, arXiv:1510.02437, ch. 3; Korattikara et al.,
 * <i>Bayesian Dark Knowledge</i>, NIPS 2015). This module builds on {@code org.distill4j.core}.
 */
package org.distill4j.bayes;
