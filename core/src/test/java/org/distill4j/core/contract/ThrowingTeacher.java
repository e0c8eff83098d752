package org.distill4j.core.contract;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.teacher.HasInputJacobian;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A test fixture: a conditional teacher that answers like its delegate until its {@code failingCall}-th call, and
 * from that call on throws {@code IllegalStateException("teacher failed on call N")}, N being the number of the
 * call. Calls are {@link #predict}, and for a differentiable delegate {@code logProbabilityJacobian} and
 * {@code logProbabilityJvp}, counted together in the order they arrive. {@link DistillerContract} implementers
 * return one from {@code throwingTeacher(int)}.
 *
 * <p>{@link #wrap} keeps the delegate's {@link HasInputJacobian} capability: the instance it returns implements
 * that interface exactly when the delegate does (test with {@code instanceof}). Other capabilities are not
 * forwarded.
 *
 * <p>Thread-safe when the delegate is; the counters are atomic. One instance counts for one run: make a new one
 * per distillation.
 */
public sealed class ThrowingTeacher implements ConditionalTeacher permits ThrowingTeacher.WithJacobian {

    /** The start of the message of every failure, followed by the call number. */
    public static final String MESSAGE = "teacher failed on call ";

    private final ConditionalTeacher delegate;
    private final int failingCall;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    private ThrowingTeacher(ConditionalTeacher delegate, int failingCall) {
        this.delegate = delegate;
        this.failingCall = failingCall;
    }

    /**
     * Wraps {@code delegate}, failing from call {@code failingCall} on.
     *
     * @param failingCall the first call that throws, at least 1 ({@code Integer.MAX_VALUE}: never, in practice)
     * @return an instance that implements {@link HasInputJacobian} exactly when {@code delegate} does
     */
    public static ThrowingTeacher wrap(ConditionalTeacher delegate, int failingCall) {
        checkNotNull(delegate, "delegate");
        checkArgument(failingCall >= 1, "failingCall must be >= 1, got %s", failingCall);
        return delegate instanceof HasInputJacobian differentiable
                ? new WithJacobian(differentiable, failingCall)
                : new ThrowingTeacher(delegate, failingCall);
    }

    /** The teacher this one answers for. */
    public ConditionalTeacher delegate() {
        return delegate;
    }

    /** The number of the first call that throws. */
    public int failingCall() {
        return failingCall;
    }

    /** How many calls arrived so far, failed ones included. */
    public int calls() {
        return calls.get();
    }

    /** How many calls threw so far. */
    public int failures() {
        return failures.get();
    }

    @Override
    public int inputSize() {
        return delegate.inputSize();
    }

    @Override
    public int outputSize() {
        return delegate.outputSize();
    }

    /** The delegate's answer, or {@link IllegalStateException} from call {@link #failingCall()} on. */
    @Override
    public INDArray predict(INDArray inputs) {
        countCall();
        return delegate.predict(inputs);
    }

    /** Counts a call; throws when it is the failing call or a later one. */
    final void countCall() {
        int call = calls.incrementAndGet();
        if (call >= failingCall) {
            failures.incrementAndGet();
            throw new IllegalStateException(MESSAGE + call);
        }
    }

    @Override
    public String toString() {
        return "ThrowingTeacher[from call " + failingCall + ", " + delegate + "]";
    }

    /** A throwing teacher over a delegate with input derivatives; Jacobian calls count too. */
    public static final class WithJacobian extends ThrowingTeacher implements HasInputJacobian {

        private final HasInputJacobian differentiable;

        private WithJacobian(HasInputJacobian delegate, int failingCall) {
            super(delegate, failingCall);
            this.differentiable = delegate;
        }

        @Override
        public INDArray logProbabilityJacobian(INDArray inputs) {
            countCall();
            return differentiable.logProbabilityJacobian(inputs);
        }

        @Override
        public INDArray logProbabilityJvp(INDArray inputs, INDArray directions) {
            countCall();
            return differentiable.logProbabilityJvp(inputs, directions);
        }

        @Override
        public boolean hasExactDerivatives() {
            return differentiable.hasExactDerivatives();
        }
    }
}
