package org.distill4j.bayes.density;

import org.distill4j.core.DensityTeacher;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A test fixture: a density teacher whose calls throw from the {@code failFrom}-th on. */
final class ThrowingDensityFixture implements DensityTeacher {

    private final DensityTeacher inner;
    private final int failFrom;
    private int calls;

    ThrowingDensityFixture(DensityTeacher inner, int failFrom) {
        this.inner = inner;
        this.failFrom = failFrom;
    }

    @Override
    public int inputSize() {
        return inner.inputSize();
    }

    @Override
    public INDArray unnormalizedLogDensity(INDArray inputs) {
        check();
        return inner.unnormalizedLogDensity(inputs);
    }

    @Override
    public INDArray sample(int n, long seed) {
        check();
        return inner.sample(n, seed);
    }

    private void check() {
        if (++calls >= failFrom) {
            throw new IllegalStateException("teacher failure at call " + calls);
        }
    }
}
