/**
 * PAC-distillation certificates (E. Boix-Adsera, <i>Towards a theory of model distillation</i>, 2024,
 * arXiv:2403.09053, Definition 1): from the disagreement between student and teacher on m fresh draws, an upper
 * bound on the true disagreement {@code P_{x~D}[g(x) ≠ f(x)]} that holds with probability at least 1−δ (exact
 * Clopper–Pearson, and Hoeffding), and a planner for the m needed to certify a target (ε, δ).
 */
package org.distill4j.core.pac;
