package org.distill4j.generative.ais;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import org.distill4j.generative.math.LogMath;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The starting distribution of AIS (Salakhutdinov and Murray 2008): an RBM with zero weights, the target's number
 * of hidden units, and visible biases {@code b_A}, so that the visible units are independent Bernoulli with means
 * {@code σ(b_A)} and {@code log Z_A = H log 2 + Σ_i softplus(b_{A,i})}. Fitted to data, {@code b_A} is the logit of
 * each unit's mean, clipped away from 0 and 1.
 *
 * <p>Immutable and thread-safe.
 */
public final class BaseRateModel {

    /** The clip of {@code rbm_ais.py} ({@code --base-clip}). */
    public static final double DEFAULT_CLIP = 1e-3;

    private final double[] biases;

    private BaseRateModel(double[] biases) {
        this.biases = biases;
    }

    /**
     * Fitted to binary data: {@code b_A = logit(clip(mean, clip, 1 − clip))} per column.
     *
     * @param data {@code [n, V]} binary, n ≥ 1; not modified (RBM samples work too, when no data are at hand)
     * @param clip in (0, 0.5)
     */
    public static BaseRateModel fit(INDArray data, double clip) {
        checkNotNull(data, "data");
        checkArgument(data.rank() == 2 && data.rows() >= 1 && data.columns() >= 1,
                "data must be [n, V] with n, V >= 1, got shape %s", Arrays.toString(data.shape()));
        LogMath.checkBinary(data, "data");
        return ofMeans(LogMath.toDoubles(data.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).mean(0)), clip);
    }

    /**
     * From visible means: {@code b_A = logit(clip(means, clip, 1 − clip))}.
     *
     * @param means values in [0, 1]
     * @param clip in (0, 0.5)
     */
    public static BaseRateModel ofMeans(double[] means, double clip) {
        checkNotNull(means, "means");
        checkArgument(means.length >= 1, "means must not be empty");
        checkArgument(clip > 0 && clip < 0.5, "clip must be in (0, 0.5), got %s", clip);
        double[] b = new double[means.length];
        for (int i = 0; i < means.length; i++) {
            checkArgument(means[i] >= 0 && means[i] <= 1, "means[%s] must be in [0, 1], got %s", (Integer) i,
                    (Double) means[i]);
            double p = Math.min(1 - clip, Math.max(clip, means[i]));
            b[i] = Math.log(p) - Math.log1p(-p);
        }
        return new BaseRateModel(b);
    }

    /**
     * Given visible biases (copied).
     *
     * @param biases finite values
     */
    public static BaseRateModel ofBiases(double[] biases) {
        checkNotNull(biases, "biases");
        checkArgument(biases.length >= 1, "biases must not be empty");
        for (int i = 0; i < biases.length; i++) {
            checkArgument(Double.isFinite(biases[i]), "biases[%s] must be finite, got %s", (Integer) i,
                    (Double) biases[i]);
        }
        return new BaseRateModel(biases.clone());
    }

    /** The number of visible units. */
    public int visibleSize() {
        return biases.length;
    }

    /** A copy of the visible biases {@code b_A}. */
    public double[] biases() {
        return biases.clone();
    }

    /** {@code log Z_A = H log 2 + Σ_i softplus(b_{A,i})} for a base model with {@code hidden} hidden units. */
    public double logPartition(int hidden) {
        checkArgument(hidden >= 0, "hidden must be >= 0, got %s", hidden);
        double sum = hidden * Math.log(2);
        for (double b : biases) {
            sum += Math.max(b, 0) + Math.log1p(Math.exp(-Math.abs(b)));
        }
        return sum;
    }

    @Override
    public String toString() {
        return "BaseRateModel[" + biases.length + " visible units]";
    }
}
