package org.distill4j.generative.rbm;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.distill4j.core.DensityTeacher;
import org.distill4j.core.linalg.Gemm;
import org.distill4j.generative.math.LogMath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A binary restricted Boltzmann machine (Smolensky 1986; Hinton 2002): visible units {@code v ∈ {0,1}^V}, hidden
 * units {@code h ∈ {0,1}^H}, energy {@code E(v, h) = −v·b − h·c − vᵀ W h}, {@code p(v, h) = e^{−E(v,h)} / Z}. The
 * hidden units sum out in closed form: {@code p(v) = e^{−F(v)} / Z} with the free energy
 * {@code F(v) = −v·b − Σ_j softplus(c_j + (v W)_j)}. The teacher of Papamakarios (2015, arXiv:1510.02437, ch. 4),
 * whose partition function {@code Z} is intractable for large layers.
 *
 * <p>Shapes: {@code W} is {@code [V, H]} (visible × hidden, as in the files Python users hand in), {@code b} has
 * {@code V} values, {@code c} has {@code H}. Parameters are FLOAT or DOUBLE, all of one type; inputs of another
 * floating type are cast. Free energies and log-densities are returned in DOUBLE whatever the model's type
 * (the softplus sums are done in double).
 *
 * <p>Immutable and thread-safe: the parameters are private copies, never modified. Every method returns new
 * arrays owned by the caller and leaves its arguments unchanged. Training makes new instances
 * ({@link RbmTrainer}); sampling state lives in {@link GibbsChains}. Saved as a folder of {@code .npy} files by
 * {@link RbmFiles}.
 */
public final class Rbm implements DensityTeacher {

    /** Gibbs sweeps run by {@link #sample(int, long)} before returning its samples. */
    public static final int DEFAULT_SAMPLE_SWEEPS = 1000;

    /** Rows per chunk in free-energy evaluations, to bound temporaries. */
    private static final int CHUNK_ROWS = 4096;

    private final INDArray w;
    private final INDArray b;
    private final INDArray c;
    private final int visible;
    private final int hidden;

    private Rbm(INDArray w, INDArray b, INDArray c) {
        this.w = w;
        this.b = b;
        this.c = c;
        this.visible = (int) w.rows();
        this.hidden = (int) w.columns();
    }

    /**
     * An RBM with these parameters (copied).
     *
     * @param weights {@code [V, H]}, finite, FLOAT or DOUBLE
     * @param visibleBias {@code V} finite values ({@code [V]}, {@code [1, V]} or {@code [V, 1]}), same type
     * @param hiddenBias {@code H} finite values, same type
     * @throws IllegalArgumentException on inconsistent shapes (both shown), mixed or unsupported types, or NaN
     *     and infinite values (the first one's position is named)
     */
    public static Rbm of(INDArray weights, INDArray visibleBias, INDArray hiddenBias) {
        checkNotNull(weights, "weights");
        checkNotNull(visibleBias, "visibleBias");
        checkNotNull(hiddenBias, "hiddenBias");
        checkArgument(weights.rank() == 2 && weights.rows() >= 1 && weights.columns() >= 1,
                "weights must be [visible, hidden] with both >= 1, got shape %s", Arrays.toString(weights.shape()));
        DataType type = weights.dataType();
        checkArgument(type == DataType.FLOAT || type == DataType.DOUBLE, "weights must be FLOAT or DOUBLE, got %s",
                type);
        checkArgument(visibleBias.dataType() == type && hiddenBias.dataType() == type,
                "weights, visibleBias and hiddenBias must have one type, got %s, %s and %s", type,
                visibleBias.dataType(), hiddenBias.dataType());
        long v = weights.rows();
        long h = weights.columns();
        checkArgument(isVectorOf(visibleBias, v), "visibleBias must have %s values (weights are [visible, hidden] = "
                + "%s), got shape %s", v, Arrays.toString(weights.shape()), Arrays.toString(visibleBias.shape()));
        checkArgument(isVectorOf(hiddenBias, h), "hiddenBias must have %s values (weights are [visible, hidden] = "
                + "%s), got shape %s", h, Arrays.toString(weights.shape()), Arrays.toString(hiddenBias.shape()));
        checkFinite(weights, "weights");
        checkFinite(visibleBias, "visibleBias");
        checkFinite(hiddenBias, "hiddenBias");
        return new Rbm(weights.dup('c'), visibleBias.reshape(1, v).dup('c'), hiddenBias.reshape(1, h).dup('c'));
    }

