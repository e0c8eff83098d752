package org.distill4j.bayes.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.SplittableRandom;
import org.distill4j.core.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Bayesian multilayer perceptron with one hidden layer (tanh or ReLU), for classification (softmax over K
 * classes) or for regression with Gaussian noise whose log-variance is itself a parameter (Korattikara et al.,
 * <i>Bayesian Dark Knowledge</i>, NIPS 2015: 50 hidden units on Boston housing). Prior: every weight and bias
 * {@code ~ N(0, priorVariance)}; the log noise variance {@code ~ N(noiseMean, noiseVariance)} (see
 * {@link Builder#logNoiseVariancePrior}).
 *
 * <p><b>Layout of θ</b> (H hidden units, p inputs, K outputs, K = 1 for regression), concatenated in this order:
 * {@code W1 [H, p]} row-major, {@code b1 [H]}, {@code W2 [K, H]} row-major, {@code b2 [K]}, then, for regression
 * only, {@code log σ²} (the last entry). {@code d = H(p + 1) + K(H + 1) (+ 1)}.
 *
 * <p>{@link #predictive} returns {@code [n, K]} class probabilities, or for regression {@code [n, 2]}: the network's
 * mean and {@code exp(log σ²)}. The regression log-likelihood includes its {@code −½ log 2π} constants.
 *
 * <p>Immutable and thread-safe; the data are copied. Gradients by explicit backpropagation in double loops
 * (a few {@code [H]} buffers per call, nothing per row).
 */
public final class BayesianMlp implements MinibatchLogDensity, PredictiveModel {

    /** The hidden non-linearity. */
    public enum Activation {
        /** {@code tanh(a)}. */
        TANH,
        /** {@code max(0, a)}. */
        RELU
    }

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final double[] x;
    private final int[] labels;
    private final double[] targets;
    private final int n;
    private final int p;
    private final int hidden;
    private final int outputs;
    private final Activation activation;
    private final double priorVariance;
    private final double noiseMean;
    private final double noiseVariance;

    private BayesianMlp(Builder b, double[] x, int n, int[] labels, int classes, double[] targets) {
        this.x = x;
        this.n = n;
        this.p = x.length / n;
        this.hidden = b.hidden;
        this.activation = b.activation;
        this.priorVariance = b.priorVariance;
        this.noiseMean = b.noiseMean;
        this.noiseVariance = Double.isNaN(b.noiseVariance) ? b.priorVariance : b.noiseVariance;
        if (targets == null) {
            checkArgument(classes >= 2, "numClasses must be >= 2, got %s", classes);
            this.labels = Features.labels(labels, n, classes);
            this.targets = null;
            this.outputs = classes;
        } else {
            Features.checkRows(targets.length, n, "targets");
            this.labels = null;
            this.targets = targets;
            this.outputs = 1;
        }
    }

    /** A builder with defaults: 50 tanh hidden units, prior variance 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether this is a regression model (Gaussian response with learned noise). */
    public boolean isRegression() {
        return targets != null;
    }

    /** The number of hidden units H. */
    public int hiddenUnits() {
        return hidden;
    }

    /** The hidden non-linearity. */
    public Activation activation() {
        return activation;
    }

    @Override
    public int dimension() {
        return hidden * (p + 1) + outputs * (hidden + 1) + (isRegression() ? 1 : 0);
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

    @Override
    public Response response() {
        return isRegression() ? Response.GAUSSIAN : Response.CATEGORICAL;
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    /**
     * A random starting point for a chain (θ = 0 is a saddle of every MLP posterior): {@code W1 ~ N(0, 1/p)},
     * {@code W2 ~ N(0, 1/H)}, biases and log noise variance 0.
     *
     * @param seed the seed; the same seed gives the same vector
     * @return a new {@code [d]} array
     */
    public double[] initialParameters(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] theta = new double[dimension()];
        int w2 = hidden * (p + 1);
        for (int k = 0; k < hidden * p; k++) {
            theta[k] = rng.nextGaussian() / Math.sqrt(p);
        }
        for (int k = 0; k < outputs * hidden; k++) {
            theta[w2 + k] = rng.nextGaussian() / Math.sqrt(hidden);
        }
        return theta;
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
        int weights = isRegression() ? theta.length - 1 : theta.length;
        double lp = Features.gaussianPrior(theta, weights, priorVariance, gradient);
        if (isRegression()) {
            double e = theta[weights] - noiseMean;
            lp -= 0.5 * e * e / noiseVariance;
            if (gradient != null) {
                gradient[weights] = -e / noiseVariance;
            }
        }
        return lp;
    }

    /** Hidden pre-activations {@code a} and activations {@code h} of one row, then the outputs {@code out}. */
    private void forward(double[] theta, double[] in, int off, double[] a, double[] h, double[] out) {
        int b1 = hidden * p;
        for (int u = 0; u < hidden; u++) {
            double s = theta[b1 + u] + Features.dot(theta, u * p, in, off, p);
            a[u] = s;
            h[u] = activation == Activation.TANH ? Math.tanh(s) : Math.max(0.0, s);
        }
        int w2 = b1 + hidden;
        int b2 = w2 + outputs * hidden;
        for (int k = 0; k < outputs; k++) {
            out[k] = theta[b2 + k] + Features.dot(theta, w2 + k * hidden, h, 0, hidden);
        }
    }

    private double likelihood(double[] theta, int[] rows, int m, double scale, double[] gradient) {
        double[] a = new double[hidden];
        double[] h = new double[hidden];
        double[] out = new double[outputs];
        double[] dOut = new double[outputs];
        double[] dA = new double[hidden];
        int b1 = hidden * p;
        int w2 = b1 + hidden;
        int b2 = w2 + outputs * hidden;
        int logVar = b2 + outputs;
        double variance = isRegression() ? Math.exp(theta[logVar]) : 1.0;
        double ll = 0;
        double gLogVar = 0;
        for (int r = 0; r < m; r++) {
            int i = rows == null ? r : rows[r];
            int off = i * p;
            forward(theta, x, off, a, h, out);
            if (isRegression()) {
                double e = targets[i] - out[0];
                ll += -HALF_LOG_2PI - 0.5 * theta[logVar] - 0.5 * e * e / variance;
                dOut[0] = e / variance;
                gLogVar += -0.5 + 0.5 * e * e / variance;
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < outputs; k++) {
                    max = Math.max(max, out[k]);
                }
                double sum = 0;
                for (int k = 0; k < outputs; k++) {
                    sum += Math.exp(out[k] - max);
                }
                double lse = max + Math.log(sum);
                ll += out[labels[i]] - lse;
                for (int k = 0; k < outputs; k++) {
                    dOut[k] = (k == labels[i] ? 1.0 : 0.0) - Math.exp(out[k] - lse);
                }
            }
            if (gradient == null) {
                continue;
            }
            for (int u = 0; u < hidden; u++) {
                dA[u] = 0;
            }
            for (int k = 0; k < outputs; k++) {
                double d = scale * dOut[k];
                gradient[b2 + k] += d;
                int w = w2 + k * hidden;
                for (int u = 0; u < hidden; u++) {
                    gradient[w + u] += d * h[u];
                    dA[u] += d * theta[w + u];
                }
            }
            for (int u = 0; u < hidden; u++) {
                double d = dA[u] * (activation == Activation.TANH ? 1 - h[u] * h[u] : (a[u] > 0 ? 1.0 : 0.0));
                if (d == 0) {
                    continue;
                }
                gradient[b1 + u] += d;
                Features.axpy(d, x, off, gradient, u * p, p);
            }
        }
        if (gradient != null && isRegression()) {
            gradient[logVar] += scale * gLogVar;
        }
        return scale * ll;
    }

    @Override
    public INDArray predictive(double[] theta, INDArray inputs) {
        Features.checkTheta(theta, dimension());
        double[] in = Features.inputs(inputs, p);
        int rows = in.length / p;
        int cols = isRegression() ? 2 : outputs;
        double[] result = new double[rows * cols];
        fillPredictive(theta, in, rows, result);
        return Features.matrix(result, rows, cols);
    }

    /** The predictive on plain arrays, without the {@link INDArray} copies; same checks on lengths. */
    @Override
    public void predictive(double[] theta, double[] inputs, int rows, double[] out) {
        Features.checkTheta(theta, dimension());
        checkNotNull(inputs, "inputs");
        checkNotNull(out, "out");
        checkArgument(rows >= 1 && inputs.length == (long) rows * p,
                "inputs must hold rows=%s times inputSize=%s values, got %s", rows, p, inputs.length);
        int cols = isRegression() ? 2 : outputs;
        checkArgument(out.length >= rows * cols, "out must hold at least %s values, got %s", rows * cols, out.length);
        fillPredictive(theta, inputs, rows, out);
    }

    private void fillPredictive(double[] theta, double[] in, int rows, double[] result) {
        double[] a = new double[hidden];
        double[] h = new double[hidden];
        double[] out = new double[outputs];
        int cols = isRegression() ? 2 : outputs;
        for (int i = 0; i < rows; i++) {
            forward(theta, in, i * p, a, h, out);
            if (isRegression()) {
                result[2 * i] = out[0];
                result[2 * i + 1] = Math.exp(theta[theta.length - 1]);
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (double o : out) {
                    max = Math.max(max, o);
                }
                double sum = 0;
                for (int k = 0; k < outputs; k++) {
                    sum += Math.exp(out[k] - max);
                }
                for (int k = 0; k < outputs; k++) {
                    result[i * cols + k] = Math.exp(out[k] - max) / sum;
                }
            }
        }
    }

    /**
     * Configuration of a {@link BayesianMlp}; the data are given to one of the terminal methods
     * ({@code classifier}, {@code regressor}), which validate everything. Not thread-safe; reusable.
     */
    public static final class Builder {
        private int hidden = 50;
        private Activation activation = Activation.TANH;
        private double priorVariance = 1.0;
        private double noiseMean = 0.0;
        private double noiseVariance = Double.NaN;

        private Builder() {
        }

        /** The number of hidden units H (default 50, as Bayesian Dark Knowledge). */
        public Builder hiddenUnits(int units) {
            this.hidden = units;
            return this;
        }

        /** The hidden non-linearity (default tanh). */
        public Builder activation(Activation a) {
            this.activation = a;
            return this;
        }

        /** The variance of the Gaussian prior of every weight and bias (default 1). */
        public Builder priorVariance(double variance) {
            this.priorVariance = variance;
            return this;
        }

        /** Regression only: prior {@code log σ² ~ N(mean, variance)} (default: mean 0, the weights' variance). */
        public Builder logNoiseVariancePrior(double mean, double variance) {
            this.noiseMean = mean;
            this.noiseVariance = variance;
            return this;
        }

        private void validate() {
            checkArgument(hidden >= 1, "hiddenUnits must be >= 1, got %s", hidden);
            checkNotNull(activation, "activation");
            Features.priorVariance(priorVariance);
            checkArgument(Double.isFinite(noiseMean), "noise prior mean must be finite, got %s", noiseMean);
            checkArgument(Double.isNaN(noiseVariance) || (noiseVariance > 0 && Double.isFinite(noiseVariance)),
                    "noise prior variance must be finite and > 0, got %s", noiseVariance);
        }

        /** A classifier on features {@code [n, p]} with labels in {@code [0, numClasses)}. */
        public BayesianMlp classifier(double[][] features, int[] labels, int numClasses) {
            validate();
            return new BayesianMlp(this, Features.flatten(features, "features"), features.length, labels,
                    numClasses, null);
        }

        /** A classifier on {@code [n, p]} features and a label vector. */
        public BayesianMlp classifier(INDArray features, INDArray labels, int numClasses) {
            validate();
            double[] flat = Features.flatten(features, "features");
            return new BayesianMlp(this, flat, (int) features.rows(), Features.labels(labels, "labels"),
                    numClasses, null);
        }

        /** A classifier on a core data set. */
        public BayesianMlp classifier(Dataset data) {
            validate();
            return new BayesianMlp(this, Features.of(data), data.size(), data.labels(), data.numClasses(), null);
        }

        /** A regressor on features {@code [n, p]} and real targets {@code [n]}. */
        public BayesianMlp regressor(double[][] features, double[] targets) {
            validate();
            return new BayesianMlp(this, Features.flatten(features, "features"), features.length, null, 0,
                    Features.targets(targets, "targets"));
        }

        /** A regressor on {@code [n, p]} features and a target vector. */
        public BayesianMlp regressor(INDArray features, INDArray targets) {
            validate();
            double[] flat = Features.flatten(features, "features");
            return new BayesianMlp(this, flat, (int) features.rows(), null, 0, Features.targets(targets, "targets"));
        }
    }
}
