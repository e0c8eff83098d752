package org.distill4j.bayes.regression;

/**
 * A Gaussian regression student in training: its parameters and Adam state. Each {@link #step} takes the mean
 * loss over a batch of inputs with target means and variances and moves the parameters once. Mutable, not
 * thread-safe; one per run.
 */
final class GaussianRegressionTraining {

    private final int[] sizes;
    private final double[] params;
    private final double[] grad;
    private final Adam adam;

    GaussianRegressionTraining(GaussianRegressionStudent start, double learningRate) {
        this.sizes = start.layerSizes();
        this.params = start.parameters();
        this.grad = new double[params.length];
        this.adam = new Adam(params.length, learningRate);
    }

    /**
     * One Adam step on the mean loss of {@code n} rows.
     *
     * @param x row-major {@code [n, p]}
     * @param m target means {@code [n]}
     * @param v target variances {@code [n]}
     * @return the loss before the step
     */
    double step(double[] x, int n, double[] m, double[] v) {
        return step(x, n, m, v, Double.NaN);
    }

    /** As {@link #step(double[], int, double[], double[])} with learning rate {@code rate} (NaN: the default). */
    double step(double[] x, int n, double[] m, double[] v, double rate) {
        return step(x, n, m, v, rate, 0);
    }

    /** As above, adding the L2 penalty {@code (λ/2)‖w‖²} to the gradient (not to the returned loss). */
    double step(double[] x, int n, double[] m, double[] v, double rate, double weightDecay) {
        double loss = GaussianMlp.lossAndGradient(params, sizes, x, n, m, v, grad);
        if (weightDecay > 0) {
            for (int i = 0; i < params.length; i++) {
                grad[i] += weightDecay * params[i];
            }
        }
        if (Double.isFinite(loss)) {
            if (Double.isNaN(rate)) {
                adam.step(params, grad);
            } else {
                adam.step(params, grad, rate);
            }
        }
        return loss;
    }

    /** The student as it is now. */
    GaussianRegressionStudent snapshot() {
        return GaussianRegressionStudent.of(sizes, params);
    }
}
