package org.distill4j.generative.testing;

import org.distill4j.core.DensityTeacher;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A density teacher whose log-density is another's plus a constant (so its log Z is that constant). */
public final class ShiftedDensityFixture implements DensityTeacher {

    private final DensityTeacher base;
    private final double shift;

    public ShiftedDensityFixture(DensityTeacher base, double shift) {
        this.base = base;
        this.shift = shift;
    }

    @Override
    public int inputSize() {
        return base.inputSize();
    }

    @Override
    public INDArray unnormalizedLogDensity(INDArray inputs) {
        return base.unnormalizedLogDensity(inputs).addi(shift);
    }

    @Override
    public INDArray sample(int n, long seed) {
        return base.sample(n, seed);
    }
}
