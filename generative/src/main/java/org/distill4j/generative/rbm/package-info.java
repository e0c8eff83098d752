/**
 * Binary restricted Boltzmann machines, the intractable teacher of Papamakarios (2015, arXiv:1510.02437, ch. 4):
 * the model ({@link org.distill4j.generative.rbm.Rbm}, a {@link org.distill4j.core.DensityTeacher}), persistent
 * block-Gibbs chains, training by CD-k (Hinton 2002) and PCD (Tieleman 2008), and a NumPy-compatible folder format
 * so that Python users can hand in their RBMs.
 */
package org.distill4j.generative.rbm;
