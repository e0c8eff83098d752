/**
 * Teacher capabilities and adapters: input derivatives ({@link org.distill4j.core.teacher.HasInputJacobian}),
 * hidden representations ({@link org.distill4j.core.teacher.HasHiddenRepresentation}), DL4J networks,
 * ensembles averaging probabilities (Papamakarios 2015, ch. 2) and black boxes.
 */
package org.distill4j.core.teacher;
