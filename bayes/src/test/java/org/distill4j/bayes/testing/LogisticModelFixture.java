package org.distill4j.bayes.testing;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;
import org.distill4j.bayes.bag.ModelCodec;
import org.distill4j.bayes.model.PredictiveModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test fixture: a softmax-regression {@link PredictiveModel} over {@code inputSize} features and {@code classes}
 * classes, {@code θ} the row-major {@code [classes, inputSize + 1]} matrix of class rows with the bias last in each
 * row (the layout of {@code BayesianSoftmaxRegression}), computed in plain double loops (so that
 * tests compare against an independent formula). For two classes with {@code binary} set it is logistic
 * regression {@code θ = [w, b]}: {@code p(y=1|x) = σ(w·x + b)}.
 */
public final class LogisticModelFixture implements PredictiveModel {

    /** A codec for this fixture. */
    public static final ModelCodec CODEC = ModelCodec.of("test-softmax", LogisticModelFixture.class,
            m -> Map.of("inputSize", m.inputSize, "classes", m.classes, "binary", m.binary),
            d -> new LogisticModelFixture(((Number) d.get("inputSize")).intValue(),
                    ((Number) d.get("classes")).intValue(), (Boolean) d.get("binary")));

    private final int inputSize;
    private final int classes;
    private final boolean binary;

    private LogisticModelFixture(int inputSize, int classes, boolean binary) {
        checkArgument(inputSize >= 1 && classes >= 2, "bad sizes %s %s", inputSize, classes);
        checkArgument(!binary || classes == 2, "binary needs two classes");
        this.inputSize = inputSize;
        this.classes = classes;
        this.binary = binary;
    }

    /** Logistic regression: {@code θ = [w (inputSize), b]}. */
    public static LogisticModelFixture logistic(int inputSize) {
        return new LogisticModelFixture(inputSize, 2, true);
    }

    /** Softmax regression with {@code θ = [W, b]}. */
    public static LogisticModelFixture softmax(int inputSize, int classes) {
        return new LogisticModelFixture(inputSize, classes, false);
    }

    @Override
    public int parameterDimension() {
        return binary ? inputSize + 1 : (inputSize + 1) * classes;
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
        checkArgument(theta.length == parameterDimension(), "theta length %s", theta.length);
        checkArgument(inputs.columns() == inputSize, "width %s", inputs.columns());
        int n = (int) inputs.rows();
        double[] x = inputs.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[n * classes];
        for (int i = 0; i < n; i++) {
            probabilities(theta, x, i * inputSize, out, i * classes);
        }
        return Nd4j.create(out, new long[] {n, classes}, DataType.DOUBLE);
    }

    /** {@code p(·|x,θ)} of one row {@code x[from..from+inputSize)} into {@code out[at..at+classes)}. */
    public void probabilities(double[] theta, double[] x, int from, double[] out, int at) {
        if (binary) {
            double a = theta[inputSize];
            for (int j = 0; j < inputSize; j++) {
                a += theta[j] * x[from + j];
            }
            double p1 = 1 / (1 + Math.exp(-a));
            out[at] = 1 - p1;
            out[at + 1] = p1;
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            int row = c * (inputSize + 1);
            double a = theta[row + inputSize];
            for (int j = 0; j < inputSize; j++) {
                a += theta[row + j] * x[from + j];
            }
            out[at + c] = a;
            max = Math.max(max, a);
        }
        double z = 0;
        for (int c = 0; c < classes; c++) {
            out[at + c] = Math.exp(out[at + c] - max);
            z += out[at + c];
        }
        for (int c = 0; c < classes; c++) {
            out[at + c] /= z;
        }
    }
}
