package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.bayes.model.LogDensity;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.random.SplitMix64;

/**
 * Univariate slice sampling applied to each coordinate in turn, with stepping out and shrinkage (Neal 2003,
 * <i>Slice sampling</i>, Ann. Statist. 31(3), Figs. 3 and 5); the sampler of the thesis's Bayesian logistic
 * regression (Papamakarios 2015, arXiv:1510.02437, ch. 3). One {@link #next()} updates every coordinate once;
 * it needs no gradient and leaves the target invariant for any width.
 *
 * <p><b>Divergences.</b> A NaN log-density at a trial point is treated as outside the slice and counted; an
 * update that does not find a point within {@link SliceConfig#maxShrinks()} shrinkage steps keeps the coordinate
 * and is counted. {@link ChainStats#acceptanceRate()} is the fraction of coordinate updates that found a new point.
 *
 * <p>{@link #saveState()} captures the position, its log-density, the random stream and the counters, so a restored
 * chain continues identically.
 *
 * <p>Not thread-safe (a chain is sequential); buffers are allocated once.
 */
public final class SliceSampler implements ReportingChain, CheckpointableChain {

    private final LogDensity density;
    private final SliceConfig config;
    private final SplitMix64 rng;
    private final double[] theta;
    private double logP;
    private long iterations;
    private long divergences;
    private long evaluations;
    private long updates;
    private long failedUpdates;

    /**
     * A chain started at {@code initial}.
     *
     * @param density the target; its log-density must be finite at {@code initial}
     * @param initial {@code [d]}, copied
     * @param config  the configuration
     */
    public SliceSampler(LogDensity density, double[] initial, SliceConfig config) {
        this.density = checkNotNull(density, "density");
        this.config = checkNotNull(config, "config");
        checkNotNull(initial, "initial");
        checkArgument(initial.length == density.dimension(), "initial must have the density's dimension %s, got %s",
                density.dimension(), initial.length);
        this.theta = initial.clone();
        this.logP = density.logDensity(theta, null);
        this.evaluations = 1;
        checkArgument(Double.isFinite(logP), "the log-density must be finite at the initial state, got %s", logP);
        this.rng = new SplitMix64(config.seed());
    }

    @Override
    public int dimension() {
        return theta.length;
    }

    @Override
    public double[] state() {
        return theta.clone();
    }

    @Override
    public double[] next() {
        for (int j = 0; j < theta.length; j++) {
            updateCoordinate(j);
        }
        iterations++;
        return theta.clone();
    }

    private double evaluate(int j, double value) {
        theta[j] = value;
        double lp = density.logDensity(theta, null);
        evaluations++;
        if (Double.isNaN(lp)) {
            divergences++;
            return Double.NEGATIVE_INFINITY;
        }
        return lp;
    }

    private void updateCoordinate(int j) {
        updates++;
        double x0 = theta[j];
        double level = logP + Math.log(rng.nextDouble()); // log of the slice height; log(0) = -inf is harmless
        double w = config.width();
        double left = x0 - w * rng.nextDouble();
        double right = left + w;
        int m = config.maxStepsOut();
        int jLeft = m == 0 ? 0 : (int) Math.floor(m * rng.nextDouble());
        int kRight = m == 0 ? 0 : m - 1 - jLeft;
        while (jLeft > 0 && evaluate(j, left) > level) {
            left -= w;
            jLeft--;
        }
        while (kRight > 0 && evaluate(j, right) > level) {
            right += w;
            kRight--;
        }
        for (int s = 0; s < config.maxShrinks(); s++) {
            double x1 = left + rng.nextDouble() * (right - left);
            double lp = evaluate(j, x1);
            if (lp > level) {
                logP = lp;
                return; // theta[j] = x1 already
            }
            if (x1 < x0) {
                left = x1;
            } else {
                right = x1;
            }
        }
        theta[j] = x0;
        failedUpdates++;
        divergences++;
    }

    @Override
    public RunState saveState() {
        return ChainStates.writing(SliceSampler.class, theta.length).put("theta", theta).put("logDensity", logP)
                .put("iterations", iterations).put("divergences", divergences).put("evaluations", evaluations)
                .put("updates", updates).put("failedUpdates", failedUpdates).put("rng", rng.state()).build();
    }

    @Override
    public void restoreState(RunState state) {
        RunState s = ChainStates.reading(state, SliceSampler.class, theta.length);
        double[] t = s.doubles("theta", theta.length);
        double lp = ChainStates.scalar(s, "logDensity");
        long[] c = {s.longField("iterations"), s.longField("divergences"), s.longField("evaluations"),
                s.longField("updates"), s.longField("failedUpdates"), s.longField("rng")};
        System.arraycopy(t, 0, theta, 0, theta.length);
        logP = lp;
        iterations = c[0];
        divergences = c[1];
        evaluations = c[2];
        updates = c[3];
        failedUpdates = c[4];
        rng.setState(c[5]);
    }

    @Override
    public ChainStats stats() {
        double rate = updates == 0 ? Double.NaN : 1.0 - (double) Math.min(updates, failedUpdates) / updates;
        return new ChainStats(iterations, 0, rate, divergences, 0, evaluations, config.width());
    }
}
