package org.distill4j.bayes.regression;

/**
 * Adam (Kingma &amp; Ba 2015) on a flat {@code double[]}: the student's optimiser. Mutable, not thread-safe; one
 * per training run.
 */
final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private long t;

    Adam(int size, double learningRate) {
        this.learningRate = learningRate;
        this.m = new double[size];
        this.v = new double[size];
    }

    /** Moves {@code params} against {@code grad} with the configured learning rate. */
    void step(double[] params, double[] grad) {
        step(params, grad, learningRate);
    }

    /** Moves {@code params} against {@code grad} with learning rate {@code rate}. */
    void step(double[] params, double[] grad, double rate) {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < params.length; i++) {
            m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
            v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
            params[i] -= rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
        }
    }

    /** The number of steps taken. */
    long steps() {
        return t;
    }

    /** Copies of the two moment vectors, for a checkpoint. */
    double[][] momentsCopy() {
        return new double[][] {m.clone(), v.clone()};
    }

    /** Replaces the state by a checkpoint's (lengths checked by the caller). */
    void restore(double[] first, double[] second, long steps) {
        System.arraycopy(first, 0, m, 0, m.length);
        System.arraycopy(second, 0, v, 0, v.length);
        t = steps;
    }
}
