package org.distill4j.bayes.model;

import static com.google.common.base.Preconditions.checkArgument;

import org.distill4j.core.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bayesian softmax (multinomial logistic) regression with K classes: {@code p(y = k | x, θ) ∝ exp(w_k·x + b_k)},
 * prior {@code θ ~ N(0, priorVariance · I)} on every parameter (Papamakarios 2015, arXiv:1510.02437, ch. 3).
 *
 * <p><b>Layout.</b> {@code θ} is the row-major {@code [K, q]} matrix of class rows, {@code q = p + 1} with the bias
 * last in each row when {@code bias = true}, else {@code q = p}: {@code θ[k·q + j] = w_{k,j}}, {@code θ[k·q + p] =
 * b_k}. All K rows are parameters (the over-parameterisation is resolved by the prior).
 *
 * <p>Immutable and thread-safe; the data are copied. {@link #predictive} returns {@code [n, K]} probabilities.
 * The gradient loops allocate one {@code [K]} buffer per call, nothing per row.
 */
public final class BayesianSoftmaxRegression implements MinibatchLogDensity, PredictiveModel {

    private final double[] x;
    private final int[] y;
    private final int n;
    private final int p;
    private final int classes;
    private final boolean bias;
    private final double priorVariance;

    private BayesianSoftmaxRegression(double[] x, int[] labels, int n, int classes, double priorVariance,
            boolean bias) {
        checkArgument(classes >= 2, "numClasses must be >= 2, got %s", classes);
        this.n = n;
        this.p = x.length / n;
        this.y = Features.labels(labels, n, classes);
        this.x = x;
        this.classes = classes;
        this.bias = bias;
        this.priorVariance = Features.priorVariance(priorVariance);
    }

    /**
     * From features {@code [n, p]} and labels in {@code [0, numClasses)}.
     *
     * @param features      {@code [n, p]}, finite; copied
     * @param labels        {@code [n]}
     * @param numClasses    K, at least 2
     * @param priorVariance variance of the Gaussian prior of every parameter
     * @param bias          whether each class row ends with a bias
     */
    public static BayesianSoftmaxRegression of(double[][] features, int[] labels, int numClasses,
            double priorVariance, boolean bias) {
        double[] flat = Features.flatten(features, "features");
        return new BayesianSoftmaxRegression(flat, labels, features.length, numClasses, priorVariance, bias);
    }

    /** As {@link #of(double[][], int[], int, double, boolean)} from {@code [n, p]} features and a label vector. */
    public static BayesianSoftmaxRegression of(INDArray features, INDArray labels, int numClasses,
            double priorVariance, boolean bias) {
        double[] flat = Features.flatten(features, "features");
        return new BayesianSoftmaxRegression(flat, Features.labels(labels, "labels"), (int) features.rows(),
                numClasses, priorVariance, bias);
    }

    /** From a core data set (K = its number of classes, at least 2). */
    public static BayesianSoftmaxRegression of(Dataset data, double priorVariance, boolean bias) {
        return new BayesianSoftmaxRegression(Features.of(data), data.labels(), data.size(), data.numClasses(),
                priorVariance, bias);
    }

    private int q() {
        return p + (bias ? 1 : 0);
    }

    @Override
    public int dimension() {
        return classes * q();
    }

    @Override
    public int parameterDimension() {
        return dimension();
    }

    @Override
    public int dataSize() {
        return n;
    }

    @Override
    public int inputSize() {
        return p;
    }

    /** Whether each class row ends with a bias. */
    public boolean hasBias() {
        return bias;
    }

    /** The prior variance of every parameter. */
    public double priorVariance() {
        return priorVariance;
    }

    @Override
    public Response response() {
        return Response.CATEGORICAL;
    }

    @Override
    public int outputSize() {
        return classes;
    }

    @Override
    public double logDensity(double[] theta, double[] gradient) {
        Features.checkTheta(theta, dimension());
        Features.checkGradient(gradient, dimension());
        return prior(theta, gradient) + likelihood(theta, null, n, 1.0, gradient);
    }

    @Override
    public double logDensity(double[] theta, int[] rows, double[] gradient) {
        Features.checkTheta(theta, dimension());
        Features.checkGradient(gradient, dimension());
        Features.checkRows(rows, n);
        return prior(theta, gradient) + likelihood(theta, rows, rows.length, (double) n / rows.length, gradient);
    }

    private double prior(double[] theta, double[] gradient) {
        return Features.gaussianPrior(theta, theta.length, priorVariance, gradient);
    }

    /** Fills {@code z [K]} with the logits of row {@code off/p} and returns their log-sum-exp. */
    private double logits(double[] theta, double[] in, int off, double[] z) {
        int q = q();
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            int w = k * q;
            double s = (bias ? theta[w + p] : 0.0) + Features.dot(in, off, theta, w, p);
            z[k] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += Math.exp(z[k] - max);
        }
        return max + Math.log(sum);
    }

    private double likelihood(double[] theta, int[] rows, int m, double scale, double[] gradient) {
        double[] z = new double[classes];
        int q = q();
        double ll = 0;
        for (int r = 0; r < m; r++) {
            int i = rows == null ? r : rows[r];
            int off = i * p;
            double lse = logits(theta, x, off, z);
            ll += z[y[i]] - lse;
            if (gradient != null) {
                for (int k = 0; k < classes; k++) {
                    double c = scale * ((k == y[i] ? 1.0 : 0.0) - Math.exp(z[k] - lse));
                    int w = k * q;
                    Features.axpy(c, x, off, gradient, w, p);
                    if (bias) {
                        gradient[w + p] += c;
                    }
                }
            }
        }
        return scale * ll;
    }

    @Override
    public INDArray predictive(double[] theta, INDArray inputs) {
        Features.checkTheta(theta, dimension());
        double[] in = Features.inputs(inputs, p);
        int rows = in.length / p;
        double[] out = new double[classes * rows];
        double[] z = new double[classes];
        for (int i = 0; i < rows; i++) {
            double lse = logits(theta, in, i * p, z);
            for (int k = 0; k < classes; k++) {
                out[i * classes + k] = Math.exp(z[k] - lse);
            }
        }
        return Features.matrix(out, rows, classes);
    }
}
