package org.distill4j.generative.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.core.DensityTeacher;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A density teacher answering like its delegate until its {@code failingCall}-th call, then throwing. */
public final class ThrowingDensityTeacherFixture implements DensityTeacher {

    public static final String MESSAGE = "density teacher failed on call ";

    private final DensityTeacher delegate;
    private final int failingCall;
    private final AtomicInteger calls = new AtomicInteger();

    public ThrowingDensityTeacherFixture(DensityTeacher delegate, int failingCall) {
        this.delegate = delegate;
        this.failingCall = failingCall;
    }

    @Override
    public int inputSize() {
        return delegate.inputSize();
    }

    @Override
    public INDArray unnormalizedLogDensity(INDArray inputs) {
        count();
        return delegate.unnormalizedLogDensity(inputs);
    }

    @Override
    public INDArray sample(int n, long seed) {
        count();
        return delegate.sample(n, seed);
    }

    private void count() {
        int call = calls.incrementAndGet();
        if (call >= failingCall) {
            throw new IllegalStateException(MESSAGE + call);
        }
    }
}
