package org.distill4j.generative.nade;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.core.transfer.TransferSource;
import org.distill4j.core.transfer.TransferSources;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Transfer inputs sampled from a NADE fitted to the training inputs, the "NADE samples" transfer set of model
 * compression (Papamakarios 2015, arXiv:1510.02437, ch. 2): fresh samples every epoch, drawn with seeds from the
 * epoch's randomness so that epochs replay. Images in [0, 1] are binarised for the NADE ({@link #binarize}); its
 * samples are binary.
 *
 * <p>Stateless and thread-safe; the sources it makes are immutable.
 */
public final class NadeSource {

    private NadeSource() {
    }

    /**
     * A generator source of {@code epochSize} fresh NADE samples per epoch (FLOAT, or the NADE's type).
     *
     * @param epochSize at least 1
     */
    public static TransferSource of(Nade nade, int epochSize) {
        checkNotNull(nade, "nade");
        checkArgument(epochSize >= 1, "epochSize must be >= 1, got %s", epochSize);
        return TransferSources.generator(nade.visibleSize(), epochSize, (n, rng) -> nade.sample(n, rng.nextLong()));
    }

    /**
     * {@code x > threshold} as 0/1 values of the same type (a new array): what a NADE over binary pixels is fitted to.
     *
     * @param inputs floating-point values; not modified
     */
    public static INDArray binarize(INDArray inputs, double threshold) {
        checkNotNull(inputs, "inputs");
        checkArgument(inputs.dataType().isFPType(), "inputs must be floating point, got %s", inputs.dataType());
        DataType type = inputs.dataType();
        return inputs.gt(threshold).castTo(type);
    }
}
