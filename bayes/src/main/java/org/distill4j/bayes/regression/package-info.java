/**
 * Regression with Gaussian responses, after Korattikara, Rathod, Murphy &amp; Welling, <i>Bayesian Dark
 * Knowledge</i>, NIPS 2015: the Monte-Carlo predictive of a bag of posterior samples ({@link
 * org.distill4j.bayes.regression.GaussianPredictive}), a Gaussian student {@code N(μ(x), e^{α(x)})} with mean and
 * log-variance heads ({@link org.distill4j.bayes.regression.GaussianRegressionStudent}), its batch distiller from a
 * bag ({@link org.distill4j.bayes.regression.GaussianRegressionDistiller}) and online Distilled SGLD (Algorithm 1,
 * {@link org.distill4j.bayes.regression.DistilledSgld}).
 */
package org.distill4j.bayes.regression;
