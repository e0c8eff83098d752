package org.distill4j.bayes.model;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
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
 * with plain double loops over a column-major copy of the features, one {@code exp} per row and a per-thread
 * buffer (no allocation per call).
 *
 * <p>Immutable and thread-safe; the data are copied at construction. {@link #predictive} returns {@code [n, 2]}
 * probabilities of classes 0 and 1.
 */
public final class BayesianLogisticRegression implements MinibatchLogDensity, PredictiveModel {

    /** Rows whose {@code 1 + e^{−|z|}} factors are multiplied before one logarithm (2^64 stays finite). */
    private static final int LOG_BLOCK = 64;

    /** The features, column-major: {@code xc[j·n + i] = x[i·p + j]}. */
    private final double[] xc;
    private final ThreadLocal<double[]> work;
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
        this.xc = new double[x.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                xc[j * n + i] = x[i * p + j];
            }
        }
        this.work = ThreadLocal.withInitial(() -> new double[this.n]);
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
        return Features.gaussianPrior(theta, theta.length, priorVariance, gradient);
    }

    /**
     * Adds {@code scale ·} the log-likelihood's gradient of the given rows (all when null) and returns its value.
     * Three passes over a column-major copy of the features: {@code z = Xw + b}, the
     * residuals {@code y − σ(z)} (one {@code exp} per row: with {@code e = exp(−|z|)},
     * {@code log(1 + e^z) = max(z, 0) + log(1 + e)} and {@code σ(z) = 1/(1 + e)} or {@code e/(1 + e)}; the
     * {@code 1 + e} factors, each in (1, 2], are multiplied in blocks of {@link #LOG_BLOCK} rows and one logarithm is
     * taken per block), then {@code Xᵀr}; the full-data passes take four feature columns at a time. A per-thread buffer holds z.
     */
    private double likelihood(double[] theta, int[] rows, int m, double scale, double[] gradient) {
        double[] z = buffer(m);
        double b = bias ? theta[p] : 0.0;
        Arrays.fill(z, 0, m, b);
        if (rows == null) {
            linearPredictor(theta, z);
        } else {
            for (int j = 0; j < p; j++) {
                double w = theta[j];
                int off = j * n;
                for (int k = 0; k < m; k++) {
                    z[k] += w * xc[off + rows[k]];
                }
            }
        }
        double ll = 0;
        double gb = 0;
        double product = 1.0;
        int inBlock = 0;
        for (int k = 0; k < m; k++) {
            double yi = y[rows == null ? k : rows[k]];
            double zk = z[k];
            double e = Math.exp(-Math.abs(zk));
            double onePlus = 1.0 + e;
            ll += yi * zk - Math.max(zk, 0.0);
            product *= onePlus;
            if (++inBlock == LOG_BLOCK) {
                ll -= Math.log(product);
                product = 1.0;
                inBlock = 0;
            }
            double r = scale * (yi - (zk >= 0 ? 1.0 : e) / onePlus);
            z[k] = r;
            gb += r;
        }
        ll -= Math.log(product);
        if (gradient != null) {
            if (rows == null) {
                addTransposed(z, gradient);
            } else {
                for (int j = 0; j < p; j++) {
                    int off = j * n;
                    double sum = 0;
                    for (int k = 0; k < m; k++) {
                        sum += xc[off + rows[k]] * z[k];
                    }
                    gradient[j] += sum;
                }
            }
            if (bias) {
                gradient[p] += gb;
            }
        }
        return scale * ll;
    }

    /** {@code z += X w} over all rows, four feature columns per pass (fewer loads and stores of z). */
    private void linearPredictor(double[] theta, double[] z) {
        int j = 0;
        for (; j + 3 < p; j += 4) {
            double w0 = theta[j];
            double w1 = theta[j + 1];
            double w2 = theta[j + 2];
            double w3 = theta[j + 3];
            int o0 = j * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            for (int i = 0; i < n; i++) {
                z[i] += w0 * xc[o0 + i] + w1 * xc[o1 + i] + w2 * xc[o2 + i] + w3 * xc[o3 + i];
            }
        }
        for (; j < p; j++) {
            double w = theta[j];
            int off = j * n;
            for (int i = 0; i < n; i++) {
                z[i] += w * xc[off + i];
            }
        }
    }

    /** {@code gradient[0..p) += Xᵀ r} over all rows, four feature columns (four accumulators) per pass. */
    private void addTransposed(double[] r, double[] gradient) {
        int j = 0;
        for (; j + 3 < p; j += 4) {
            int o0 = j * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int i = 0; i < n; i++) {
                double ri = r[i];
                s0 += xc[o0 + i] * ri;
                s1 += xc[o1 + i] * ri;
                s2 += xc[o2 + i] * ri;
                s3 += xc[o3 + i] * ri;
            }
            gradient[j] += s0;
            gradient[j + 1] += s1;
            gradient[j + 2] += s2;
            gradient[j + 3] += s3;
        }
        for (; j < p; j++) {
            int off = j * n;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += xc[off + i] * r[i];
            }
            gradient[j] += sum;
        }
    }

    private double[] buffer(int m) {
        double[] z = work.get();
        return z.length >= m ? z : new double[m];
    }

    @Override
    public INDArray predictive(double[] theta, INDArray inputs) {
        Features.checkTheta(theta, dimension());
        double[] in = Features.inputs(inputs, p);
        int rows = in.length / p;
        double[] out = new double[2 * rows];
        double b = bias ? theta[p] : 0.0;
        for (int i = 0; i < rows; i++) {
            double z = b + Features.dot(in, i * p, theta, 0, p);
            out[2 * i] = Features.sigmoid(-z);
            out[2 * i + 1] = Features.sigmoid(z);
        }
        return Features.matrix(out, rows, 2);
    }
}
