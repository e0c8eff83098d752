package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.distill4j.bayes.model.LogDensity;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.random.SplitMix64;

/**
 * Hamiltonian Monte Carlo (Neal 2011, <i>MCMC using Hamiltonian dynamics</i>, Handbook of MCMC ch. 5): each
 * transition draws a momentum {@code p ~ N(0, M)}, follows L leapfrog steps of size ε and accepts the end point
 * with probability {@code min(1, exp(ΔH))}. During the first {@link HmcConfig#warmup()} iterations ε is tuned by
 * dual averaging towards the target acceptance (Hoffman &amp; Gelman 2014, JMLR 15, Algorithm 5) and, with a
 * {@link HmcConfig.MassMatrix#DIAGONAL} mass matrix, {@code M⁻¹} is set to the regularised variance of the draws
 * in doubling windows (Stan's windowed adaptation: a 75-iteration initial buffer, windows from 25, a 50-iteration
 * terminal buffer; 15 % / 75 % / 10 % of a warm-up shorter than 150), dual averaging restarting after each window.
 * Afterwards ε is the averaged value and nothing adapts: the kept chain is a valid Markov chain.
 *
 * <p><b>Divergences.</b> A proposal whose log-density or gradient becomes non-finite on the trajectory, or whose
 * energy error exceeds {@link #DIVERGENCE_ENERGY}, is rejected and counted; the chain stays at the last good state.
 *
 * <p>{@link #saveState()} captures everything a transition depends on (position, gradient, random stream, step
 * size, dual-averaging and mass-matrix window state, counters), so a restored chain continues identically.
 *
 * <p>The gradient at the current state is reused, so a proposal costs L gradient evaluations. Buffers are
 * allocated once; {@link #next()} allocates only the returned copy. Not thread-safe (a chain is sequential).
 */
public final class Hmc implements ReportingChain, CheckpointableChain {

    /** An energy error {@code H(end) − H(start)} above this counts as a divergence (Stan's threshold). */
    public static final double DIVERGENCE_ENERGY = 1000;

    private static final int INIT_BUFFER = 75;
    private static final int TERM_BUFFER = 50;
    private static final int BASE_WINDOW = 25;

    private final LogDensity density;
    private final HmcConfig config;
    private final SplitMix64 rng;
    private final int d;
    private double[] theta;
    private double[] grad;
    private double logP;
    private double[] proposal;
    private double[] proposalGrad;
    private final double[] momentum;
    private final double[] invMass;
    private final double[] windowMean;
    private final double[] windowM2;
    private int windowCount;
    private double epsilon;
    private long iterations;
    private long divergences;
    private long warmupDivergences;
    private long evaluations;
    private double acceptSum;
    private double warmupAcceptSum;
    // dual-averaging state
    private int adaptCount;
    private double mu;
    private double hBar;
    private double logEpsBar;
    // windows of the mass matrix
    private final int initBuffer;
    private final int termBuffer;
    private int windowEnd;
    private int windowSize;

    /**
     * A chain started at {@code initial}.
     *
     * @param density the target; its log-density and gradient must be finite at {@code initial}
     * @param initial {@code [d]} starting state, copied
     * @param config  the configuration
     */
    public Hmc(LogDensity density, double[] initial, HmcConfig config) {
        this.density = checkNotNull(density, "density");
        this.config = checkNotNull(config, "config");
        checkNotNull(initial, "initial");
        this.d = density.dimension();
        checkArgument(initial.length == d, "initial must have the density's dimension %s, got %s", d,
                initial.length);
        this.theta = initial.clone();
        this.grad = new double[d];
        this.logP = density.logDensity(theta, grad);
        evaluations = 1;
        checkArgument(Double.isFinite(logP) && allFinite(grad),
                "the log-density and its gradient must be finite at the initial state, got log-density %s", logP);
        this.proposal = new double[d];
        this.proposalGrad = new double[d];
        this.momentum = new double[d];
        this.invMass = new double[d];
        Arrays.fill(invMass, 1.0);
        this.windowMean = new double[d];
        this.windowM2 = new double[d];
        this.rng = new SplitMix64(config.seed());
        this.epsilon = config.stepSize();
        restartDualAveraging();
        int warmup = config.warmup();
        if (warmup >= INIT_BUFFER + BASE_WINDOW + TERM_BUFFER) {
            initBuffer = INIT_BUFFER;
            termBuffer = TERM_BUFFER;
            windowSize = BASE_WINDOW;
        } else {
            initBuffer = (int) (0.15 * warmup);
            termBuffer = (int) (0.1 * warmup);
            windowSize = warmup - initBuffer - termBuffer;
        }
        windowEnd = initBuffer + windowSize;
        if (windowEnd + 2 * windowSize > warmup - termBuffer) {
            windowEnd = warmup - termBuffer;
        }
    }

