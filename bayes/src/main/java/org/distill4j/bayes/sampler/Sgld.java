package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.bayes.model.MinibatchLogDensity;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.random.SplitMix64;

/**
 * Stochastic-gradient Langevin dynamics (Welling &amp; Teh 2011, ICML, eq. 4):
 * {@code θ_{t+1} = θ_t + (ε_t/2) ∇ log p̂(θ_t) + η_t}, {@code η_t ~ N(0, ε_t I)}, where {@code ∇ log p̂} is the
 * minibatch estimate {@code ∇ log p(θ) + (N/n) Σ_batch ∇ log p(x_i|θ)}; the teacher chain of Bayesian Dark
 * Knowledge (Korattikara et al., NIPS 2015). Minibatches are consecutive slices of a fresh random permutation of
 * the rows each epoch (without replacement within an epoch). There is no accept step.
 *
 * <p><b>Divergences.</b> A non-finite estimated log-density or gradient, or a non-finite new state, rejects the
 * step: it is counted and the chain stays where it was (the iteration still advances the schedule).
 *
 * <p>{@link #saveState()} captures the position, the random stream, the epoch's permutation and cursor and the
 * counters (the step-size schedule is a function of the iteration), so a restored chain continues identically.
 *
 * <p>Not thread-safe (a chain is sequential); buffers are allocated once.
 */
public final class Sgld implements ReportingChain, CheckpointableChain {

    private final MinibatchLogDensity density;
    private final SgldConfig config;
    private final SplitMix64 rng;
    private final double[] theta;
    private final double[] grad;
    private final double[] next;
    private final int[] order;
    private final int[] batch;
    private int cursor;
    private long iterations;
    private long divergences;

    /**
     * A chain started at {@code initial}.
     *
     * @param density the minibatch target
     * @param initial {@code [d]}, finite, copied
     * @param config  the configuration
     */
    public Sgld(MinibatchLogDensity density, double[] initial, SgldConfig config) {
        this.density = checkNotNull(density, "density");
        this.config = checkNotNull(config, "config");
        checkNotNull(initial, "initial");
        checkArgument(initial.length == density.dimension(), "initial must have the density's dimension %s, got %s",
                density.dimension(), initial.length);
        for (int j = 0; j < initial.length; j++) {
            checkArgument(Double.isFinite(initial[j]), "initial[%s] must be finite, got %s", (Integer) j, (Double) initial[j]);
        }
        checkArgument(density.dataSize() >= 1, "density must have at least one observation");
        this.theta = initial.clone();
        this.grad = new double[theta.length];
        this.next = new double[theta.length];
        this.rng = new SplitMix64(config.seed());
        this.order = new int[density.dataSize()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.batch = new int[Math.min(config.batchSize(), order.length)];
        this.cursor = order.length; // shuffle on first use
    }

    @Override
    public int dimension() {
        return theta.length;
    }

    @Override
    public double[] state() {
        return theta.clone();
    }

    /** The step size ε_t the next transition will use. */
    public double stepSize() {
        return config.stepSize(iterations);
    }

    private void fillBatch() {
        for (int k = 0; k < batch.length; k++) {
            if (cursor == order.length) {
                for (int i = order.length - 1; i > 0; i--) {
                    int r = rng.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[r];
                    order[r] = t;
                }
                cursor = 0;
            }
            batch[k] = order[cursor++];
        }
    }

    @Override
    public double[] next() {
        double eps = config.stepSize(iterations);
        iterations++;
        fillBatch();
        double lp = density.logDensity(theta, batch, grad);
        double noise = Math.sqrt(eps);
        boolean ok = Double.isFinite(lp);
        for (int j = 0; j < theta.length && ok; j++) {
            next[j] = theta[j] + 0.5 * eps * grad[j] + noise * rng.nextGaussian();
            ok = Double.isFinite(next[j]);
        }
        if (ok) {
            System.arraycopy(next, 0, theta, 0, theta.length);
        } else {
            divergences++;
        }
        return theta.clone();
    }

    @Override
    public RunState saveState() {
        double[] permutation = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            permutation[i] = order[i];
        }
        return ChainStates.writing(Sgld.class, theta.length).put("theta", theta).put("order", permutation)
                .put("cursor", cursor).put("iterations", iterations).put("divergences", divergences)
                .put("rng", rng.state()).build();
    }

    @Override
    public void restoreState(RunState state) {
        RunState s = ChainStates.reading(state, Sgld.class, theta.length);
        double[] t = s.doubles("theta", theta.length);
        double[] permutation = s.doubles("order", order.length);
        long c = s.longField("cursor");
        long it = s.longField("iterations");
        long div = s.longField("divergences");
        long r = s.longField("rng");
        checkArgument(c >= 0 && c <= order.length && it >= 0 && div >= 0 && div <= it,
                "inconsistent chain state: cursor %s, iterations %s, divergences %s", c, it, div);
        for (double v : permutation) {
            checkArgument(v >= 0 && v < order.length && v == Math.rint(v), "chain state 'order' holds %s", v);
        }
        System.arraycopy(t, 0, theta, 0, theta.length);
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) permutation[i];
        }
        cursor = (int) c;
        iterations = it;
        divergences = div;
        rng.setState(r);
    }

    @Override
    public ChainStats stats() {
        double rate = iterations == 0 ? Double.NaN : 1.0 - (double) divergences / iterations;
        return new ChainStats(iterations, 0, rate, divergences, 0, iterations, config.stepSize(iterations));
    }
}
