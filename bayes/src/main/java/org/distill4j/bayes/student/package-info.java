/**
 * Classification students of posterior predictives: the thesis's mixture of K logistic (or softmax) regressors,
 * "a chain distilled into K representative samples", {@link org.distill4j.bayes.student.LogisticMixtureStudent},
 * and its batch distiller from a bag of samples, {@link org.distill4j.bayes.student.MixtureDistiller}
 * (Papamakarios 2015, <i>Distilling Model Knowledge</i>, arXiv:1510.02437, ch. 3). Neural softmax students need no
 * glue: core's {@link org.distill4j.core.compression.CompressionDistiller} takes a
 * {@link org.distill4j.bayes.bag.CategoricalPredictive} as its teacher.
 */
package org.distill4j.bayes.student;
