package org.distill4j.bayes.online;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.bayes.bag.CategoricalPredictive;
import org.distill4j.bayes.bag.PredictiveEvaluation;
import org.distill4j.bayes.student.LogisticMixtureStudent;
import org.distill4j.core.Distillation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The outcome of an online distillation: the student and core's report, the posterior samples consumed (chain
 * states paired with inputs), the chain transitions made (burn-in and initialisation included), and the peak
 * bytes the run held at once: the chain's current state, the student's parameters, gradient and Adam moments,
 * and one minibatch's inputs and targets (the chain's own internal buffers are not visible and not counted).
 *
 * @param run the student and report
 * @param samplesConsumed states paired with transfer inputs
 * @param transitions chain transitions made
 * @param peakBytes the most bytes held at once
 */
public record OnlineDistillation(Distillation<LogisticMixtureStudent> run, long samplesConsumed, long transitions,
        long peakBytes) {

    /** Checks ranges. */
    public OnlineDistillation {
        checkNotNull(run, "run");
        checkArgument(samplesConsumed >= 0 && transitions >= samplesConsumed && peakBytes > 0,
                "inconsistent counts: samples %s, transitions %s, peak bytes %s", samplesConsumed, transitions,
                peakBytes);
    }

    /** The trained student. */
    public LogisticMixtureStudent student() {
        return run.student();
    }

    /**
     * Compares the student with a reference bag's predictive (e.g. a bag drawn from the same chain) on held-out
     * inputs.
     *
     * @param testLabels labels of the held-out inputs, or {@code null}
     */
    public PredictiveEvaluation evaluate(CategoricalPredictive reference, INDArray testInputs, int[] testLabels) {
        return PredictiveEvaluation.of(reference, student(), testInputs, testLabels, student().memoryBytes(),
                samplesConsumed, peakBytes);
    }
}
