/**
 * Progress of a distillation: {@link org.distill4j.core.progress.DistillationListener}s receive epoch and batch
 * events (losses per term, validation fidelity, ETA); {@link org.distill4j.core.progress.Listeners} has the
 * SLF4J logger and early stopping helpers.
 */
package org.distill4j.core.progress;
