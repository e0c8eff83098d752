package org.distill4j.core.rid;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Helpers shared by the terms: views of blocks of a flat {@code [1, P]} parameter vector, Glorot-initialised
 * blocks, softplus and argument checks. Stateless.
 */
final class FlatParameters {

    /** Added to every softplus-parametrised variance or scale, as in the RID authors' code. */
    static final double FLOOR = 1e-3;

    private FlatParameters() {
    }

    /** A {@code [rows, cols]} C-order view of {@code flat[offset, offset + rows·cols)}. */
    static INDArray matrix(INDArray flat, long offset, int rows, int cols) {
        return flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(offset, offset + (long) rows * cols))
                .reshape('c', rows, cols);
    }

    /** A {@code [1, length]} view of {@code flat[offset, offset + length)}. */
    static INDArray row(INDArray flat, long offset, int length) {
        return flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(offset, offset + length));
    }

    /** Writes {@code N(0, 2/(in+out))} draws into the {@code [in, out]} block at {@code offset}. */
    static void glorot(double[] values, int offset, int in, int out, SplittableRandom rng) {
        double std = Math.sqrt(2.0 / (in + out));
        for (int i = 0; i < in * out; i++) {
            values[offset + i] = std * rng.nextGaussian();
        }
    }

    /** {@code [1, values.length]} in {@code type}. */
    static INDArray vector(double[] values, DataType type) {
        return Nd4j.create(values, new long[] {1, values.length}, DataType.DOUBLE).castTo(type);
    }

    /** The inverse of {@code softplus(x) + FLOOR}: the raw parameter giving {@code value}. */
    static double inverseSoftplusFloor(double value) {
        double v = value - FLOOR;
        return Math.log(Math.expm1(v));
    }

    /** Checks a {@code [n, width]} floating representation. */
    static void checkRepresentation(INDArray x, String name, int width) {
        checkNotNull(x, name);
        checkArgument(x.rank() == 2 && x.size(1) == width && x.size(0) >= 1,
                "%s must be [n, %s] with n >= 1, got shape %s", name, width, Arrays.toString(x.shape()));
        checkArgument(x.dataType().isFPType(), "%s must be floating point, got %s", name, x.dataType());
    }

    /** Checks that two arrays share rows and dtype, naming both. */
    static void checkPair(INDArray a, String aName, INDArray b, String bName) {
        checkArgument(a.size(0) == b.size(0), "%s %s and %s %s must have the same number of rows", aName,
                Arrays.toString(a.shape()), bName, Arrays.toString(b.shape()));
        checkArgument(a.dataType() == b.dataType(), "%s is %s but %s is %s: mixed dtypes", aName, a.dataType(),
                bName, b.dataType());
    }

    /** Checks a flat parameter vector's length and dtype. */
    static INDArray checkParameters(INDArray p, String name, long count, DataType type) {
        checkNotNull(p, name);
        checkArgument(p.isVector() && p.length() == count || count == 1 && p.length() == 1,
                "%s must be a vector of %s values, got shape %s", name, count, Arrays.toString(p.shape()));
        checkArgument(p.dataType() == type, "%s is %s but the representations are %s: mixed dtypes", name,
                p.dataType(), type);
        return p.reshape('c', 1, count);
    }
}
