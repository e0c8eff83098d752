/**
 * Annealed importance sampling of an RBM's partition function (Neal 2001; Salakhutdinov and Murray, <i>On the
 * quantitative analysis of deep belief networks</i>, ICML 2008): from a base-rate model fitted to the data, along
 * the geometric path to the RBM, with their schedule of about 14,500 inverse temperatures and parallel runs, as in
 * {@code shared/bench/rbm_ais.py}. The baseline the NADE estimators of Papamakarios (2015, ch. 4) are compared to.
 */
package org.distill4j.generative.ais;
