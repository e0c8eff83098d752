/**
 * Information measures of distillation: how much a teacher representation T and a student representation S
 * tell about a task Y, split by partial information decomposition (PID) into redundancy, two unique parts and
 * synergy.
 *
 * <ul>
 *   <li>{@link org.distill4j.core.info.JointDistribution}: a discrete joint distribution of (Y, T, S), from a
 *       table ({@link org.distill4j.core.info.JointDistributionCsv}) or from samples;</li>
 *   <li>{@link org.distill4j.core.info.Information}: entropies and (conditional) mutual informations;</li>
 *   <li>{@link org.distill4j.core.info.BrojaPid}: the decomposition of N. Bertschinger, J. Rauh, E. Olbrich,
 *       J. Jost and N. Ay, <i>Quantifying unique information</i>, Entropy 16 (2014) 2161–2183, arXiv:1311.2852,
 *       solved exactly as the convex problem it is, with a duality-gap certificate;</li>
 *   <li>{@link org.distill4j.core.info.WilliamsBeerPid} (I_min, P. L. Williams and R. D. Beer, arXiv:1004.2515,
 *       2010) and {@link org.distill4j.core.info.MmiPid} (minimum mutual information), for comparison;</li>
 *   <li>{@link org.distill4j.core.info.GaussianPid}: jointly Gaussian variables from a covariance (MMI, which
 *       is the Gaussian BROJA value for a scalar target: A. B. Barrett, Phys. Rev. E 91, 052802, 2015);</li>
 *   <li>{@link org.distill4j.core.info.GaussianBroja}: the BROJA value restricted to Gaussians for vector
 *       targets and sources (an optimisation over the sources' cross-covariance given the target);</li>
 *   <li>{@link org.distill4j.core.info.KnowledgeEstimator}: from teacher and student representations on a
 *       labelled set, the <b>distillable knowledge</b> Uni(Y:T\S) and the <b>distilled knowledge</b>
 *       Red(Y:T,S) of P. Dissanayake et al., <i>Quantifying Knowledge Distillation Using Partial Information
 *       Decomposition</i>, AISTATS 2025, arXiv:2411.07483, with a bootstrap interval.;</li>
 *   <li>{@link org.distill4j.core.info.KnowledgeTracker}: a distillation listener following both numbers over the
 *       epochs of a run, and {@link org.distill4j.core.info.LayerKnowledgeReport}: both numbers for every
 *       (or every matched) pair of teacher and student layers.</li>
 * </ul>
 * All measures are computed in {@code double}; bits unless an {@link org.distill4j.core.info.InformationUnit}
 * says otherwise.
 */
package org.distill4j.core.info;
