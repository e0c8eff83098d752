package org.distill4j.generative.rbm;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Persistent block-Gibbs chains of an {@link Rbm}: {@code m} chains advanced together, one sweep being
 * {@code h ~ p(h|v)} then {@code v ~ p(v|h)} for every chain at once (two gemms and two Bernoulli draws). Used for
 * sampling, persistent contrastive divergence (Tieleman 2008) and as the source of RBM samples when distilling
 * into a NADE (Papamakarios 2015, ch. 4: 2,000 persistent chains, one sweep per minibatch).
 *
 * <p>All state and temporaries are allocated once; a sweep allocates nothing. Randomness comes from an ND4J
 * random generator seeded at construction, so the same seed and the same calls give the same states.
 *
 * <p>Mutable and not thread-safe: one instance per thread. The RBM is immutable and may be shared.
 */
public final class GibbsChains {

    private final Rbm rbm;
    private final INDArray visible;
    private final INDArray hiddenProbabilities;
    private final INDArray hidden;
    private final INDArray visibleProbabilities;
    private Random random;
    private long sweeps;

    private GibbsChains(Rbm rbm, INDArray ownedVisible, long seed) {
        this.rbm = rbm;
        int m = (int) ownedVisible.rows();
        this.visible = ownedVisible;
        this.hiddenProbabilities = Nd4j.create(rbm.dataType(), m, rbm.hiddenSize());
        this.hidden = Nd4j.create(rbm.dataType(), m, rbm.hiddenSize());
        this.visibleProbabilities = Nd4j.create(rbm.dataType(), m, rbm.visibleSize());
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /**
     * Chains starting at the given visible states (copied), e.g. training data.
     *
     * @param initialVisible {@code [m, V]} binary, m ≥ 1; not modified
     */
    public static GibbsChains fromStates(Rbm rbm, INDArray initialVisible, long seed) {
        checkNotNull(rbm, "rbm");
        INDArray v = rbm.checkVisible(initialVisible, "initialVisible", true);
        return new GibbsChains(rbm, v.dup('c'), seed);
    }

    /**
     * {@code chains} chains starting at independent draws from {@code Bernoulli(σ(b))}, the RBM's visible marginal
     * with its weights set to zero.
     *
     * @param chains at least 1
     */
    public static GibbsChains fromBiases(Rbm rbm, int chains, long seed) {
        checkNotNull(rbm, "rbm");
        checkArgument(chains >= 1, "chains must be >= 1, got %s", chains);
        INDArray v = Nd4j.create(rbm.dataType(), chains, rbm.visibleSize());
        GibbsChains g = new GibbsChains(rbm, v, seed);
        INDArray p = g.visibleProbabilities.assign(0).addiRowVector(rbm.b());
        Nd4j.getExecutioner().exec(new Sigmoid(p, p));
        GibbsKernel.draw(p, v, g.random);
        return g;
    }

    /**
     * Advances every chain by {@code count} full sweeps.
     *
     * @param count at least 0
     * @return this
     */
    public GibbsChains sweep(int count) {
        checkArgument(count >= 0, "count must be >= 0, got %s", count);
        for (int s = 0; s < count; s++) {
            GibbsKernel.hiddenProbabilities(visible, rbm.w(), rbm.c(), hiddenProbabilities);
            GibbsKernel.draw(hiddenProbabilities, hidden, random);
            GibbsKernel.visibleProbabilities(hidden, rbm.w(), rbm.b(), visibleProbabilities);
            GibbsKernel.draw(visibleProbabilities, visible, random);
            sweeps++;
        }
        return this;
    }

    /**
     * Replaces the chains' random stream by a fresh one drawn from {@code seed}, as if the chains had been made
     * with it; the states are kept. A distiller that reseeds at known points (e.g. every epoch, from its seed and
     * the epoch) can resume from saved states exactly, since the native random stream itself cannot be saved.
     *
     * @return this
     */
    public GibbsChains reseed(long seed) {
        this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        return this;
    }

    /** The number of chains {@code m}. */
    public int size() {
        return (int) visible.rows();
    }

    /** The RBM these chains sample from. */
    public Rbm rbm() {
        return rbm;
    }

    /** Sweeps run since construction. */
    public long sweepsRun() {
        return sweeps;
    }

    /** A copy of the current visible states, {@code [m, V]} binary in the RBM's type. */
    public INDArray visible() {
        return visible.dup();
    }

    /**
     * A copy of {@code count} consecutive chains' visible states.
     *
     * @param from the first chain, {@code 0 <= from}
     * @param count at least 1, {@code from + count <= m}
     * @return a new {@code [count, V]} array
     */
    public INDArray visible(int from, int count) {
        checkArgument(from >= 0 && count >= 1 && from + count <= size(),
                "chains [%s, %s) must lie within the %s chains", from, (long) from + count, size());
        return visible.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all()).dup();
    }

    /** {@code p(h|v)} of the current states, a new {@code [m, H]} array (computed, not cached). */
    public INDArray hiddenProbabilities() {
        INDArray p = hiddenProbabilities.ulike();
        GibbsKernel.hiddenProbabilities(visible, rbm.w(), rbm.c(), p);
        return p;
    }

    /** The current states themselves, for this package's trainers; not to be modified. */
    INDArray visibleView() {
        return visible;
    }

}
