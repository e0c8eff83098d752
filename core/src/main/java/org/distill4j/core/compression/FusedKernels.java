package org.distill4j.core.compression;

import org.distill4j.core.linalg.HostView;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise work of an MLP step fused into plain loops over {@link HostView}s: one pass instead of two to
 * four ND4J operations (each 10–40 µs of bookkeeping, whatever its size). Used when every array involved is
 * dense and C-ordered, and no larger than {@link #MAX_FUSED_LENGTH} elements, beyond which ND4J's multi-threaded
 * kernels win; callers fall back to ND4J otherwise. Stateless.
 */
final class FusedKernels {

    /** Arrays up to this many elements are handled by Java loops (a batch of 128 × 500 hidden units is 64k). */
    static final int MAX_FUSED_LENGTH = 1 << 17;

    private FusedKernels() {
    }

    /** Whether every array can be handled here. */
    static boolean applicable(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && (a.length() > MAX_FUSED_LENGTH || !HostView.supports(a))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code z ← g(z + bias)} row by row, and {@code derivative ← g'(z + bias)} when it is not {@code null}.
     *
     * @param z {@code [n, h]}, overwritten with the activations
     * @param bias {@code [1, h]} or {@code [h]}
     * @param derivative {@code [n, h]} written, or {@code null}
     */
    static void biasActivation(INDArray z, INDArray bias, HiddenActivation activation, INDArray derivative) {
        HostView zs = HostView.of(z);
        HostView bs = HostView.of(bias);
        HostView ds = derivative == null ? null : HostView.of(derivative);
        int width = bs.length();
        double[] b = new double[width];
        bs.read(b);
        int n = zs.length() / width;
        for (int r = 0, i = 0; r < n; r++) {
            for (int j = 0; j < width; j++, i++) {
                double pre = zs.get(i) + b[j];
                double h = activation.value(pre);
                zs.set(i, h);
                if (ds != null) {
                    ds.set(i, activation.slope(pre, h));
                }
            }
        }
    }

    /** {@code z ← z + bias} on every row. */
    static void addBias(INDArray z, INDArray bias) {
        HostView zs = HostView.of(z);
        HostView bs = HostView.of(bias);
        int width = bs.length();
        double[] b = new double[width];
        bs.read(b);
        for (int i = 0; i < zs.length(); i += width) {
            for (int j = 0; j < width; j++) {
                zs.set(i + j, zs.get(i + j) + b[j]);
            }
        }
    }

    /** {@code out ← Σ_rows delta}, for a bias gradient ({@code out} has {@code delta}'s column count). */
    static void columnSums(INDArray delta, INDArray out) {
        HostView ds = HostView.of(delta);
        HostView os = HostView.of(out);
        int width = os.length();
        double[] sums = new double[width];
        for (int i = 0; i < ds.length(); i += width) {
            for (int j = 0; j < width; j++) {
                sums[j] += ds.get(i + j);
            }
        }
        os.write(sums);
    }

    /** {@code a ← a ⊙ b} (same shape), then {@code a ← a + extra} when {@code extra} is not {@code null}. */
    static void multiplyAdd(INDArray a, INDArray b, INDArray extra) {
        HostView as = HostView.of(a);
        HostView bs = b == null ? null : HostView.of(b);
        HostView es = extra == null ? null : HostView.of(extra);
        for (int i = 0; i < as.length(); i++) {
            double v = as.get(i);
            if (bs != null) {
                v *= bs.get(i);
            }
            if (es != null) {
                v += es.get(i);
            }
            as.set(i, v);
        }
    }
}