    private void restartDualAveraging() {
        mu = Math.log(10 * epsilon);
        hBar = 0;
        logEpsBar = 0;
        adaptCount = 0;
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double[] state() {
        return theta.clone();
    }

    /** The current log-density. */
    public double logDensity() {
        return logP;
    }

    /** The current leapfrog step size ε. */
    public double stepSize() {
        return epsilon;
    }

    /** A copy of the diagonal of the inverse mass matrix {@code M⁻¹} {@code [d]}. */
    public double[] inverseMassDiagonal() {
        return invMass.clone();
    }

    @Override
    public double[] next() {
        step();
        return theta.clone();
    }

    /** One transition without copying the state (for the runner and benchmarks). */
    void step() {
        boolean warm = iterations < config.warmup();
        double eps = epsilon;
        double kinetic0 = 0;
        for (int j = 0; j < d; j++) {
            double p = rng.nextGaussian() / Math.sqrt(invMass[j]);
            kinetic0 += 0.5 * invMass[j] * p * p;
            momentum[j] = p + 0.5 * eps * grad[j];
            proposal[j] = theta[j];
        }
        boolean divergent = false;
        double lp1 = Double.NaN;
        int steps = config.leapfrogSteps();
        for (int s = 0; s < steps; s++) {
            for (int j = 0; j < d; j++) {
                proposal[j] += eps * invMass[j] * momentum[j];
            }
            lp1 = density.logDensity(proposal, proposalGrad);
            evaluations++;
            if (!Double.isFinite(lp1) || !allFinite(proposalGrad)) {
                divergent = true;
                break;
            }
            double h = s < steps - 1 ? eps : 0.5 * eps;
            for (int j = 0; j < d; j++) {
                momentum[j] += h * proposalGrad[j];
            }
        }
        double alpha = 0;
        if (!divergent) {
            double kinetic1 = 0;
            for (int j = 0; j < d; j++) {
                kinetic1 += 0.5 * invMass[j] * momentum[j] * momentum[j];
            }
            double logRatio = (lp1 - kinetic1) - (logP - kinetic0);
            if (!Double.isFinite(logRatio) || -logRatio > DIVERGENCE_ENERGY) {
                divergent = true;
            } else {
                alpha = Math.exp(Math.min(0.0, logRatio));
            }
        }
        if (divergent && warm) {
            warmupDivergences++;
        } else if (divergent) {
            divergences++;
        }
        if (rng.nextDouble() < alpha) {
            double[] t = theta;
            theta = proposal;
            proposal = t;
            t = grad;
            grad = proposalGrad;
            proposalGrad = t;
            logP = lp1;
        }
        iterations++;
        if (warm) {
            warmupAcceptSum += alpha;
            adapt(alpha);
        } else {
            acceptSum += alpha;
        }
    }

    private void adapt(double alpha) {
        if (config.adaptStepSize()) {
            adaptCount++;
            int m = adaptCount;
            hBar += (config.targetAcceptance() - alpha - hBar) / (m + config.t0());
            double logEps = mu - Math.sqrt(m) / config.gamma() * hBar;
            double w = Math.pow(m, -config.kappa());
            logEpsBar = w * logEps + (1 - w) * logEpsBar;
            epsilon = Math.exp(logEps);
        }
        long it = iterations; // already incremented: iterations done
        if (config.massMatrix() == HmcConfig.MassMatrix.DIAGONAL && it > initBuffer
                && it <= config.warmup() - termBuffer) {
            windowCount++;
            for (int j = 0; j < d; j++) {
                double delta = theta[j] - windowMean[j];
                windowMean[j] += delta / windowCount;
                windowM2[j] += delta * (theta[j] - windowMean[j]);
            }
            if (it == windowEnd) {
                endWindow();
            }
        }
        if (it == config.warmup() && config.adaptStepSize() && adaptCount > 0) {
            epsilon = Math.exp(logEpsBar);
        }
    }

    private void endWindow() {
        int n = windowCount;
        if (n >= 3) {
            for (int j = 0; j < d; j++) {
                double var = windowM2[j] / (n - 1);
                double v = (n / (n + 5.0)) * var + 1e-3 * (5.0 / (n + 5.0));
                if (Double.isFinite(v) && v > 0) {
                    invMass[j] = v;
                }
            }
            if (config.adaptStepSize()) {
                restartDualAveraging();
            }
        }
        windowCount = 0;
        Arrays.fill(windowMean, 0);
        Arrays.fill(windowM2, 0);
        windowSize *= 2;
        int last = config.warmup() - termBuffer;
        windowEnd += windowSize;
        if (windowEnd + 2 * windowSize > last) {
            windowEnd = last;
        }
    }

    @Override
    public RunState saveState() {
        return ChainStates.writing(Hmc.class, d).put("theta", theta).put("gradient", grad).put("logDensity", logP)
                .put("inverseMass", invMass).put("windowMean", windowMean).put("windowM2", windowM2)
                .put("windowCount", windowCount).put("epsilon", epsilon).put("iterations", iterations)
                .put("divergences", divergences).put("warmupDivergences", warmupDivergences)
                .put("evaluations", evaluations).put("acceptSums", acceptSum, warmupAcceptSum)
                .put("adaptCount", adaptCount).put("dualAveraging", mu, hBar, logEpsBar)
                .put("windowEnd", windowEnd).put("windowSize", windowSize).put("rng", rng.state()).build();
    }

    @Override
    public void restoreState(RunState state) {
        RunState s = ChainStates.reading(state, Hmc.class, d);
        double[] t = s.doubles("theta", d);
        double[] g = s.doubles("gradient", d);
        double[] im = s.doubles("inverseMass", d);
        double[] wm = s.doubles("windowMean", d);
        double[] w2 = s.doubles("windowM2", d);
        double[] sums = s.doubles("acceptSums", 2);
        double[] dual = s.doubles("dualAveraging", 3);
        double lp = ChainStates.scalar(s, "logDensity");
        double eps = ChainStates.scalar(s, "epsilon");
        long[] counters = {s.longField("windowCount"), s.longField("iterations"), s.longField("divergences"),
                s.longField("warmupDivergences"), s.longField("evaluations"), s.longField("adaptCount"),
                s.longField("windowEnd"), s.longField("windowSize"), s.longField("rng")};
        System.arraycopy(t, 0, theta, 0, d);
        System.arraycopy(g, 0, grad, 0, d);
        System.arraycopy(im, 0, invMass, 0, d);
        System.arraycopy(wm, 0, windowMean, 0, d);
        System.arraycopy(w2, 0, windowM2, 0, d);
        acceptSum = sums[0];
        warmupAcceptSum = sums[1];
        mu = dual[0];
        hBar = dual[1];
        logEpsBar = dual[2];
        logP = lp;
        epsilon = eps;
        windowCount = (int) counters[0];
        iterations = counters[1];
        divergences = counters[2];
        warmupDivergences = counters[3];
        evaluations = counters[4];
        adaptCount = (int) counters[5];
        windowEnd = (int) counters[6];
        windowSize = (int) counters[7];
        rng.setState(counters[8]);
    }

    @Override
    public ChainStats stats() {
        long warm = Math.min(iterations, config.warmup());
        long kept = iterations - warm;
        double rate = kept > 0 ? acceptSum / kept : (warm > 0 ? warmupAcceptSum / warm : Double.NaN);
        return new ChainStats(iterations, warm, rate, divergences, warmupDivergences, evaluations, epsilon);
    }
}
