/**
 * Where the inputs shown to the teacher come from (Papamakarios 2015, ch. 2, section 2.4: the transfer set):
 * fixed data whose teacher outputs are computed once and cached, Gaussian-perturbed data, samples from a
 * generator, uniform draws from a box or the hypercube {@code {±1}^d}, and combinations of these.
 * {@link org.distill4j.core.transfer.TransferSources} makes each.
 */
package org.distill4j.core.transfer;
