package org.distill4j.core.teacher;

import static com.google.common.base.Preconditions.checkState;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A private working copy of a single-input {@link ComputationGraph} that keeps the gradient of the loss with
 * respect to its input. DL4J M2.1's graph computes that gradient (the epsilon of the input vertex) during the
 * backward pass but clears it before returning; this subclass reads it at the end of
 * {@link #calcBackpropGradients}. Not thread-safe; {@link ComputationGraphTeacher} guards it with a lock.
 */
final class InputGradientGraph extends ComputationGraph {

    private final String inputName;
    private INDArray inputGradient;

    InputGradientGraph(ComputationGraphConfiguration configuration, String inputName) {
        super(configuration);
        this.inputName = inputName;
    }

    @Override
    protected void calcBackpropGradients(boolean truncatedBPTT, boolean storeLastForTBPTT,
            INDArray... externalEpsilons) {
        super.calcBackpropGradients(truncatedBPTT, storeLastForTBPTT, externalEpsilons);
        INDArray epsilon = getVertex(inputName).getEpsilon();
        inputGradient = epsilon == null ? null : epsilon.detach();
    }

    /**
     * The gradient of the loss with respect to the input, per example.
     *
     * @param features {@code [m, d]}
     * @param labels {@code [m, K]}
     * @return a new {@code [m, d]} array
     */
    INDArray inputGradient(INDArray features, INDArray labels) {
        inputGradient = null;
        try {
            setInputs(features);
            setLabels(labels);
            computeGradientAndScore();
            checkState(inputGradient != null, "DL4J computed no gradient for input %s", inputName);
            return inputGradient.dup('c');
        } finally {
            inputGradient = null;
            clear();
        }
    }
}
