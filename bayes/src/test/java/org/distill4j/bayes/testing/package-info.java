/** Test fixtures of the bayes module: small models and exact-sampling chains. */
package org.distill4j.bayes.testing;
