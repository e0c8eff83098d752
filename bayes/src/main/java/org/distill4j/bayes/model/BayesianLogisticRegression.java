package org.distill4j.bayes.model;

import static com.google.common.base.Preconditions.checkArgument;

import org.distill4j.core.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bayesian logistic regression for binary labels: {@code y ~ Bernoulli(σ(w·x + b))}, prior
 * {@code θ ~ N(0, priorVariance · I)} on every parameter (the thesis's toy uses variance 100: Papamakarios 2015,
 * arXiv:1510.02437, ch. 3).
 *
 * <p><b>Bias.</b> With {@code bias = true} the parameter vector is {@code θ = [w_1 … w_p, b]} ({@code d = p + 1}):
 * the bias comes last and has the same prior as the weights, exactly as appending a column of ones to the
 * features would give. With {@code bias = false}, {@code θ = w} ({@code d = p}).
 *
 * <p>The log-posterior (up to a constant) is {@code Σ_i [y_i z_i − log(1 + e^{z_i})] − |θ|²/(2·priorVariance)}
 * with {@code z_i = w·x_i + b}; its gradient {@code Σ_i (y_i − σ(z_i)) [x_i, 1] − θ/priorVariance}. Both are computed
 * in one pass over the rows with plain double loops and no allocation.
 *
 * <p>Immutable and thread-safe; the data are copied at construction. {@link #predictive} returns {@code [n, 2]}
 * probabilities of classes 0 and 1.
 */
public final class BayesianLogisticRegression implements MinibatchLogDensity, PredictiveModel {

    private final double[] x;
    private final double[] y;
    private final int n;
    private final int p;
    private final boolean bias;
    private final double priorVariance;

    private BayesianLogisticRegression(double[] x, int[] labels, int n, double priorVariance, boolean bias) {
        this.n = n;
        this.p = x.length / n;
        int[] checked = Features.labels(labels, n, 2);
        this.y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = checked[i];
        }
        this.x = x;
        this.bias = bias;
        this.priorVariance = Features.priorVariance(priorVariance);
    }

    /**
     * From features {@code [n, p]} and 0/1 labels.
     *
     * @param features      {@code [n, p]}, finite; copied
     * @param labels        {@code [n]}, each 0 or 1
     * @param priorVariance variance of the Gaussian prior of every parameter, finite and > 0
     * @param bias          whether {@code θ} ends with a bias (see the class documentation)
     */
    public static BayesianLogisticRegression of(double[][] features, int[] labels, double priorVariance,
            boolean bias) {
        double[] flat = Features.flatten(features, "features");
        return new BayesianLogisticRegression(flat, labels, features.length, priorVariance, bias);
    }

    /** As {@link #of(double[][], int[], double, boolean)} with {@code features [n, p]} and labels a vector. */
    public static BayesianLogisticRegression of(INDArray features, INDArray labels, double priorVariance,
            boolean bias) {
        double[] flat = Features.flatten(features, "features");
        return new BayesianLogisticRegression(flat, Features.labels(labels, "labels"), (int) features.rows(),
                priorVariance, bias);
    }

    /** From a core data set with exactly 2 classes. */
    public static BayesianLogisticRegression of(Dataset data, double priorVariance, boolean bias) {
        double[] flat = Features.of(data);
        checkArgument(data.numClasses() == 2, "data must have 2 classes for logistic regression, got %s",
                data.numClasses());
        return new BayesianLogisticRegression(flat, data.labels(), data.size(), priorVariance, bias);
    }

    @Override
    public int dimension() {
        return p + (bias ? 1 : 0);
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

    /** Whether the last parameter is a bias. */
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
        return 2;
    }

    @Override
    public double logDensity(double[] theta, double[] gradient) {
        Features.checkTheta(theta, dimension());
        Features.checkGradient(gradient, dimension());
        double lp = prior(theta, gradient);
        return lp + likelihood(theta, null, n, 1.0, gradient);
    }

    @Override
    public double logDensity(double[] theta, int[] rows, double[] gradient) {
        Features.checkTheta(theta, dimension());
        Features.checkGradient(gradient, dimension());
        Features.checkRows(rows, n);
        double lp = prior(theta, gradient);
        return lp + likelihood(theta, rows, rows.length, (double) n / rows.length, gradient);
    }

    private double prior(double[] theta, double[] gradient) {
        double inv = 1.0 / priorVariance;
        double ss = 0;
        for (int j = 0; j < theta.length; j++) {
            ss += theta[j] * theta[j];
            if (gradient != null) {
                gradient[j] = -theta[j] * inv;
            }
        }
        return -0.5 * inv * ss;
    }

    /** Adds {@code scale ·} the log-likelihood's gradient of the given rows (all when null) and returns its value. */
    private double likelihood(double[] theta, int[] rows, int m, double scale, double[] gradient) {
        double b = bias ? theta[p] : 0.0;
        double ll = 0;
        double gb = 0;
        for (int k = 0; k < m; k++) {
            int i = rows == null ? k : rows[k];
            int off = i * p;
            double z0 = 0;
            double z1 = 0;
            int j = 0;
            for (; j + 1 < p; j += 2) {
                z0 += x[off + j] * theta[j];
                z1 += x[off + j + 1] * theta[j + 1];
            }
            if (j < p) {
                z0 += x[off + j] * theta[j];
            }
            double z = z0 + z1 + b;
            ll += y[i] * z - Features.softplus(z);
            if (gradient != null) {
                double r = scale * (y[i] - Features.sigmoid(z));
                for (j = 0; j < p; j++) {
                    gradient[j] += r * x[off + j];
                }
                gb += r;
            }
        }
        if (gradient != null && bias) {
            gradient[p] += gb;
        }
        return scale * ll;
    }

    @Override
    public INDArray predictive(double[] theta, INDArray inputs) {
        Features.checkTheta(theta, dimension());
        double[] in = Features.inputs(inputs, p);
        int rows = in.length / p;
        double[] out = new double[2 * rows];
        double b = bias ? theta[p] : 0.0;
        for (int i = 0; i < rows; i++) {
            double z = b;
            for (int j = 0; j < p; j++) {
                z += in[i * p + j] * theta[j];
            }
            double s = Features.sigmoid(z);
            out[2 * i] = Features.sigmoid(-z);
            out[2 * i + 1] = s;
        }
        return Features.matrix(out, rows, 2);
    }
}
