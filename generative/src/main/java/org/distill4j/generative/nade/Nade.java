package org.distill4j.generative.nade;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.distill4j.core.DensityTeacher;
import org.distill4j.core.Student;
import org.distill4j.generative.math.LogMath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A NADE (Larochelle and Murray, AISTATS 2011) over binary vectors, with untied weights: for the positions
 * {@code d = 0..D−1} of an ordering {@code o},
 * <pre>
 *   a_d = c + Σ_{k&lt;d} W[:, o_k] x_{o_k},   h_d = σ(a_d),   p(x_{o_d} = 1 | x_{o_&lt;d}) = σ(b_{o_d} + V[o_d] · h_d)
 * </pre>
 * and {@code log q(x) = Σ_d log p(x_{o_d} | x_{o_<d})}, exact and normalised. Shapes in natural variable order,
 * as in {@code shared/bench/nade.py}: {@code W} is {@code [H, D]} (input → hidden), {@code V} is {@code [D, H]}
 * (hidden → output), {@code b} has {@code D} values, {@code c} has {@code H}. Log-probabilities cost
 * {@code O(HD)} per example and are computed blockwise with matrix products ({@link #blockSize()} positions per
 * block), never with a per-example loop. The student of Papamakarios (2015, arXiv:1510.02437, ch. 4).
 *
 * <p>As a {@link DensityTeacher} its "unnormalised" log-density is the exact {@code log q(x)}. Saved with
 * distill4j's model file ({@code ModelFile}).
 *
 * <p>Immutable and thread-safe: parameters are private and never modified, each call works on its own buffers
 * and returns new arrays owned by the caller; arguments are never modified. Training happens on a copy
 * ({@link NadeTraining}).
 */
public final class Nade implements Student, DensityTeacher {

    /** Default positions per block of the blockwise computation ({@code nade.py --block}). */
    public static final int DEFAULT_BLOCK_SIZE = 16;

    /** Default standard deviation of initial weights ({@code nade.py}). */
    public static final double DEFAULT_INITIAL_STD = 0.01;

    /** Rows per evaluation chunk. */
    private static final int EVAL_CHUNK = 500;

    private final NadeParameters parameters;
    private final int[] ordering;
    private final int blockSize;

    Nade(NadeParameters parameters, int[] ordering, int blockSize) {
        this.parameters = parameters;
        this.ordering = ordering;
        this.blockSize = blockSize;
    }

    /**
     * A NADE with weights from {@code N(0, std²)} and zero biases ({@code nade.py}), natural ordering.
     *
     * @param visible D, at least 1
     * @param hidden H, at least 1
     */
    public static Nade initialize(int visible, int hidden, DataType type, long seed) {
        return initialize(visible, hidden, null, DEFAULT_INITIAL_STD, type, seed);
    }

    /**
     * A NADE with weights from {@code N(0, std²)} and zero biases.
     *
     * @param ordering a permutation of {@code 0..D−1} (the order in which variables are generated), or
     *     {@code null} for the natural order
     * @param std at least 0
     * @param type FLOAT or DOUBLE
     */
    public static Nade initialize(int visible, int hidden, int[] ordering, double std, DataType type, long seed) {
        checkArgument(visible >= 1, "visible must be >= 1, got %s", visible);
        checkArgument(hidden >= 1, "hidden must be >= 1, got %s", hidden);
        checkArgument(std >= 0 && Double.isFinite(std), "std must be finite and >= 0, got %s", std);
        checkType(type);
        int[] order = NadeOrdering.check(ordering, visible);
        SplittableRandom rng = new SplittableRandom(seed);
        long count = NadeParameters.count(visible, hidden);
        double[] values = new double[(int) count];
        int weights = 2 * visible * hidden;
        for (int i = 0; i < weights; i++) {
            values[i] = std * rng.nextGaussian();
        }
        INDArray flat = Nd4j.create(values, new long[] {1, count}, type);
        return new Nade(new NadeParameters(visible, hidden, flat), order, DEFAULT_BLOCK_SIZE);
    }

    /**
     * A NADE with these parameters (copied), in natural variable order.
     *
     * @param w {@code [H, D]} input weights
     * @param v {@code [D, H]} output weights
     * @param b {@code D} output biases
     * @param c {@code H} hidden biases
     * @param ordering a permutation of {@code 0..D−1}, or {@code null} for the natural order
     * @throws IllegalArgumentException on inconsistent shapes (shown), mixed types, or non-finite values
     */
    public static Nade of(INDArray w, INDArray v, INDArray b, INDArray c, int[] ordering) {
        checkNotNull(w, "w");
        checkNotNull(v, "v");
        checkNotNull(b, "b");
        checkNotNull(c, "c");
        checkArgument(w.rank() == 2 && w.rows() >= 1 && w.columns() >= 1, "w must be [H, D], got shape %s",
                Arrays.toString(w.shape()));
        int hidden = (int) w.rows();
        int visible = (int) w.columns();
        DataType type = w.dataType();
        checkType(type);
        checkArgument(v.dataType() == type && b.dataType() == type && c.dataType() == type,
                "w, v, b and c must have one type, got %s, %s, %s and %s", type, v.dataType(), b.dataType(),
                c.dataType());
        checkArgument(v.rank() == 2 && v.rows() == visible && v.columns() == hidden,
                "v must be [D, H] = [%s, %s] for w of shape %s, got shape %s", visible, hidden,
                Arrays.toString(w.shape()), Arrays.toString(v.shape()));
        checkArgument(b.length() == visible && (b.rank() == 1 || b.rank() == 2 && Math.min(b.rows(), b.columns()) == 1),
                "b must have D = %s values, got shape %s", visible, Arrays.toString(b.shape()));
        checkArgument(c.length() == hidden && (c.rank() == 1 || c.rank() == 2 && Math.min(c.rows(), c.columns()) == 1),
                "c must have H = %s values, got shape %s", hidden, Arrays.toString(c.shape()));
        for (Object[] named : new Object[][] {{w, "w"}, {v, "v"}, {b, "b"}, {c, "c"}}) {
            checkArgument(LogMath.isFinite((INDArray) named[0]), "%s must be finite, got NaN or infinite values",
                    named[1]);
        }
        int[] order = NadeOrdering.check(ordering, visible);
        NadeParameters p = NadeParameters.zeros(visible, hidden, type);
        // model order: row d of Wt is W[:, o_d], row d of V is V[o_d], b[d] = b[o_d]
        INDArray wt = w.transpose().dup('c');
        INDArray bRow = b.reshape(1, visible);
        if (order == null) {
            p.wt.assign(wt);
            p.v.assign(v);
            p.b.assign(bRow);
        } else {
            p.wt.assign(Nd4j.pullRows(wt, 1, order));
            p.v.assign(Nd4j.pullRows(v.dup('c'), 1, order));
            p.b.assign(Nd4j.pullRows(bRow.dup('c'), 0, order));
        }
        p.c.assign(c.reshape(1, hidden));
        return new Nade(p, order, DEFAULT_BLOCK_SIZE);
    }

    /** D, the number of binary variables. */
    public int visibleSize() {
        return parameters.visible;
    }

    /** H, the number of hidden units. */
    public int hiddenSize() {
        return parameters.hidden;
    }

    @Override
    public int inputSize() {
        return parameters.visible;
    }

    /** {@code 2HD + D + H}. */
    @Override
    public long parameterCount() {
        return NadeParameters.count(parameters.visible, parameters.hidden);
    }

    /** FLOAT or DOUBLE. */
    public DataType dataType() {
        return parameters.flat.dataType();
    }

    /** Positions per block of the blockwise computation. */
    public int blockSize() {
        return blockSize;
    }

    /**
     * The same model computed with another block size (results equal up to rounding; the speed differs).
     *
     * @param positions at least 1
     */
    public Nade withBlockSize(int positions) {
        checkArgument(positions >= 1, "blockSize must be >= 1, got %s", positions);
        return new Nade(parameters, ordering, positions);
    }

    /** The ordering: position {@code d} generates variable {@code ordering()[d]} (a new array). */
    public int[] ordering() {
        if (ordering == null) {
            int[] identity = new int[parameters.visible];
            Arrays.setAll(identity, i -> i);
            return identity;
        }
        return ordering.clone();
    }

    /** A copy of the input weights {@code W}, {@code [H, D]} in natural variable order. */
    public INDArray inputWeights() {
        return NadeOrdering.toNatural(ordering, parameters.wt).transpose().dup('c');
    }

    /** A copy of the output weights {@code V}, {@code [D, H]} in natural variable order. */
    public INDArray outputWeights() {
        return NadeOrdering.toNatural(ordering, parameters.v);
    }

    /** A copy of the output biases {@code b}, {@code [D]} in natural variable order. */
    public INDArray visibleBias() {
        return NadeOrdering.toNatural(ordering, parameters.b.reshape(parameters.visible, 1)).reshape(parameters.visible);
    }

    /** A copy of the hidden biases {@code c}, {@code [H]}. */
    public INDArray hiddenBias() {
        return parameters.c.reshape(parameters.hidden).dup();
    }

    /** This NADE with parameters of another type (itself when already of that type). */
    public Nade castTo(DataType type) {
        checkType(type);
        return type == dataType() ? this : new Nade(parameters.castTo(type), ordering, blockSize);
    }

    /**
     * The exact log-probabilities {@code log q(x)}, in nats.
     *
     * @param inputs {@code [n, D]} binary, n ≥ 1; not modified
     * @return a new DOUBLE array {@code [n]}
     * @throws IllegalArgumentException on a wrong shape or non-binary values
     */
    public INDArray logProbability(INDArray inputs) {
        return Nd4j.createFromArray(logProbabilities(inputs));
    }

    /** The exact {@code log q(x)} (the NADE is normalised); see {@link #logProbability}. */
    @Override
    public INDArray unnormalizedLogDensity(INDArray inputs) {
        return logProbability(inputs);
    }

    /**
     * The average log-likelihood {@code mean_i log q(x_i)} in nats.
     *
     * @param inputs {@code [n, D]} binary; not modified
     */
    public double averageLogLikelihood(INDArray inputs) {
        double[] l = logProbabilities(inputs);
        double sum = 0;
        for (double v : l) {
            sum += v;
        }
        return sum / l.length;
    }

    /**
     * The conditional probabilities {@code p(x_i = 1 | x_{<i})} of every variable of every row, "before" meaning
     * earlier in the ordering.
     *
     * @param inputs {@code [n, D]} binary; not modified
     * @return a new {@code [n, D]} array in the model's type, natural variable order
     */
    public INDArray conditionalProbabilities(INDArray inputs) {
        INDArray x = checkInputs(inputs, "inputs");
        int n = (int) x.rows();
        INDArray out = Nd4j.create(dataType(), n, parameters.visible);
        for (int from = 0; from < n; from += EVAL_CHUNK) {
            int m = Math.min(EVAL_CHUNK, n - from);
            NadeEngine engine = new NadeEngine(parameters.visible, parameters.hidden, m, blockSize, dataType(), false);
            engine.load(rowsOf(x, from, m), ordering);
            engine.forward(parameters);
            INDArray p = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(engine.logits, true);
            out.get(NDArrayIndex.interval(from, from + m), NDArrayIndex.all()).assign(NadeOrdering.toNatural(ordering, p).transpose());
        }
        return out;
    }

    /**
     * {@code n} exact independent samples by ancestral sampling; the same seed gives the same samples.
     *
     * @param n at least 1
     * @return a new {@code [n, D]} binary array in the model's type
     */
    @Override
    public INDArray sample(int n, long seed) {
        return sampleWithLogProbabilities(n, seed).samples();
    }

    /**
     * {@code n} samples and their exact log-probabilities, computed together.
     *
     * @param n at least 1
     */
    public NadeSamples sampleWithLogProbabilities(int n, long seed) {
        checkArgument(n >= 1, "n must be >= 1, got %s", n);
        return NadeSampler.sample(parameters, ordering, n, seed);
    }

    /**
     * Saves this NADE in distill4j's model format ({@code ModelFile}): header {@code visible}, {@code hidden},
     * {@code dataType}, {@code blockSize}; arrays {@code W} ({@code [H, D]}), {@code V} ({@code [D, H]}), {@code b},
     * {@code c} in natural order, and {@code ordering} (INT32).
     */
    @Override
    public void save(Path file) throws IOException {
        NadeFiles.save(this, file);
    }

    /**
     * Loads a NADE saved by {@link #save}.
     *
     * @throws IOException if the file is missing, not a NADE model file, or inconsistent
     */
    public static Nade load(Path file) throws IOException {
        return NadeFiles.load(file);
    }

    /** Equal when the ordering and the parameters are exactly equal (the block size is not compared). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Nade other)) {
            return false;
        }
        return parameters.visible == other.parameters.visible && parameters.hidden == other.parameters.hidden
                && dataType() == other.dataType() && Arrays.equals(ordering(), other.ordering())
                && Arrays.equals(parameters.flat.data().asDouble(), other.parameters.flat.data().asDouble());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parameters.c.dup().data().asDouble()) * 31 + Arrays.hashCode(ordering());
    }

    @Override
    public String toString() {
        return "Nade[D=" + parameters.visible + ", H=" + parameters.hidden + ", " + dataType() + "]";
    }

    /** The parameters (package-private; never to be modified). */
    NadeParameters parameters() {
        return parameters;
    }

    /** The ordering, {@code null} for the natural order (package-private; never to be modified). */
    int[] orderingOrNull() {
        return ordering;
    }

    double[] logProbabilities(INDArray inputs) {
        INDArray x = checkInputs(inputs, "inputs");
        int n = (int) x.rows();
        double[] out = new double[n];
        NadeEngine engine = null;
        for (int from = 0; from < n; from += EVAL_CHUNK) {
            int m = Math.min(EVAL_CHUNK, n - from);
            if (engine == null || engine.batch != m) {
                engine = new NadeEngine(parameters.visible, parameters.hidden, m, blockSize, dataType(), false);
            }
            engine.load(rowsOf(x, from, m), ordering);
            engine.forward(parameters);
            System.arraycopy(engine.logProbabilities(), 0, out, from, m);
        }
        return out;
    }

    /** Checks {@code [n, D]} binary with n ≥ 1 and returns it in the model's type (maybe the argument itself). */
    INDArray checkInputs(INDArray inputs, String name) {
        checkNotNull(inputs, name);
        checkArgument(inputs.rank() == 2 && inputs.columns() == parameters.visible && inputs.rows() >= 1,
                "%s must be [n, %s] with n >= 1, got shape %s", name, parameters.visible,
                Arrays.toString(inputs.shape()));
        checkArgument(inputs.dataType().isFPType(), "%s must be floating point, got %s", name, inputs.dataType());
        LogMath.checkBinary(inputs, name);
        INDArray x = inputs.dataType() == dataType() ? inputs : inputs.castTo(dataType());
        return x.ordering() == 'c' ? x : x.dup('c');
    }

    private static INDArray rowsOf(INDArray x, int from, int m) {
        return from == 0 && m == x.rows() ? x : x.get(NDArrayIndex.interval(from, from + m), NDArrayIndex.all());
    }

    static void checkType(DataType type) {
        checkArgument(type == DataType.FLOAT || type == DataType.DOUBLE, "type must be FLOAT or DOUBLE, got %s",
                type);
    }
}
