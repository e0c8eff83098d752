package org.distill4j.bayes.bag;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.core.fidelity.Fidelity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The measures reported by the Bayesian distillers, in nats and {@code double}: {@code KL(p ‖ q)} between a
 * Monte-Carlo predictive and a student on the same inputs, and the log-likelihood of held-out labels
 * (Papamakarios 2015, arXiv:1510.02437, ch. 3). Probabilities below {@link Fidelity#PROBABILITY_FLOOR} count as
 * the floor inside logarithms. Stateless and thread-safe; arguments are not modified.
 */
public final class PredictiveMeasures {

    private PredictiveMeasures() {
    }

    /**
     * The mean over rows of {@code KL(p_n ‖ q_n) = Σ_k p log(p/q)}.
     *
     * @param p {@code [n, K]} probability rows (the teacher)
     * @param q {@code [n, K]} probability rows (the student)
     * @throws IllegalArgumentException if the shapes differ (both shown)
     */
    public static double meanKl(INDArray p, INDArray q) {
        checkNotNull(p, "p");
        checkNotNull(q, "q");
        checkArgument(java.util.Arrays.equals(p.shape(), q.shape()) && p.rank() == 2 && p.rows() > 0,
                "p and q must have the same shape [n >= 1, K], got %s and %s", java.util.Arrays.toString(p.shape()),
                java.util.Arrays.toString(q.shape()));
        double[] pp = p.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] qq = q.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double total = 0;
        for (int i = 0; i < pp.length; i++) {
            if (pp[i] > 0) {
                total += pp[i] * (Math.log(pp[i]) - Math.log(Math.max(qq[i], Fidelity.PROBABILITY_FLOOR)))
                        - pp[i] + qq[i];
            } else {
                total += qq[i];
            }
        }
        return total / p.rows();
    }

    /**
     * {@code Σ_n log q(y_n|x_n)}.
     *
     * @param probabilities {@code [n, K]} probability rows
     * @param labels {@code n} class indices in {@code [0, K)}
     * @throws IllegalArgumentException if the counts differ or a label is out of range (naming it)
     */
    public static double logLikelihood(INDArray probabilities, int[] labels) {
        checkNotNull(probabilities, "probabilities");
        checkNotNull(labels, "labels");
        checkArgument(probabilities.rank() == 2, "probabilities must be [n, K], got shape %s",
                java.util.Arrays.toString(probabilities.shape()));
        long n = probabilities.rows();
        int k = (int) probabilities.columns();
        checkArgument(labels.length == n, "labels has %s entries but there are %s inputs", labels.length, n);
        for (int i = 0; i < labels.length; i++) {
            checkArgument(labels[i] >= 0 && labels[i] < k, "label %s of row %s is out of range [0, %s)", labels[i],
                    i, k);
        }
        double[] pp = probabilities.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            total += Math.log(Math.max(pp[i * k + labels[i]], Fidelity.PROBABILITY_FLOOR));
        }
        return total;
    }
}
