package org.distill4j.bayes.bag;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.bayes.model.PredictiveModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The predictive side alone of logistic and softmax regression — no data, no prior — in the parameter layouts of
 * {@code BayesianLogisticRegression} ({@code θ = [w, b]}) and {@code BayesianSoftmaxRegression} (row-major
 * {@code [K, p + 1]} class rows, bias last; without bias {@code [K, p]}). What a loaded bag needs to predict
 * (see {@link LinearCodecs}), and a {@link BatchedPredictive} whose bag average is one matrix product per chunk of
 * samples (Papamakarios 2015, arXiv:1510.02437, ch. 3).
 *
 * <p>Immutable and thread-safe; answers are new DOUBLE arrays.
 */
public final class LinearPredictive implements PredictiveModel, BatchedPredictive {

    /** Samples per matrix product in {@link #averagePredictive}. */
    private static final int SAMPLE_CHUNK = 256;

    private final int inputSize;
    private final int classes;
    private final boolean binary;
    private final boolean bias;

    private LinearPredictive(int inputSize, int classes, boolean binary, boolean bias) {
        checkArgument(inputSize >= 1, "inputSize must be >= 1, got %s", inputSize);
        checkArgument(classes >= 2, "classes must be >= 2, got %s", classes);
        this.inputSize = inputSize;
        this.classes = classes;
        this.binary = binary;
        this.bias = bias;
    }

    /** Logistic regression over {@code inputSize} features: {@code p(y=1|x) = σ(w·x + b)}. */
    public static LinearPredictive logistic(int inputSize, boolean bias) {
        return new LinearPredictive(inputSize, 2, true, bias);
    }

    /** Softmax regression over {@code inputSize} features and {@code classes} classes. */
    public static LinearPredictive softmax(int inputSize, int classes, boolean bias) {
        return new LinearPredictive(inputSize, classes, false, bias);
    }

    /** Whether this is logistic (one weight vector) rather than softmax regression. */
    public boolean binary() {
        return binary;
    }

    /** Whether the parameters include biases. */
    public boolean hasBias() {
        return bias;
    }

    private int rowLength() {
        return inputSize + (bias ? 1 : 0);
    }

    @Override
    public int parameterDimension() {
        return binary ? rowLength() : classes * rowLength();
    }

    @Override
    public int inputSize() {
        return inputSize;
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
    public INDArray predictive(double[] theta, INDArray inputs) {
        checkNotNull(theta, "theta");
        checkArgument(theta.length == parameterDimension(), "theta has length %s but parameterDimension is %s",
                theta.length, parameterDimension());
        INDArray x = InputChecks.checked(inputs, inputSize, "inputs");
        double[] weights = weightMatrix(new double[][] {theta}, 1);
        return softmaxAverage(x, weights, 1);
    }

    @Override
    public INDArray averagePredictive(PosteriorBag bag, INDArray inputs) {
        checkNotNull(bag, "bag");
        checkArgument(bag.dimension() == parameterDimension(), "the bag has dimension %s but the model %s",
                bag.dimension(), parameterDimension());
        INDArray x = InputChecks.checked(inputs, inputSize, "inputs");
        INDArray sum = Nd4j.create(DataType.DOUBLE, x.rows(), classes);
        for (int from = 0; from < bag.size(); from += SAMPLE_CHUNK) {
            int count = Math.min(SAMPLE_CHUNK, bag.size() - from);
            double[][] thetas = new double[count][];
            for (int s = 0; s < count; s++) {
                thetas[s] = bag.sample(from + s);
            }
            INDArray part = softmaxAverage(x, weightMatrix(thetas, count), count);
            sum.addi(part.muli(count));
        }
        return sum.divi(bag.size());
    }

    /**
     * The {@code [p + 1, count·K]} matrix whose column {@code s·K + c} holds the weights and bias of class
     * {@code c} of sample {@code s} (logistic: class 0 has zero weights).
     */
    private double[] weightMatrix(double[][] thetas, int count) {
        int cols = count * classes;
        double[] w = new double[(inputSize + 1) * cols];
        int row = rowLength();
        for (int s = 0; s < count; s++) {
            double[] theta = thetas[s];
            for (int c = 0; c < classes; c++) {
                int col = s * classes + c;
                if (binary && c == 0) {
                    continue;
                }
                int base = binary ? 0 : c * row;
                for (int j = 0; j < inputSize; j++) {
                    w[j * cols + col] = theta[base + j];
                }
                w[inputSize * cols + col] = bias ? theta[base + inputSize] : 0;
            }
        }
        return w;
    }

    /** The mean over {@code count} samples of the softmax of {@code [x, 1] · W}. */
    private INDArray softmaxAverage(INDArray x, double[] weights, int count) {
        int n = (int) x.rows();
        int cols = count * classes;
        INDArray xd = x.dataType() == DataType.DOUBLE ? x : x.castTo(DataType.DOUBLE);
        INDArray w = Nd4j.create(weights, new long[] {inputSize + 1, cols}, DataType.DOUBLE);
        INDArray logits = xd.mmul(w.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, inputSize),
                org.nd4j.linalg.indexing.NDArrayIndex.all()));
        logits.addiRowVector(w.getRow(inputSize));
        double[] z = logits.data().asDouble();
        double[] out = new double[n * classes];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < count; s++) {
                int at = i * cols + s * classes;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, z[at + c]);
                }
                double total = 0;
                for (int c = 0; c < classes; c++) {
                    total += Math.exp(z[at + c] - max);
                }
                for (int c = 0; c < classes; c++) {
                    out[i * classes + c] += Math.exp(z[at + c] - max) / total;
                }
            }
            for (int c = 0; c < classes; c++) {
                out[i * classes + c] /= count;
            }
        }
        return Nd4j.create(out, new long[] {n, classes}, DataType.DOUBLE);
    }

    @Override
    public String toString() {
        return (binary ? "LinearPredictive[logistic, " : "LinearPredictive[softmax, K=" + classes + ", ") + "p="
                + inputSize + (bias ? ", bias]" : "]");
    }
}
