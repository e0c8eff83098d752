package org.distill4j.bayes.student;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Adam (Kingma &amp; Ba 2015, arXiv:1412.6980, Algorithm 1) on a flat {@code double[]} of parameters: the
 * optimiser of the mixture students, whose gradients come from {@link MixtureObjective}. It holds two moment
 * vectors of the parameters' size ({@link #memoryBytes()}).
 *
 * <p>Mutable and not thread-safe: one instance per training run.
 */
public final class Adam {

    /** The usual first-moment decay. */
    public static final double BETA1 = 0.9;
    /** The usual second-moment decay. */
    public static final double BETA2 = 0.999;
    /** The usual denominator guard. */
    public static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private long t;

    /**
     * @param size the number of parameters, at least 1
     * @param learningRate the step size, finite and > 0
     */
    public Adam(int size, double learningRate) {
        checkArgument(size >= 1, "size must be >= 1, got %s", size);
        checkArgument(learningRate > 0 && Double.isFinite(learningRate),
                "learningRate must be finite and > 0, got %s", learningRate);
        this.learningRate = learningRate;
        this.m = new double[size];
        this.v = new double[size];
    }

    /**
     * One update of {@code params} (in place) along the descent direction of {@code gradient}.
     *
     * @throws IllegalArgumentException if the lengths differ from the optimiser's size
     */
    public void step(double[] params, double[] gradient) {
        checkArgument(params.length == m.length && gradient.length == m.length,
                "params and gradient must have length %s, got %s and %s", m.length, params.length, gradient.length);
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        double rate = learningRate * Math.sqrt(c2) / c1;
        for (int i = 0; i < params.length; i++) {
            double g = gradient[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            params[i] -= rate * m[i] / (Math.sqrt(v[i]) + EPSILON * Math.sqrt(c2));
        }
    }

    /** The number of updates made. */
    public long steps() {
        return t;
    }

    /** The bytes of the moment vectors, {@code 16·size}. */
    public long memoryBytes() {
        return 16L * m.length;
    }

    /** Copies of the two moment vectors, for a checkpoint (of the mixture and online distillers' runs). */
    public double[][] momentsCopy() {
        return new double[][] {m.clone(), v.clone()};
    }

    /**
     * Replaces the state by a checkpoint's.
     *
     * @throws IllegalArgumentException if a vector's length differs from the optimiser's size or steps < 0
     */
    public void restore(double[] first, double[] second, long steps) {
        checkArgument(first.length == m.length && second.length == v.length,
                "Adam moments must have length %s, got %s and %s", m.length, first.length, second.length);
        checkArgument(steps >= 0, "Adam steps must be >= 0, got %s", steps);
        System.arraycopy(first, 0, m, 0, m.length);
        System.arraycopy(second, 0, v, 0, v.length);
        t = steps;
    }
}
