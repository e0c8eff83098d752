package org.distill4j.core.compression;

import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A hidden activation {@code g} with its first and second derivatives, as the forward pass, back-propagation
 * and the Jacobian's reverse pass need them. Every method returns a new array and leaves its arguments alone.
 */
enum HiddenActivation {
    RELU {
        @Override
        double value(double z) {
            return z > 0 ? z : 0;
        }

        @Override
        double slope(double z, double h) {
            return z > 0 ? 1 : 0;
        }

        @Override
        INDArray apply(INDArray z) {
            return Transforms.relu(z, true);
        }

        @Override
        INDArray derivative(INDArray z, INDArray h) {
            return Transforms.step(z, true);
        }
    },
    LEAKYRELU {
        @Override
        double value(double z) {
            return z > 0 ? z : MlpArchitecture.LEAKY_RELU_SLOPE * z;
        }

        @Override
        double slope(double z, double h) {
            return z > 0 ? 1 : MlpArchitecture.LEAKY_RELU_SLOPE;
        }

        @Override
        INDArray apply(INDArray z) {
            return Transforms.leakyRelu(z, MlpArchitecture.LEAKY_RELU_SLOPE, true);
        }

        @Override
        INDArray derivative(INDArray z, INDArray h) {
            return Transforms.leakyReluDerivative(z, MlpArchitecture.LEAKY_RELU_SLOPE, true);
        }
    },
    TANH {
        @Override
        double value(double z) {
            return Math.tanh(z);
        }

        @Override
        double slope(double z, double h) {
            return 1 - h * h;
        }

        @Override
        INDArray apply(INDArray z) {
            return Transforms.tanh(z, true);
        }

        @Override
        INDArray derivative(INDArray z, INDArray h) {
            return h.mul(h).rsubi(1.0);
        }

        @Override
        boolean hasCurvature() {
            return true;
        }

        @Override
        INDArray secondDerivative(INDArray h, INDArray gPrime) {
            return h.mul(gPrime).muli(-2.0);
        }
    },
    SIGMOID {
        @Override
        double value(double z) {
            return 1 / (1 + Math.exp(-z));
        }

        @Override
        double slope(double z, double h) {
            return h * (1 - h);
        }

        @Override
        INDArray apply(INDArray z) {
            return Transforms.sigmoid(z, true);
        }

        @Override
        INDArray derivative(INDArray z, INDArray h) {
            return h.rsub(1.0).muli(h);
        }

        @Override
        boolean hasCurvature() {
            return true;
        }

        @Override
        INDArray secondDerivative(INDArray h, INDArray gPrime) {
            return h.mul(-2.0).addi(1.0).muli(gPrime);
        }
    },
    SOFTPLUS {
        @Override
        double value(double z) {
            return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        }

        @Override
        double slope(double z, double h) {
            return 1 / (1 + Math.exp(-z));
        }

        @Override
        INDArray apply(INDArray z) {
            return Transforms.softPlus(z, true);
        }

        @Override
        INDArray derivative(INDArray z, INDArray h) {
            return Transforms.sigmoid(z, true);
        }

        @Override
        boolean hasCurvature() {
            return true;
        }

        @Override
        INDArray secondDerivative(INDArray h, INDArray gPrime) {
            return gPrime.rsub(1.0).muli(gPrime);
        }
    },
    IDENTITY {
        @Override
        double value(double z) {
            return z;
        }

        @Override
        double slope(double z, double h) {
            return 1;
        }

        @Override
        INDArray apply(INDArray z) {
            return z;
        }

        /** {@code null}: the derivative is 1 everywhere and callers skip the product. */
        @Override
        INDArray derivative(INDArray z, INDArray h) {
            return null;
        }
    };

    /** {@code h = g(z)}; IDENTITY returns {@code z} itself. */
    abstract INDArray apply(INDArray z);

    /** {@code g(z)} for one value, as {@link #apply} computes it element-wise (for fused loops). */
    abstract double value(double z);

    /** {@code g'(z)} for one value, given {@code h = g(z)} (for fused loops); 1 for the identity. */
    abstract double slope(double z, double h);

    /** {@code g'(z)}, from {@code z} or {@code h = g(z)}, whichever is cheaper; {@code null} for IDENTITY. */
    abstract INDArray derivative(INDArray z, INDArray h);

    /** Whether {@code g''} is not identically 0 (the Jacobian's reverse pass then feeds the pre-activations). */
    boolean hasCurvature() {
        return false;
    }

    /** {@code g''(z)}, from {@code h = g(z)} and {@code g'(z)}; only called when {@link #hasCurvature()}. */
    INDArray secondDerivative(INDArray h, INDArray gPrime) {
        throw new UnsupportedOperationException(name() + " has no curvature");
    }

    static HiddenActivation of(Activation activation) {
        return valueOf(activation.name());
    }
}
