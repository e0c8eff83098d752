/**
 * Numerical building blocks shared by the generative module: softplus that cannot overflow, log-sum-exp and
 * log-mean-exp in {@code double}, the effective sample size of importance weights, and checks that data are
 * binary. Everything here is stateless and thread-safe.
 */
package org.distill4j.generative.math;
