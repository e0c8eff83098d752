/**
 * MCMC samplers over the posteriors of {@link org.distill4j.bayes.model}: Hamiltonian Monte Carlo, slice sampling,
 * stochastic-gradient Langevin dynamics, and their diagnostics.
 */
package org.distill4j.bayes.sampler;
