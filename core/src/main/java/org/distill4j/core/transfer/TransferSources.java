package org.distill4j.core.transfer;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.distill4j.core.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes {@link TransferSource}s: the inputs at which a student observes its teacher. Papamakarios (2015,
 * ch. 2) compares three: the training images themselves ({@link #fixed}), samples from a generative model
 * fitted to them ({@link #generator}, e.g. a NADE) and Gaussian noise ({@link #perturbed}); Boix-Adsera (2024)
 * draws uniformly from the hypercube {@code {±1}^d} ({@link #hypercube}); {@link #uniformBox} and
 * {@link #concat} complete the set.
 *
 * <p>Every source copies what it is given, never modifies it, and takes all its randomness from the
 * {@link SplittableRandom} passed to {@link TransferSource#epoch} and {@link TransferSource#holdOut}, so the same
 * seed replays the same epochs. Sources are immutable and may be shared between threads; an epoch's iterator
 * is for one thread. Batches are FLOAT unless the given data (or a sampler) is of another floating type.
 */
public final class TransferSources {

    private TransferSources() {
    }

    /**
     * Fixed rows without labels: each epoch visits every row once in a fresh random order, and each batch names
     * its rows ({@link TransferBatch.RowOrigin}) so that a distiller can cache the teacher's outputs.
     *
     * @param inputs {@code [n, d]}, finite, n and d at least 1; copied (non-floating data becomes FLOAT)
     */
    public static FixedRows fixed(INDArray inputs) {
        return new FixedRowsSource(copyRows(inputs), null);
    }

    /**
     * Fixed rows with hard labels, carried by every batch and hold-out (for a hard-label objective term).
     *
     * @param inputs {@code [n, d]}, finite, n and d at least 1; copied (non-floating data becomes FLOAT)
     * @param labels one non-negative label per row; copied
     */
    public static FixedRows fixed(INDArray inputs, int[] labels) {
        checkNotNull(labels, "labels");
        INDArray rows = copyRows(inputs);
        checkArgument(labels.length == rows.rows(), "labels must have one entry per row (%s), got %s", rows.rows(),
                labels.length);
        for (int i = 0; i < labels.length; i++) {
            checkArgument(labels[i] >= 0, "labels[%s] must be >= 0, got %s", i, labels[i]);
        }
        return new FixedRowsSource(rows, labels.clone());
    }

    /** The features and labels of a data set as fixed rows. */
    public static FixedRows fixed(Dataset data) {
        checkNotNull(data, "data");
        return new FixedRowsSource(data.features(), data.labels());
    }

    /**
     * A base source's batches with independent Gaussian noise {@code N(0, σ²)} added to every coordinate, drawn
     * afresh each epoch from the epoch's randomness. Labels are kept; the batches carry no row origin (they are
     * no longer the fixed data's rows). A hold-out is the base's, unperturbed, and the training part stays
     * perturbed.
     *
     * @param base the clean source
     * @param sigma the noise standard deviation, finite and {@code > 0}
     */
    public static TransferSource perturbed(TransferSource base, double sigma) {
        checkNotNull(base, "base");
        checkArgument(sigma > 0 && Double.isFinite(sigma), "sigma must be finite and > 0, got %s", sigma);
        return new PerturbedSource(base, sigma);
    }

    /**
     * Fresh points from a sampler each epoch, e.g. a NADE fitted to the training inputs (Papamakarios 2015,
     * ch. 2). A hold-out draws {@code count} new points and keeps the whole generator for training.
     *
     * @param inputSize d, at least 1
     * @param epochSize the points drawn per epoch, at least 1
     * @param draw given a count and the randomness to use, returns a new {@code [count, d]} floating-point
     *     array of finite values; a result of another shape, or with NaN or infinite values, fails the epoch
     *     with an {@link IllegalStateException}. It must be a pure function of its arguments for epochs to
     *     replay.
     */
    public static TransferSource generator(int inputSize, int epochSize,
            BiFunction<Integer, SplittableRandom, INDArray> draw) {
        checkArgument(inputSize >= 1, "inputSize must be >= 1, got %s", inputSize);
        checkArgument(epochSize >= 1, "epochSize must be >= 1, got %s", epochSize);
        checkNotNull(draw, "draw");
        return new GeneratorSource(inputSize, epochSize, draw, "generator");
    }

    /**
     * Points uniform on the box {@code [low_j, high_j]} (FLOAT).
     *
     * @param low the lower corner, finite
     * @param high the upper corner, finite, same length, each {@code high[j] > low[j]}
     * @param epochSize the points drawn per epoch, at least 1
     */
    public static TransferSource uniformBox(double[] low, double[] high, int epochSize) {
        checkNotNull(low, "low");
        checkNotNull(high, "high");
        checkArgument(low.length >= 1 && low.length == high.length,
                "low and high must have the same length >= 1, got %s and %s", low.length, high.length);
        checkArgument(epochSize >= 1, "epochSize must be >= 1, got %s", epochSize);
        double[] range = new double[low.length];
        for (int j = 0; j < low.length; j++) {
            checkArgument(Double.isFinite(low[j]) && Double.isFinite(high[j]),
                    "low[%s] and high[%s] must be finite, got %s and %s", j, j, low[j], high[j]);
            checkArgument(low[j] < high[j], "low[%s] must be < high[%s], got %s >= %s", j, j, low[j], high[j]);
            range[j] = high[j] - low[j];
        }
        INDArray lowRow = Nd4j.createFromArray(low.clone()).castTo(DataType.FLOAT).reshape(1, low.length);
        INDArray rangeRow = Nd4j.createFromArray(range).castTo(DataType.FLOAT).reshape(1, low.length);
        int d = low.length;
        return new GeneratorSource(d, epochSize, (count, rng) -> {
            INDArray u = uniform(count, d, rng);
            return u.muliRowVector(rangeRow).addiRowVector(lowRow);
        }, "uniformBox");
    }

    /**
     * Points uniform on the hypercube {@code {±1}^d} (FLOAT), the input distribution of Boix-Adsera (2024)'s
     * decision-tree experiments.
     *
     * @param d the dimension, at least 1
     * @param epochSize the points drawn per epoch, at least 1
     */
    public static TransferSource hypercube(int d, int epochSize) {
        checkArgument(d >= 1, "d must be >= 1, got %s", d);
        checkArgument(epochSize >= 1, "epochSize must be >= 1, got %s", epochSize);
        return new GeneratorSource(d, epochSize, (count, rng) -> {
            INDArray u = uniform(count, d, rng);
            return u.gte(0.5).castTo(DataType.FLOAT).muli(2).subi(1);
        }, "hypercube");
    }

    /**
     * Several sources as one. An epoch is all their epochs, the batches interleaved in a random order drawn
     * from the epoch's randomness (uniform over interleavings when every source's epoch size is known, as for
     * the sources made here). A hold-out takes from each source in proportion to its epoch size (largest
     * remainders), and the training part concatenates what each keeps.
     *
     * @param sources at least one, all with the same input size
     */
    public static TransferSource concat(TransferSource... sources) {
        checkNotNull(sources, "sources");
        checkArgument(sources.length >= 1, "sources must name at least one source");
        for (int i = 0; i < sources.length; i++) {
            checkNotNull(sources[i], "sources[%s]", i);
            checkArgument(sources[i].inputSize() == sources[0].inputSize(),
                    "sources[%s] has inputSize %s, sources[0] has %s", i, sources[i].inputSize(),
                    sources[0].inputSize());
        }
        return new ConcatSource(Arrays.asList(sources));
    }

    /** A {@code [count, d]} FLOAT array uniform on [0, 1), seeded from {@code rng}. */
    private static INDArray uniform(int count, int d, SplittableRandom rng) {
        return Sources.fillUniform(Nd4j.create(DataType.FLOAT, count, d), rng.nextLong());
    }

    private static INDArray copyRows(INDArray inputs) {
        checkNotNull(inputs, "inputs");
        checkArgument(inputs.rank() == 2 && inputs.rows() >= 1 && inputs.columns() >= 1,
                "inputs must be [n >= 1, d >= 1], got shape %s", Sources.shape(inputs));
        checkArgument(Sources.isFinite(inputs), "inputs must be finite");
        return inputs.dataType().isFPType() ? inputs.dup('c') : inputs.castTo(DataType.FLOAT);
    }
}
