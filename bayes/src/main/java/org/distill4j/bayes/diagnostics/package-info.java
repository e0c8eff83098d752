/**
 * Convergence diagnostics of MCMC output: effective sample size by Geyer's initial monotone sequence estimator
 * (Geyer 1992, <i>Practical Markov chain Monte Carlo</i>, Statist. Sci. 7), its multi-chain form and split R-hat
 * (Gelman et al., <i>Bayesian Data Analysis</i> 3rd ed. §11.4–11.5; Vehtari, Gelman, Simpson, Carpenter &amp;
 * Bürkner 2021, <i>Rank-normalization, folding, and localization: an improved R-hat</i>, Bayesian Analysis 16(2)).
 */
package org.distill4j.bayes.diagnostics;
