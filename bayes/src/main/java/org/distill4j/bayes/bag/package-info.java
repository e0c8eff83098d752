/**
 * Bags of posterior samples: {@link org.distill4j.bayes.bag.PosteriorBag} stores S samples of a
 * {@link org.distill4j.bayes.model.PredictiveModel}'s parameters (saved and loaded with core's
 * {@link org.distill4j.core.io.ModelFile}, the model described by a {@link org.distill4j.bayes.bag.ModelCodec}),
 * and {@link org.distill4j.bayes.bag.CategoricalPredictive} turns a bag of a classification model into the
 * Monte-Carlo posterior predictive {@code p(y|x,D) ≈ (1/S) Σ_s p(y|x,θ_s)}, a core conditional teacher
 * (Papamakarios 2015, <i>Distilling Model Knowledge</i>, arXiv:1510.02437, ch. 3).
 */
package org.distill4j.bayes.bag;