    /**
     * An RBM with zero weights and zero hidden biases, whose visible marginal is independent Bernoulli with the
     * given means (clipped to {@code [clip, 1 − clip]}): the usual starting point of training (Hinton, <i>A
     * practical guide to training RBMs</i>, 2010) and the base-rate model of AIS.
     *
     * @param means {@code V} values in [0, 1]
     * @param hidden the number of hidden units, at least 1
     * @param clip in [0, 0.5)
     * @param type FLOAT or DOUBLE
     */
    public static Rbm baseRate(double[] means, int hidden, double clip, DataType type) {
        checkNotNull(means, "means");
        checkArgument(means.length >= 1, "means must not be empty");
        checkArgument(hidden >= 1, "hidden must be >= 1, got %s", hidden);
        checkArgument(clip >= 0 && clip < 0.5, "clip must be in [0, 0.5), got %s", clip);
        double[] bias = new double[means.length];
        for (int i = 0; i < means.length; i++) {
            checkArgument(means[i] >= 0 && means[i] <= 1, "means[%s] must be in [0, 1], got %s", (Integer) i,
                    (Double) means[i]);
            double p = Math.min(1 - clip, Math.max(clip, means[i]));
            bias[i] = Math.log(p) - Math.log1p(-p);
        }
        return of(Nd4j.zeros(type, means.length, hidden), Nd4j.createFromArray(bias).castTo(type),
                Nd4j.zeros(type, hidden));
    }

    /** The number of visible units {@code V}. */
    public int visibleSize() {
        return visible;
    }

    /** The number of hidden units {@code H}. */
    public int hiddenSize() {
        return hidden;
    }

    /** The number of visible units: inputs are {@code [n, V]}. */
    @Override
    public int inputSize() {
        return visible;
    }

    /** The parameters' type, FLOAT or DOUBLE. */
    public DataType dataType() {
        return w.dataType();
    }

    /** {@code V·H + V + H}. */
    public long parameterCount() {
        return (long) visible * hidden + visible + hidden;
    }

    /** A copy of the weights, {@code [V, H]}. */
    public INDArray weights() {
        return w.dup();
    }

    /** A copy of the visible biases, {@code [V]}. */
    public INDArray visibleBias() {
        return b.reshape(visible).dup();
    }

    /** A copy of the hidden biases, {@code [H]}. */
    public INDArray hiddenBias() {
        return c.reshape(hidden).dup();
    }

    /** This RBM with its parameters in {@code type} (itself when already of that type). */
    public Rbm castTo(DataType type) {
        checkArgument(type == DataType.FLOAT || type == DataType.DOUBLE, "type must be FLOAT or DOUBLE, got %s", type);
        if (type == dataType()) {
            return this;
        }
        return new Rbm(w.castTo(type), b.castTo(type), c.castTo(type));
    }

    /**
     * The free energy {@code F(v) = −v·b − Σ_j softplus(c_j + (v W)_j)}.
     *
     * @param visibleStates {@code [n, V]} binary, n ≥ 1; not modified
     * @return a new DOUBLE array {@code [n]}
     */
    public INDArray freeEnergy(INDArray visibleStates) {
        return unnormalizedLogDensity(visibleStates).negi();
    }

    /**
     * {@code log p~(v) = −F(v) = v·b + Σ_j softplus(c_j + (v W)_j)}, so that {@code log p(v) = −F(v) − log Z}.
     *
     * @param inputs {@code [n, V]} binary, n ≥ 1; not modified
     * @return a new DOUBLE array {@code [n]}
     * @throws IllegalArgumentException on a wrong shape or non-binary values
     */
    @Override
    public INDArray unnormalizedLogDensity(INDArray inputs) {
        INDArray x = checkVisible(inputs, "inputs", true);
        long n = x.rows();
        INDArray out = Nd4j.create(DataType.DOUBLE, n);
        for (long from = 0; from < n; from += CHUNK_ROWS) {
            long to = Math.min(n, from + CHUNK_ROWS);
            INDArray rows = n <= CHUNK_ROWS ? x : x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray pre = Gemm.mmul(rows, w).addiRowVector(c).castTo(DataType.DOUBLE);
            LogMath.softplusInPlace(pre, pre.ulike());
            INDArray logDensity = pre.sum(1).addi(Gemm.mmul(rows, b, false, true).reshape(to - from)
                    .castTo(DataType.DOUBLE));
            out.get(NDArrayIndex.interval(from, to)).assign(logDensity);
        }
        return out;
    }

    /**
     * The average log-likelihood {@code mean_i (−F(v_i)) − log Z} of data, in nats, given the log partition
     * function (exact, or estimated by AIS or a NADE).
     *
     * @param data {@code [n, V]} binary; not modified
     * @param logZ a finite log partition function
     */
    public double averageLogLikelihood(INDArray data, double logZ) {
        checkArgument(Double.isFinite(logZ), "logZ must be finite, got %s", logZ);
        return unnormalizedLogDensity(data).meanNumber().doubleValue() - logZ;
    }

    /**
     * {@code p(h_j = 1 | v) = σ(c + v W)}.
     *
     * @param visibleStates {@code [n, V]} finite values (binary states, or mean-field values in [0, 1]); not
     *     modified
     * @return a new {@code [n, H]} array in the model's type
     */
    public INDArray hiddenProbabilities(INDArray visibleStates) {
        INDArray x = checkVisible(visibleStates, "visibleStates", false);
        return Transforms.sigmoid(Gemm.mmul(x, w).addiRowVector(c), false);
    }

