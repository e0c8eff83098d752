/**
 * The vocabulary of distillation shared by every distill4j module: a {@link org.distill4j.core.Teacher} is
 * imitated by a {@link org.distill4j.core.Student}, which a {@link org.distill4j.core.Distiller} trains on
 * inputs from a {@link org.distill4j.core.transfer.TransferSource}, producing a
 * {@link org.distill4j.core.Distillation} whose {@link org.distill4j.core.DistillationReport} says how much
 * knowledge went across.
 *
 * <p>The framework follows G. Papamakarios, <i>Distilling Model Knowledge</i>, MSc thesis, University of
 * Edinburgh, 2015 (arXiv:1510.02437), ch. 1: a student observes the teacher and is penalised when it fails to
 * reproduce it. The certificate attached to every report is the PAC-distillation guarantee of E. Boix-Adsera,
 * <i>Towards a theory of model distillation</i>, 2024 (arXiv:2403.09053), Definition 1.
 */
package org.distill4j.core;
