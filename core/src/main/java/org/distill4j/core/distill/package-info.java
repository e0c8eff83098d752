/**
 * The distillation loop shared by every distiller: {@link org.distill4j.core.distill.AbstractDistiller} owns
 * epochs, batches, validation, early stopping, failure handling, the PAC certificate and the report, and asks its
 * subclass for one step at a time (template methods {@code prepare}, {@code nextBatch}, {@code step},
 * {@code evaluate}, {@code shouldStop}). {@link org.distill4j.core.distill.TeacherQueries} answers batches with
 * a conditional teacher's targets, caching answers for fixed transfer data.
 */
package org.distill4j.core.distill;
