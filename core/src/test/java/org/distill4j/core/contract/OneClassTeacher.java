package org.distill4j.core.contract;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.core.ConditionalTeacher;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A test fixture for the battery's "one class" check: a conditional teacher of the delegate's widths that puts all
 * probability on one class for every input — exact zeros elsewhere, so that {@code 0·log 0} terms, degenerate
 * splits and one-class label sets are exercised. {@link DistillerContract} implementers return one from
 * {@code oneClassTeacher()}. Validates its inputs like a real teacher (width, finiteness). Immutable; thread-safe.
 */
public final class OneClassTeacher implements ConditionalTeacher {

    private final int inputSize;
    private final int outputSize;
    private final int cls;

    private OneClassTeacher(int inputSize, int outputSize, int cls) {
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.cls = cls;
    }

    /** A teacher with {@code like}'s widths answering class {@code cls} with probability 1 everywhere. */
    public static OneClassTeacher of(ConditionalTeacher like, int cls) {
        checkNotNull(like, "like");
        checkArgument(cls >= 0 && cls < like.outputSize(), "cls must be in [0, %s), got %s", like.outputSize(), cls);
        return new OneClassTeacher(like.inputSize(), like.outputSize(), cls);
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public INDArray predict(INDArray inputs) {
        checkNotNull(inputs, "inputs");
        checkArgument(inputs.rank() == 2 && inputs.columns() == inputSize, "inputs must be [n, %s], got %s",
                inputSize, java.util.Arrays.toString(inputs.shape()));
        checkArgument(ContractAssertions.allFinite(inputs.castTo(DataType.DOUBLE)), "inputs must be finite");
        DataType type = inputs.dataType().isFPType() ? inputs.dataType() : DataType.FLOAT;
        INDArray out = Nd4j.zeros(type, inputs.rows(), outputSize);
        if (inputs.rows() > 0) {
            out.getColumn(cls).assign(1);
        }
        return out;
    }

    @Override
    public String toString() {
        return "OneClassTeacher[class " + cls + " of " + outputSize + "]";
    }
}
