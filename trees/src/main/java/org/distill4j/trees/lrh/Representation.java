package org.distill4j.trees.lrh;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The representation φ(x) that the linear probes read (Boix-Adsera 2024, section 5): every hidden representation
 * of the teacher (for DL4J adapters, the pre- and post-activation of every hidden layer) side by side, plus the
 * sign of the teacher's output, scaled so that the mean squared row norm is 1 on the probes' training inputs,
 * plus a constant column for the intercept. Stateless.
 */
final class Representation {

    private Representation() {
    }

    /**
     * φ of {@code n} inputs, unscaled, {@code [n, width + 1]} FLOAT: the representations side by side and the sign
     * of the teacher's output.
     *
     * @param parts what {@code hiddenRepresentations} returned for the inputs
     * @param probabilities what {@code predict} returned for them
     * @throws IllegalArgumentException if the representation is missing, empty, of the wrong number of rows or not
     *     finite, or the teacher is not binary
     */
    static INDArray assemble(List<INDArray> parts, INDArray probabilities, long n) {
        checkArgument(parts != null && !parts.isEmpty(), "the teacher's hidden representation is missing: "
                + "hiddenRepresentations returned %s", parts);
        List<INDArray> columns = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            INDArray p = parts.get(i);
            checkArgument(p != null && p.rank() == 2 && p.rows() == n && p.columns() >= 1,
                    "hidden representation %s must have shape [%s, width >= 1], got %s", i, n,
                    p == null ? null : java.util.Arrays.toString(p.shape()));
            INDArray f = p.castTo(DataType.FLOAT);
            checkArgument(!BooleanIndexing.or(f, Conditions.notFinite()),
                    "hidden representation %s holds NaN or infinite values", i);
            columns.add(f);
        }
        checkArgument(probabilities != null && probabilities.rank() == 2 && probabilities.rows() == n
                && probabilities.columns() == 2, "LRH distils binary teachers: predictions must have shape [%s, 2], "
                        + "got %s", n, probabilities == null ? null : java.util.Arrays.toString(probabilities.shape()));
        INDArray p = probabilities.castTo(DataType.FLOAT);
        INDArray margin = p.getColumn(1).sub(p.getColumn(0)).reshape(n, 1).dup('c');
        columns.add(Nd4j.create(signs(margin.data().asFloat()), new long[] {n, 1}, DataType.FLOAT));
        return Nd4j.hstack(columns.toArray(new INDArray[0]));
    }

    private static float[] signs(float[] v) {
        float[] s = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = v[i] > 0 ? 1f : -1f;
        }
        return s;
    }

    /** The factor that makes the mean squared row norm of {@code phi} 1 (1 for an all-zero φ). */
    static double scaleOf(INDArray phi) {
        double meanSquaredNorm = phi.castTo(DataType.DOUBLE).norm2Number().doubleValue();
        meanSquaredNorm = meanSquaredNorm * meanSquaredNorm / phi.rows();
        return meanSquaredNorm > 0 ? 1 / Math.sqrt(meanSquaredNorm) : 1;
    }

    /** {@code phi · scale} with a constant column of ones appended, {@code [n, width + 1]} DOUBLE. */
    static INDArray scaled(INDArray phi, double scale, int expectedWidth) {
        checkArgument(phi.columns() == expectedWidth, "the teacher's representation changed width: %s columns "
                + "on one batch, %s on another", expectedWidth, phi.columns());
        INDArray ones = Nd4j.ones(DataType.DOUBLE, phi.rows(), 1);
        return Nd4j.hstack(phi.castTo(DataType.DOUBLE).mul(scale), ones);
    }
}
