/**
 * How faithfully a student imitates a conditional teacher: top-1 agreement, KL(teacher‖student), total
 * variation, and the mean student log-probability of the teacher's labels (Papamakarios 2015, ch. 2 reports
 * agreement and log-probabilities).
 */
package org.distill4j.core.fidelity;
