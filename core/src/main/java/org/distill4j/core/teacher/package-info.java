/**
 * Teacher capabilities and adapters. Capabilities: input derivatives
 * ({@link org.distill4j.core.teacher.HasInputJacobian}, for derivative matching, Papamakarios 2015, arXiv
 * 1510.02437, ch. 2), hidden representations ({@link org.distill4j.core.teacher.HasHiddenRepresentation}, for
 * linear probes, Boix-Adsera 2024, arXiv 2403.09053) and parameter counts
 * ({@link org.distill4j.core.teacher.HasParameterCount}, for compression ratios). Adapters: DL4J networks
 * ({@link org.distill4j.core.teacher.MultiLayerNetworkTeacher},
 * {@link org.distill4j.core.teacher.ComputationGraphTeacher}, exact Jacobians), ensembles averaging probabilities
 * ({@link org.distill4j.core.teacher.EnsembleTeacher}, trained by
 * {@link org.distill4j.core.teacher.EnsembleTrainer}) and black boxes
 * ({@link org.distill4j.core.teacher.BlackBoxTeacher}, finite-difference Jacobians, flagged as inexact).
 */
package org.distill4j.core.teacher;
