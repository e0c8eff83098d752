package org.distill4j.core.linalg;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct element access to the native memory of a dense, C-ordered float or double ND4J array, in row-major order
 * ({@code index = row·columns + column} for a matrix), without copies.
 *
 * <p>Why: every ND4J operation costs 10–40 µs of bookkeeping whatever its size, while the element-wise work of a
 * small student's step (biases, activations, log-softmax, the loss gradient: a few thousand numbers) takes a
 * microsecond or two in a plain loop. Fusing that work into loops over these views removes most of a step's
 * operations (measured in docs/guides/performance.md). Large arrays stay with ND4J's multi-threaded kernels.
 *
 * <p>A view is only valid while its array is alive (and, for workspace arrays, while the workspace scope is
 * open). Not thread-safe for writes; reads from several threads are fine.
 */
public final class HostView {

    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final int length;

    private HostView(FloatBuffer floats, DoubleBuffer doubles, int length) {
        this.floats = floats;
        this.doubles = doubles;
        this.length = length;
    }

    /**
     * Whether {@link #of} accepts {@code x}: float or double, dense in C order (vectors in either order), at most
     * {@link Integer#MAX_VALUE} elements.
     */
    public static boolean supports(INDArray x) {
        if (x == null || (x.dataType() != DataType.FLOAT && x.dataType() != DataType.DOUBLE)
                || x.length() > Integer.MAX_VALUE || x.isEmpty()) {
            return false;
        }
        long[] shape = x.shape();
        long[] stride = x.stride();
        long expected = 1;
        boolean vector = x.isVector() || x.isScalar();
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected && !(vector && x.ordering() == 'f')) {
                return false;
            }
            expected *= shape[d];
        }
        return !vector || x.elementWiseStride() == 1 || x.length() == 1;
    }

    /**
     * A view of {@code x}'s elements.
     *
     * @throws IllegalArgumentException if {@link #supports} is false
     */
    public static HostView of(INDArray x) {
        if (!supports(x)) { // message built only on failure
            throw new IllegalArgumentException(String.format(
                    "a host view needs a dense C-ordered float or double array, got %s %s order %s",
                    x == null ? null : x.dataType(), x == null ? null : java.util.Arrays.toString(x.shape()),
                    x == null ? null : x.ordering()));
        }
        int n = (int) x.length();
        int width = x.dataType() == DataType.FLOAT ? Float.BYTES : Double.BYTES;
        long residual = (x.offset() - x.data().offset()) * width;
        BytePointer bytes = new BytePointer(x.data().addressPointer());
        bytes.position(residual).limit(residual + (long) n * width).capacity(residual + (long) n * width);
        java.nio.ByteBuffer buffer = bytes.asByteBuffer().order(ByteOrder.nativeOrder());
        return x.dataType() == DataType.FLOAT ? new HostView(buffer.asFloatBuffer(), null, n)
                : new HostView(null, buffer.asDoubleBuffer(), n);
    }

    /** The number of elements. */
    public int length() {
        return length;
    }

    /** Whether the elements are floats (otherwise doubles). */
    public boolean isFloat() {
        return floats != null;
    }

    /** Element {@code i}. */
    public double get(int i) {
        return floats != null ? floats.get(i) : doubles.get(i);
    }

    /** Sets element {@code i} (rounded to float for a float array). */
    public void set(int i, double value) {
        if (floats != null) {
            floats.put(i, (float) value);
        } else {
            doubles.put(i, value);
        }
    }

    /**
     * Copies {@code length} elements from position {@code from} of this view to position {@code to} of
     * {@code target}, which must hold the same element type.
     *
     * @throws IllegalArgumentException if the types differ
     */
    public void copyTo(int from, HostView target, int to, int length) {
        checkArgument(isFloat() == target.isFloat(), "copy between float and double views");
        if (floats != null) {
            target.floats.put(to, floats, from, length);
        } else {
            target.doubles.put(to, doubles, from, length);
        }
    }

    /** Copies all elements into {@code target} (length at least {@link #length()}). */
    public void read(float[] target) {
        if (floats != null) {
            floats.get(0, target, 0, length);
        } else {
            for (int i = 0; i < length; i++) {
                target[i] = (float) doubles.get(i);
            }
        }
    }

    /** Copies all elements into {@code target} (length at least {@link #length()}). */
    public void read(double[] target) {
        if (doubles != null) {
            doubles.get(0, target, 0, length);
        } else {
            for (int i = 0; i < length; i++) {
                target[i] = floats.get(i);
            }
        }
    }

    /** Overwrites all elements from {@code source}. */
    public void write(float[] source) {
        if (floats != null) {
            floats.put(0, source, 0, length);
        } else {
            for (int i = 0; i < length; i++) {
                doubles.put(i, source[i]);
            }
        }
    }

    /** Overwrites all elements from {@code source} (rounded to float for a float array). */
    public void write(double[] source) {
        if (doubles != null) {
            doubles.put(0, source, 0, length);
        } else {
            for (int i = 0; i < length; i++) {
                floats.put(i, (float) source[i]);
            }
        }
    }
}
