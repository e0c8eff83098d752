/**
 * Representation distillation with learned filters: <b>Redundant Information Distillation</b> (RID, P.
 * Dissanayake et al., <i>Quantifying Knowledge Distillation Using Partial Information Decomposition</i>, AISTATS
 * 2025, arXiv:2411.07483) and its baseline <b>Variational Information Distillation</b> (VID, S. Ahn et al., CVPR
 * 2019, arXiv:1904.05835).
 *
 * <ul>
 *   <li>{@link org.distill4j.core.rid.VidTerm}: a regressor from a student representation to a teacher
 *       representation with a learned per-channel variance (a Gaussian variational bound on I(T;S));</li>
 *   <li>{@link org.distill4j.core.rid.RidTerm}: a teacher filter with a task head and a student filter, matched
 *       with learned per-channel scales; its teacher phase keeps the filtered teacher representation
 *       task-informative, so that the student is pulled only toward task-relevant (redundant) information;</li>
 *   <li>{@link org.distill4j.core.rid.RepresentationDistiller}: trains an {@code MlpStudent} on labelled
 *       transfer data with cross-entropy plus no term (the no-KD baseline), soft targets (plain KD), VID or RID,
 *       against a teacher exposing hidden representations (e.g. {@code MultiLayerNetworkTeacher}).</li>
 * </ul>
 * Every gradient is written by hand with ND4J and checked against central differences in the tests.
 */
package org.distill4j.core.rid;