    /**
     * {@code p(v_i = 1 | h) = σ(b + h Wᵀ)}.
     *
     * @param hiddenStates {@code [n, H]} finite values; not modified
     * @return a new {@code [n, V]} array in the model's type
     */
    public INDArray visibleProbabilities(INDArray hiddenStates) {
        checkNotNull(hiddenStates, "hiddenStates");
        checkArgument(hiddenStates.rank() == 2 && hiddenStates.columns() == hidden && hiddenStates.rows() >= 1,
                "hiddenStates must be [n, %s] with n >= 1, got shape %s", hidden,
                Arrays.toString(hiddenStates.shape()));
        checkArgument(hiddenStates.dataType().isFPType(), "hiddenStates must be floating point, got %s",
                hiddenStates.dataType());
        checkArgument(LogMath.isFinite(hiddenStates), "hiddenStates must be finite, got NaN or infinite values");
        INDArray h = hiddenStates.dataType() == dataType() ? hiddenStates : hiddenStates.castTo(dataType());
        return Transforms.sigmoid(Gemm.mmul(h, w, false, true).addiRowVector(b), false);
    }

    /**
     * Approximate samples: {@code n} independent Gibbs chains started from {@code Bernoulli(σ(b))}, each run for
     * {@link #DEFAULT_SAMPLE_SWEEPS} sweeps. Use {@link GibbsChains} for control over chains and sweeps.
     *
     * @param n at least 1
     * @return a new {@code [n, V]} binary array in the model's type; the same seed gives the same samples
     */
    @Override
    public INDArray sample(int n, long seed) {
        return sample(n, DEFAULT_SAMPLE_SWEEPS, seed);
    }

    /**
     * {@code n} Gibbs chains started from {@code Bernoulli(σ(b))}, after {@code sweeps} sweeps.
     *
     * @param n at least 1
     * @param sweeps at least 0
     * @return a new {@code [n, V]} binary array
     */
    public INDArray sample(int n, int sweeps, long seed) {
        checkArgument(n >= 1, "n must be >= 1, got %s", n);
        checkArgument(sweeps >= 0, "sweeps must be >= 0, got %s", sweeps);
        return GibbsChains.fromBiases(this, n, seed).sweep(sweeps).visible();
    }

    /** Saves this RBM as a folder ({@link RbmFiles#save}). */
    public void save(Path folder) throws IOException {
        RbmFiles.save(this, folder);
    }

    /** Loads an RBM folder ({@link RbmFiles#load}). */
    public static Rbm load(Path folder) throws IOException {
        return RbmFiles.load(folder);
    }

    /** Equal when the parameters are exactly equal in type, shape and value. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Rbm other)) {
            return false;
        }
        return visible == other.visible && hidden == other.hidden && dataType() == other.dataType()
                && Arrays.equals(w.data().asDouble(), other.w.data().asDouble())
                && Arrays.equals(b.data().asDouble(), other.b.data().asDouble())
                && Arrays.equals(c.data().asDouble(), other.c.data().asDouble());
    }

    @Override
    public int hashCode() {
        return ((visible * 31 + hidden) * 31 + Arrays.hashCode(b.data().asDouble())) * 31
                + Arrays.hashCode(c.data().asDouble());
    }

    @Override
    public String toString() {
        return "Rbm[visible=" + visible + ", hidden=" + hidden + ", " + dataType() + "]";
    }

    /** The weights themselves, {@code [V, H]} C order; callers in this package must not modify them. */
    INDArray w() {
        return w;
    }

    /** The visible biases themselves, {@code [1, V]}; not to be modified. */
    INDArray b() {
        return b;
    }

    /** The hidden biases themselves, {@code [1, H]}; not to be modified. */
    INDArray c() {
        return c;
    }

    /**
     * Checks {@code [n, V]}, n ≥ 1, floating point and finite (binary if asked), and returns it in the model's
     * type (the argument itself when it already is: callers must not modify the result).
     */
    INDArray checkVisible(INDArray inputs, String name, boolean binary) {
        checkNotNull(inputs, name);
        checkArgument(inputs.rank() == 2 && inputs.columns() == visible && inputs.rows() >= 1,
                "%s must be [n, %s] with n >= 1, got shape %s", name, visible, Arrays.toString(inputs.shape()));
        checkArgument(inputs.dataType().isFPType(), "%s must be floating point, got %s", name, inputs.dataType());
        if (binary) {
            LogMath.checkBinary(inputs, name);
        } else {
            checkArgument(LogMath.isFinite(inputs), "%s must be finite, got NaN or infinite values", name);
        }
        return inputs.dataType() == dataType() ? inputs : inputs.castTo(dataType());
    }

    private static boolean isVectorOf(INDArray a, long length) {
        return a.length() == length && (a.rank() == 1 || (a.rank() == 2 && (a.rows() == 1 || a.columns() == 1)));
    }

    private static void checkFinite(INDArray a, String name) {
        if (LogMath.isFinite(a)) {
            return;
        }
        double[] v = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                String where = a.rank() == 2 && a.rows() > 1 && a.columns() > 1
                        ? "row " + i / a.columns() + ", column " + i % a.columns() : "index " + i;
                throw new IllegalArgumentException(name + " must be finite, got " + v[i] + " at " + where);
            }
        }
        throw new IllegalArgumentException(name + " must be finite");
    }
}
