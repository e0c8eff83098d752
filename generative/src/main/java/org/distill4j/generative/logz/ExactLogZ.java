package org.distill4j.generative.logz;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.generative.math.LogMath;
import org.distill4j.generative.rbm.Rbm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The exact log partition function of a binary {@link Rbm}, by enumerating the {@code 2^k} states of its smaller
 * layer and summing the other layer out in closed form. Enumerating the hidden layer ({@code k = H ≤ V}):
 * <pre>
 *   log Z = logsumexp_h [ h·c + Σ_i softplus(b_i + (W h)_i) ]
 * </pre>
 * and symmetrically over the visible layer when it is the smaller one. The ground truth of the log Z estimators'
 * tests, and of Salakhutdinov and Murray (2008)'s 20-hidden-unit RBMs.
 *
 * <p>Everything runs in DOUBLE and in log space. States are enumerated in batches of {@code 2^m}: the low
 * {@code m} bits take all their values in every batch, so their contribution to the other layer's
 * pre-activations is one fixed {@code [2^m, other]} matrix computed once, and each batch only adds the row of its
 * high bits, applies softplus and reduces (ND4J's one-pass softplus; a batch where it overflows is redone with
 * the overflow-free form). Cost: {@code 2^k · other} softplus evaluations (about 8·10⁸ for
 * {@code k = 20}, {@code V = 784}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ExactLogZ {

    /** The largest smaller-layer size enumerated by {@link #of(Rbm)}: 2^25 states. */
    public static final int MAX_ENUMERATED_UNITS = 25;

    /** The largest smaller-layer size {@link #of(Rbm, int)} accepts at all. */
    public static final int HARD_LIMIT_UNITS = 40;

    /** Target number of elements of one batch's {@code [2^m, other]} pre-activations. */
    private static final long BATCH_ELEMENTS = 1L << 21;

    private ExactLogZ() {
    }

    /** Whether {@link #of(Rbm)} can enumerate this RBM: its smaller layer has at most 25 units. */
    public static boolean isTractable(Rbm rbm) {
        checkNotNull(rbm, "rbm");
        return Math.min(rbm.visibleSize(), rbm.hiddenSize()) <= MAX_ENUMERATED_UNITS;
    }

    /**
     * {@code log Z}, enumerating the smaller layer, which must have at most {@value #MAX_ENUMERATED_UNITS} units.
     *
     * @throws IllegalArgumentException if both layers are larger than that, saying so and pointing to AIS
     */
    public static double of(Rbm rbm) {
        return of(rbm, MAX_ENUMERATED_UNITS);
    }

    /**
     * {@code log Z}, enumerating the smaller layer, which must have at most {@code maxUnits} units.
     *
     * @param maxUnits in [1, {@value #HARD_LIMIT_UNITS}]; the work doubles with every unit
     * @throws IllegalArgumentException if the smaller layer has more than {@code maxUnits} units
     */
    public static double of(Rbm rbm, int maxUnits) {
        checkNotNull(rbm, "rbm");
        checkArgument(maxUnits >= 1 && maxUnits <= HARD_LIMIT_UNITS, "maxUnits must be in [1, %s], got %s",
                HARD_LIMIT_UNITS, maxUnits);
        int k = Math.min(rbm.visibleSize(), rbm.hiddenSize());
        checkArgument(k <= maxUnits, "exact log Z enumerates the 2^k states of the smaller layer, but the smaller "
                + "layer has k = %s units (visible %s, hidden %s), more than the limit %s: 2^%s states are too many; "
                + "estimate log Z with AIS or a NADE instead", k, rbm.visibleSize(), rbm.hiddenSize(), maxUnits, k);
        Rbm d = rbm.castTo(DataType.DOUBLE);
        boolean hiddenSmaller = rbm.hiddenSize() <= rbm.visibleSize();
        // a: [k, other] weights from the enumerated layer to the other; own: biases of the enumerated layer
        INDArray a = hiddenSmaller ? d.weights().transpose().dup('c') : d.weights();
        INDArray own = hiddenSmaller ? d.hiddenBias() : d.visibleBias();
        INDArray other = hiddenSmaller ? d.visibleBias() : d.hiddenBias();
        return enumerate(a, own.reshape(1, k), other.reshape(1, a.columns()));
    }

    /** log Σ over all 2^k states s of [s·own + Σ_j softplus(other_j + (s a)_j)]. */
    private static double enumerate(INDArray a, INDArray own, INDArray other) {
        int k = (int) a.rows();
        long width = a.columns();
        int m = 0;
        while (m < k && (2L << m) * width <= BATCH_ELEMENTS) {
            m++;
        }
        int low = 1 << m;
        int high = k - m;
        // all 2^m patterns of the low m bits, [2^m, m]; bit j of row r is (r >> j) & 1
        double[] bits = new double[low * m];
        for (int r = 0; r < low; r++) {
            for (int j = 0; j < m; j++) {
                bits[r * m + j] = (r >> j) & 1;
            }
        }
        INDArray lowStates = m == 0 ? null : Nd4j.create(bits, new long[] {low, m}, DataType.DOUBLE);
        INDArray aLow = m == 0 ? null : a.get(NDArrayIndex.interval(0, m), NDArrayIndex.all());
        INDArray lowPre = m == 0 ? Nd4j.zeros(DataType.DOUBLE, 1, width) : lowStates.mmul(aLow); // [2^m, width]
        INDArray lowOwn = m == 0 ? Nd4j.zeros(DataType.DOUBLE, 1)
                : lowStates.mmul(own.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, m)).reshape(m, 1))
                        .reshape(low);
        double[] aRows = a.dup('c').data().asDouble();
        double[] ownValues = own.dup('c').data().asDouble();
        double[] otherValues = other.dup('c').data().asDouble();
        INDArray pre = lowPre.ulike();
        INDArray scratch = lowPre.ulike();
        INDArray sums = Nd4j.create(DataType.DOUBLE, lowPre.rows());
        INDArray shift = Nd4j.create(DataType.DOUBLE, 1, width);
        double[] shiftValues = new double[(int) width];
        double[] batchLogSums = new double[1 << high];
        for (int t = 0; t < (1 << high); t++) {
            // the high bits of this batch are the bits of t: their contribution is one row and one constant
            System.arraycopy(otherValues, 0, shiftValues, 0, (int) width);
            double ownHigh = 0;
            for (int j = 0; j < high; j++) {
                if (((t >> j) & 1) == 1) {
                    int unit = m + j;
                    ownHigh += ownValues[unit];
                    for (int i = 0; i < width; i++) {
                        shiftValues[i] += aRows[(int) (unit * width + i)];
                    }
                }
            }
            shift.assign(Nd4j.createFromArray(shiftValues).reshape(1, width));
            Broadcast.add(lowPre, shift, pre, 1);
            LogMath.softplusFastInPlace(pre);
            pre.sum(sums, 1);
            if (!LogMath.isFinite(sums)) { // e^x overflowed somewhere: redo this batch without overflow
                Broadcast.add(lowPre, shift, pre, 1);
                LogMath.softplusInPlace(pre, scratch);
                pre.sum(sums, 1);
            }
            sums.addi(lowOwn);
            batchLogSums[t] = LogMath.logSumExp(sums.data().asDouble()) + ownHigh;
        }
        return LogMath.logSumExp(batchLogSums);
    }
}
