/**
 * Bayesian models: log-posteriors with gradients for the samplers, and per-sample predictive distributions
 * that bags of posterior samples average (Papamakarios 2015, arXiv:1510.02437, ch. 3; Korattikara et al.,
 * <i>Bayesian Dark Knowledge</i>, NIPS 2015).
 */
package org.distill4j.bayes.model;
