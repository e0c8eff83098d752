package org.distill4j.core.teacher;

import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code p = softmax(x·A + c)} in double, with its analytic Jacobian
 * {@code ∂ log p_k / ∂x_j = A[j, k] − Σ_i p_i A[j, i]}: a known reference for black-box and ensemble tests.
 */
final class SoftmaxLinearTeacherFixture implements HasInputJacobian, HasParameterCount {

    private final INDArray weights;
    private final INDArray bias;

    SoftmaxLinearTeacherFixture(INDArray weights, INDArray bias) {
        this.weights = weights.castTo(DataType.DOUBLE);
        this.bias = bias.castTo(DataType.DOUBLE).reshape(1, weights.size(1));
    }

    static SoftmaxLinearTeacherFixture random(int d, int k, long seed, double scale) {
        return new SoftmaxLinearTeacherFixture(TinyNetworkFixtures.gaussian(d, k, seed, DataType.DOUBLE).muli(scale),
                TinyNetworkFixtures.gaussian(1, k, seed + 1, DataType.DOUBLE));
    }

    /** The same map as a plain function, for {@link BlackBoxTeacher}. */
    Function<INDArray, INDArray> asFunction() {
        return this::predict;
    }

    @Override
    public int inputSize() {
        return (int) weights.size(0);
    }

    @Override
    public int outputSize() {
        return (int) weights.size(1);
    }

    @Override
    public long parameterCount() {
        return weights.length() + bias.length();
    }

    @Override
    public INDArray predict(INDArray inputs) {
        return Transforms.softmax(inputs.castTo(DataType.DOUBLE).mmul(weights).addiRowVector(bias), false);
    }

    @Override
    public INDArray logProbabilityJacobian(INDArray inputs) {
        INDArray p = predict(inputs);
        INDArray expected = p.mmul(weights.transpose());
        long n = inputs.size(0);
        INDArray out = Nd4j.create(DataType.DOUBLE, n, outputSize(), inputSize());
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < outputSize(); k++) {
                for (int j = 0; j < inputSize(); j++) {
                    out.putScalar(new long[] {r, k, j}, weights.getDouble(j, k) - expected.getDouble(r, j));
                }
            }
        }
        return out;
    }
}
