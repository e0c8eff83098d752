package org.distill4j.bayes.model;

import static com.google.common.base.Preconditions.checkArgument;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bayesian linear regression with known noise variance: {@code y = w·x + ε}, {@code ε ~ N(0, σ²)}, prior
 * {@code w ~ N(0, τ² I)} (τ² = {@code priorVariance}). The model is conjugate, so its posterior and posterior
 * predictive are exact Gaussians (Bishop 2006, PRML §3.3, eqs. 3.53–3.59):
 * <pre>
 *   Σ_N = (XᵀX/σ² + I/τ²)⁻¹,   μ_N = Σ_N Xᵀy/σ²,   p(y*|x*, D) = N(x*·μ_N, σ² + x*ᵀ Σ_N x*)
 * </pre>
 * which makes it the ground truth of the samplers' and distillers' tests.
 *
 * <p>No bias is added: append a column of ones to the features for an intercept. {@code θ = w} ({@code d = p}).
 * {@link #predictive} returns {@code [n, 2]}: the mean {@code x·θ} and the noise variance σ² for each row.
 *
 * <p>Immutable and thread-safe; the data are copied and the exact posterior is computed once at construction
 * ({@code O(n p² + p³)}).
 */
public final class BayesianLinearRegression implements MinibatchLogDensity, PredictiveModel {

    private final double[] x;
    private final double[] y;
    private final int n;
    private final int p;
    private final double priorVariance;
    private final double noiseVariance;
    private final double[] posteriorMean;
    private final double[][] posteriorCovariance;

    private BayesianLinearRegression(double[] x, double[] y, int n, double priorVariance, double noiseVariance) {
        Features.checkRows(y.length, n, "targets");
        checkArgument(noiseVariance > 0 && Double.isFinite(noiseVariance),
                "noiseVariance must be finite and > 0, got %s", noiseVariance);
        this.x = x;
        this.y = y;
        this.n = n;
        this.p = x.length / n;
        this.priorVariance = Features.priorVariance(priorVariance);
        this.noiseVariance = noiseVariance;
        double[][] precision = new double[p][p];
        double[] xty = new double[p];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p; a++) {
                double xa = x[i * p + a] / noiseVariance;
                xty[a] += xa * y[i];
                for (int b = 0; b <= a; b++) {
                    precision[a][b] += xa * x[i * p + b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            precision[a][a] += 1.0 / priorVariance;
            for (int b = 0; b < a; b++) {
                precision[b][a] = precision[a][b];
            }
        }
        this.posteriorCovariance = SymmetricMatrices.inverse(precision);
        this.posteriorMean = SymmetricMatrices.times(posteriorCovariance, xty);
    }

    /**
     * From features and targets.
     *
     * @param features      {@code [n, p]}, finite; copied
     * @param targets       {@code [n]}, finite
     * @param priorVariance τ², finite and > 0
     * @param noiseVariance σ², finite and > 0
     */
    public static BayesianLinearRegression of(double[][] features, double[] targets, double priorVariance,
            double noiseVariance) {
        double[] flat = Features.flatten(features, "features");
        return new BayesianLinearRegression(flat, Features.targets(targets, "targets"), features.length,
                priorVariance, noiseVariance);
    }

    /** As {@link #of(double[][], double[], double, double)} with {@code [n, p]} features and a target vector. */
    public static BayesianLinearRegression of(INDArray features, INDArray targets, double priorVariance,
            double noiseVariance) {
        double[] flat = Features.flatten(features, "features");
        return new BayesianLinearRegression(flat, Features.targets(targets, "targets"), (int) features.rows(),
                priorVariance, noiseVariance);
    }

    @Override
    public int dimension() {
        return p;
    }

    @Override
    public int parameterDimension() {
        return p;
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
        return Response.GAUSSIAN;
    }

    @Override
    public int outputSize() {
        return 1;
    }

    /** τ². */
    public double priorVariance() {
        return priorVariance;
    }

    /** σ². */
    public double noiseVariance() {
        return noiseVariance;
    }

    /** The exact posterior mean μ_N, a new {@code [p]} array. */
    public double[] posteriorMean() {
        return posteriorMean.clone();
    }

    /** The exact posterior covariance Σ_N, a new {@code [p][p]} array. */
    public double[][] posteriorCovariance() {
        double[][] copy = new double[p][];
        for (int a = 0; a < p; a++) {
            copy[a] = posteriorCovariance[a].clone();
        }
        return copy;
    }

    /**
     * The exact posterior predictive of new inputs.
     *
     * @param inputs {@code [m, p]}, not modified
     * @return a new {@code [m, 2]} DOUBLE array: mean {@code x·μ_N} and variance {@code σ² + xᵀΣ_N x} per row
     */
    public INDArray exactPredictive(INDArray inputs) {
        double[] in = Features.inputs(inputs, p);
        int m = in.length / p;
        double[] out = new double[2 * m];
        for (int i = 0; i < m; i++) {
            double mean = 0;
            double quad = 0;
            for (int a = 0; a < p; a++) {
                double xa = in[i * p + a];
                mean += xa * posteriorMean[a];
                double row = 0;
                for (int b = 0; b < p; b++) {
                    row += posteriorCovariance[a][b] * in[i * p + b];
                }
                quad += xa * row;
            }
            out[2 * i] = mean;
            out[2 * i + 1] = noiseVariance + quad;
        }
        return Features.matrix(out, m, 2);
    }

    @Override
    public double logDensity(double[] theta, double[] gradient) {
        Features.checkTheta(theta, p);
        Features.checkGradient(gradient, p);
        return prior(theta, gradient) + likelihood(theta, null, n, 1.0, gradient);
    }

    @Override
    public double logDensity(double[] theta, int[] rows, double[] gradient) {
        Features.checkTheta(theta, p);
        Features.checkGradient(gradient, p);
        Features.checkRows(rows, n);
        return prior(theta, gradient) + likelihood(theta, rows, rows.length, (double) n / rows.length, gradient);
    }

    private double prior(double[] theta, double[] gradient) {
        return Features.gaussianPrior(theta, theta.length, priorVariance, gradient);
    }

    private double likelihood(double[] theta, int[] rows, int m, double scale, double[] gradient) {
        double ll = 0;
        for (int r = 0; r < m; r++) {
            int i = rows == null ? r : rows[r];
            int off = i * p;
            double e = y[i] - Features.dot(x, off, theta, 0, p);
            ll -= 0.5 * e * e / noiseVariance;
            if (gradient != null) {
                Features.axpy(scale * e / noiseVariance, x, off, gradient, 0, p);
            }
        }
        return scale * ll;
    }

    @Override
    public INDArray predictive(double[] theta, INDArray inputs) {
        Features.checkTheta(theta, p);
        double[] in = Features.inputs(inputs, p);
        int m = in.length / p;
        double[] out = new double[2 * m];
        for (int i = 0; i < m; i++) {
            double mean = 0;
            for (int j = 0; j < p; j++) {
                mean += in[i * p + j] * theta[j];
            }
            out[2 * i] = mean;
            out[2 * i + 1] = noiseVariance;
        }
        return Features.matrix(out, m, 2);
    }
}
