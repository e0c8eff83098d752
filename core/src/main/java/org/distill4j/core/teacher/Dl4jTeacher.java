package org.distill4j.core.teacher;

import org.distill4j.core.ConditionalTeacher;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the DL4J teachers ({@link MultiLayerNetworkTeacher}, {@link ComputationGraphTeacher}) share: their
 * signature (input and output sizes, data type, parameter count), input checks and casts, one private lock around
 * the network (DL4J networks are not thread-safe), and the refusal of an exact Jacobian for networks whose backward
 * pass uses batch statistics. Subclasses supply the forward pass and the Jacobian.
 */
abstract class Dl4jTeacher implements ConditionalTeacher, HasInputJacobian, HasHiddenRepresentation,
        HasParameterCount {

    /**
     * The checked shape of a wrapped network.
     *
     * @param dataType the network's data type
     * @param inputSize {@code d}
     * @param outputSize {@code K}
     * @param parameterCount {@code numParams()}
     * @param trainingModeComponent the first layer or vertex whose backward pass uses batch statistics, or
     *     {@code null}
     */
    record Signature(DataType dataType, int inputSize, int outputSize, long parameterCount,
            String trainingModeComponent) {
    }

    /** Held by every call that touches the network copies. */
    final Object lock = new Object();
    private final Signature signature;

    Dl4jTeacher(Signature signature) {
        this.signature = signature;
    }

    @Override
    public final int inputSize() {
        return signature.inputSize();
    }

    @Override
    public final int outputSize() {
        return signature.outputSize();
    }

    /** The data type of the network, of every array this teacher returns. */
    public final DataType dataType() {
        return signature.dataType();
    }

    /** The network's number of parameters ({@code numParams()}). */
    @Override
    public final long parameterCount() {
        return signature.parameterCount();
    }

    /**
     * The network's output probabilities.
     *
     * @param inputs {@code [n, d]} finite values of any floating-point type, not modified
     * @return a new {@code [n, K]} array in {@link #dataType()}
     */
    @Override
    public final INDArray predict(INDArray inputs) {
        INDArray x = castInputs(inputs);
        synchronized (lock) {
            return output(x).detach();
        }
    }

    /**
     * The exact Jacobian of the log-probabilities with respect to the inputs.
     *
     * @param inputs {@code [n, d]}, not modified
     * @return a new {@code [n, K, d]} array in {@link #dataType()}
     * @throws UnsupportedOperationException if the network has batch normalisation
     */
    @Override
    public final INDArray logProbabilityJacobian(INDArray inputs) {
        TeacherInputs.checkBatch(inputs, inputSize(), "inputs");
        if (signature.trainingModeComponent() != null) {
            throw new UnsupportedOperationException("exact input Jacobian unavailable: "
                    + signature.trainingModeComponent() + " computes with batch statistics in DL4J's backward pass");
        }
        return exactJacobian(inputs);
    }

    /** Checks a batch and returns a private copy in the network's data type. */
    final INDArray castInputs(INDArray inputs) {
        TeacherInputs.checkBatch(inputs, inputSize(), "inputs");
        return TeacherInputs.copyAs(inputs, dataType());
    }

    /** The network's output for checked inputs of its data type; called holding {@link #lock}. */
    abstract INDArray output(INDArray x);

    /** The exact Jacobian for a checked batch, for a network without batch statistics. */
    abstract INDArray exactJacobian(INDArray inputs);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + inputSize() + " -> " + outputSize() + ", " + parameterCount()
                + " parameters, " + dataType() + "]";
    }
}
