package org.distill4j.bayes.bag;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.bayes.model.PredictiveModel;
import org.distill4j.core.ConditionalTeacher;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Monte-Carlo posterior predictive of a classification model, {@code p(y|x,D) ≈ (1/S) Σ_s p(y|x,θ_s)} over
 * the samples of a {@link PosteriorBag}, as a core {@link ConditionalTeacher}: the teacher of batch distillation
 * (Papamakarios 2015, arXiv:1510.02437, ch. 3, eq. 3.2). Probabilities are averaged, never logits.
 *
 * <p>{@link #predict} answers a batch {@code [n, inputSize()]} with a new {@code [n, K]} array of the inputs'
 * floating type (FLOAT unless the inputs are DOUBLE), accumulated in {@code double}; it costs {@code S} calls of
 * the model's {@code predictive} per batch (or one {@link BatchedPredictive#averagePredictive} call when the
 * model has that capability), so callers should batch their queries (core's distillers cache the answers for
 * fixed transfer inputs). Thread-safe: immutable, and the model is thread-safe.
 */
public final class CategoricalPredictive implements ConditionalTeacher {

    private final PosteriorBag bag;

    private CategoricalPredictive(PosteriorBag bag) {
        this.bag = bag;
    }

    /**
     * The predictive of a bag of a classification model.
     *
     * @throws IllegalArgumentException if the model's response is not {@link PredictiveModel.Response#CATEGORICAL}
     */
    public static CategoricalPredictive of(PosteriorBag bag) {
        checkNotNull(bag, "bag");
        checkArgument(bag.model().response() == PredictiveModel.Response.CATEGORICAL,
                "the bag's model must have a CATEGORICAL response, got %s", bag.model().response());
        checkArgument(bag.model().outputSize() >= 2, "a categorical model needs outputSize >= 2, got %s",
                bag.model().outputSize());
        return new CategoricalPredictive(bag);
    }

    /** The bag averaged over. */
    public PosteriorBag bag() {
        return bag;
    }

    @Override
    public int inputSize() {
        return bag.inputSize();
    }

    @Override
    public int outputSize() {
        return bag.model().outputSize();
    }

    @Override
    public INDArray predict(INDArray inputs) {
        INDArray x = InputChecks.checked(inputs, inputSize(), "inputs");
        DataType out = InputChecks.answerType(inputs);
        INDArray average = averageDouble(x);
        return average.dataType() == out ? average : average.castTo(out);
    }

    /**
     * The predictive probabilities in {@code double}, whatever the inputs' type.
     *
     * @param inputs {@code [n, inputSize()]}, finite, not modified
     * @return a new {@code [n, K]} DOUBLE array
     */
    public INDArray predictDouble(INDArray inputs) {
        return averageDouble(InputChecks.checked(inputs, inputSize(), "inputs"));
    }

    /**
     * The test log-likelihood: {@code Σ_n log p(y_n|x_n,D)} under the Monte-Carlo predictive.
     *
     * @param inputs {@code [n, inputSize()]}, not modified
     * @param labels {@code n} class indices in {@code [0, K)}
     * @throws IllegalArgumentException if the label count differs from the rows or a label is out of range
     */
    public double logLikelihood(INDArray inputs, int[] labels) {
        INDArray p = predictDouble(inputs);
        return PredictiveMeasures.logLikelihood(p, labels);
    }

    /** {@link #logLikelihood} divided by the number of rows: the mean test log-likelihood per example, in nats. */
    public double meanLogLikelihood(INDArray inputs, int[] labels) {
        return logLikelihood(inputs, labels) / inputs.rows();
    }

    private INDArray averageDouble(INDArray x) {
        PredictiveModel model = bag.model();
        int k = model.outputSize();
        if (model instanceof BatchedPredictive batched) {
            INDArray average = batched.averagePredictive(bag, x);
            if (average.rank() != 2 || average.rows() != x.rows() || average.columns() != k) {
                throw new IllegalStateException("the model averaged shape " + java.util.Arrays.toString(
                        average.shape()) + " for " + x.rows() + " inputs, expected [" + x.rows() + ", " + k + "]");
            }
            return average.castTo(DataType.DOUBLE);
        }
        INDArray sum = org.nd4j.linalg.factory.Nd4j.create(DataType.DOUBLE, x.rows(), k);
        double[] theta = new double[bag.dimension()];
        for (int s = 0; s < bag.size(); s++) {
            bag.copySample(s, theta);
            INDArray p = model.predictive(theta, x);
            if (p.rank() != 2 || p.rows() != x.rows() || p.columns() != k) {
                throw new IllegalStateException("the model answered shape " + java.util.Arrays.toString(p.shape())
                        + " for " + x.rows() + " inputs, expected [" + x.rows() + ", " + k + "]");
            }
            if (p.dataType() == DataType.DOUBLE) {
                sum.addi(p);
            } else {
                INDArray cast = p.castTo(DataType.DOUBLE);
                sum.addi(cast);
                cast.close();
            }
            if (p.closeable()) {
                p.close();
            }
        }
        return sum.divi(bag.size());
    }

    @Override
    public String toString() {
        return "CategoricalPredictive[" + bag + "]";
    }
}
