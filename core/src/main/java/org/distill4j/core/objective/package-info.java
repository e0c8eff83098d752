/**
 * Objectives: weighted sums of terms, each reported separately. Soft-target cross-entropy and KL with a
 * temperature (scaled by T², Hinton et al. 2015), hard-label cross-entropy, squared error on logits, and
 * derivative matching on log-probabilities (Papamakarios 2015, ch. 2, section 2.3).
 *
 * <p>A term is a pure function of what the student produced ({@link org.distill4j.core.objective.StudentOutputs})
 * and what the teacher said ({@link org.distill4j.core.objective.TeacherTargets}); it returns its value and its
 * gradients with respect to the student's logits and input-Jacobian, which the student then back-propagates.
 */
package org.distill4j.core.objective;
