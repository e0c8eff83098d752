package org.distill4j.core.linalg;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products {@code c = α·op(a)·op(b) + β·c} that go straight to OpenBLAS's {@code cblas_?gemm} when the
 * operands are dense float or double matrices, and through {@link Nd4j#gemm} otherwise.
 *
 * <p>Why: ND4J 1.0.0-M2.1 spends about 30 µs of Java-side bookkeeping on every {@code Nd4j.gemm} call (measured on
 * the project's machine: 15 GFLOP/s for a 64×64 product whose kernel alone runs at 90 GFLOP/s), which dominates
 * the small products of student training (batch 20–128 × hidden 30–500). The kernel is the same OpenBLAS that
 * ND4J links; only the bookkeeping is skipped. See docs/guides/performance.md for the measurements.
 *
 * <p>Semantics are those of {@code Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta)}: rank-2 arrays of
 * one dtype, {@code c} not overlapping {@code a} or {@code b}, {@code c} overwritten (with {@code β = 0} its old
 * contents, even NaN, are ignored). {@code a} and {@code b} are not modified. Thread-safe.
 */
public final class Gemm {

    private Gemm() {
    }

    /**
     * Computes {@code c = α·op(a)·op(b) + β·c} in place and returns {@code c}.
     *
     * @throws IllegalArgumentException if the shapes or dtypes do not fit
     */
    public static INDArray gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
            double alpha, double beta) {
        checkNotNull(a, "a");
        checkNotNull(b, "b");
        checkNotNull(c, "c");
        checkArgument(a.rank() == 2 && b.rank() == 2 && c.rank() == 2, "gemm needs rank-2 arrays, got ranks %s, %s, %s",
                a.rank(), b.rank(), c.rank());
        long m = transposeA ? a.columns() : a.rows();
        long k = transposeA ? a.rows() : a.columns();
        long kb = transposeB ? b.columns() : b.rows();
        long n = transposeB ? b.rows() : b.columns();
        if (k != kb || c.rows() != m || c.columns() != n) { // message built only on failure (every product checks)
            throw new IllegalArgumentException(String.format("gemm shapes do not fit: op(a) %sx%s, op(b) %sx%s, c %s",
                    m, k, kb, n, java.util.Arrays.toString(c.shape())));
        }
        DataType type = c.dataType();
        checkArgument(a.dataType() == type && b.dataType() == type, "gemm needs one dtype, got %s, %s, %s",
                a.dataType(), b.dataType(), type);
        if ((type != DataType.FLOAT && type != DataType.DOUBLE) || !dense(a) || !dense(b) || !dense(c)
                || m == 0 || n == 0 || k == 0 || Math.max(m, Math.max(n, k)) > Integer.MAX_VALUE) {
            return Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
        }
        // c's storage order fixes the BLAS layout; an operand stored the other way is its own transpose
        boolean colMajor = c.ordering() == 'f';
        int layout = colMajor ? openblas_nolapack.CblasColMajor : openblas_nolapack.CblasRowMajor;
        boolean flipA = (a.ordering() == 'f') != colMajor;
        boolean flipB = (b.ordering() == 'f') != colMajor;
        int opA = (transposeA != flipA) ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int opB = (transposeB != flipB) ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int lda = leadingDimension(a);
        int ldb = leadingDimension(b);
        int ldc = leadingDimension(c);
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(layout, opA, opB, (int) m, (int) n, (int) k, (float) alpha,
                    floats(a), lda, floats(b), ldb, (float) beta, floats(c), ldc);
        } else {
            openblas_nolapack.cblas_dgemm(layout, opA, opB, (int) m, (int) n, (int) k, alpha,
                    doubles(a), lda, doubles(b), ldb, beta, doubles(c), ldc);
        }
        return c;
    }

    /** A new {@code [op(a).rows, op(b).columns]} array (c order) holding {@code op(a)·op(b)}. */
    public static INDArray mmul(INDArray a, INDArray b, boolean transposeA, boolean transposeB) {
        checkNotNull(a, "a");
        checkNotNull(b, "b");
        checkArgument(a.rank() == 2 && b.rank() == 2, "mmul needs rank-2 arrays, got ranks %s and %s", a.rank(),
                b.rank());
        long m = transposeA ? a.columns() : a.rows();
        long n = transposeB ? b.rows() : b.columns();
        return gemm(a, b, Nd4j.createUninitialized(a.dataType(), m, n), transposeA, transposeB, 1.0, 0.0);
    }

    /** {@code a·b} as a new c-order array. */
    public static INDArray mmul(INDArray a, INDArray b) {
        return mmul(a, b, false, false);
    }

    /** Dense storage in its own order: the layout BLAS can read with one leading dimension. */
    static boolean dense(INDArray x) {
        long rows = x.rows();
        long cols = x.columns();
        long[] stride = x.stride();
        if (x.ordering() == 'c') {
            return (stride[1] == 1 || cols == 1) && (stride[0] == cols || rows == 1);
        }
        return (stride[0] == 1 || rows == 1) && (stride[1] == rows || cols == 1);
    }

    private static int leadingDimension(INDArray x) {
        return (int) Math.max(1, x.ordering() == 'c' ? x.columns() : x.rows());
    }

    private static FloatPointer floats(INDArray x) {
        return new FloatPointer(x.data().addressPointer()).position(residualOffset(x));
    }

    private static DoublePointer doubles(INDArray x) {
        return new DoublePointer(x.data().addressPointer()).position(residualOffset(x));
    }

    /** A view's buffer already points at the view's first element; what is left of its offset, if anything. */
    private static long residualOffset(INDArray x) {
        return x.offset() - x.data().offset();
    }
}
