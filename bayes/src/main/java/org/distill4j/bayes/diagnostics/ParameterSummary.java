package org.distill4j.bayes.diagnostics;

/**
 * The posterior summary of one coordinate of MCMC output.
 *
 * @param index    the coordinate j
 * @param mean     the mean of all draws
 * @param sd       their standard deviation
 * @param mcse     Monte-Carlo standard error of the mean, {@code sd / sqrt(ess)}
 * @param ess      multi-chain effective sample size ({@link EffectiveSampleSize#multiChain})
 * @param rhat     split R-hat ({@link SplitRhat})
 * @param q05      5 % quantile
 * @param q50      median
 * @param q95      95 % quantile
 */
public record ParameterSummary(int index, double mean, double sd, double mcse, double ess, double rhat, double q05,
        double q50, double q95) {
}
