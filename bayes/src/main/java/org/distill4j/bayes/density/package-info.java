/**
 * The thesis's density-estimation example (Papamakarios 2015, arXiv:1510.02437, ch. 3): a 1-D Gaussian mixture
 * with unknown means and known weights and variance; its posterior over the means ({@link
 * org.distill4j.bayes.density.MixtureMeansPosterior}); the Monte-Carlo predictive density of a bag of mean samples
 * ({@link org.distill4j.bayes.density.MixturePredictive}); a Gaussian-mixture student ({@link
 * org.distill4j.bayes.density.GmmStudent}) fitted to the predictive by batch EM ({@link
 * org.distill4j.bayes.density.BatchEmDistiller}) or by stepwise, online EM from a running chain (Cappé &amp;
 * Moulines 2009, {@link org.distill4j.bayes.density.StepwiseEmDistiller}); and deterministic 1-D KL divergences
 * ({@link org.distill4j.bayes.density.DensityKl}).
 */
package org.distill4j.bayes.density;
