/**
 * Online distillation of a posterior predictive for classification (Papamakarios 2015, <i>Distilling Model
 * Knowledge</i>, arXiv:1510.02437, ch. 3): a Markov chain advances while the student trains, each input of a
 * minibatch is paired with a different posterior sample and its single-sample target {@code p(y|x_n,θ_n)} (an
 * unbiased estimate of the Monte-Carlo predictive, so the cross-entropy gradient is right in expectation), and
 * nothing but the chain's current state is kept — no bag. {@link org.distill4j.bayes.online.OnlineDistiller}
 * measures what it holds, to compare with the bag batch distillation needs.
 */
package org.distill4j.bayes.online;
