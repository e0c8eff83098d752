package org.distill4j.bayes.student;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The shape of a {@link LogisticMixtureStudent}: {@code components} K regressors over {@code inputSize} features
 * and {@code classes} classes. With {@code binary} (two classes only) each component is a logistic regressor
 * {@code θ_k = [w_k (inputSize), b_k]}, {@code p(y=1|x) = σ(w_k·x + b_k)}; otherwise a softmax regressor whose
 * {@code θ_k} is the row-major {@code [classes, inputSize + 1]} matrix of class rows, bias last in each row. These are
 * the layouts of {@code BayesianLogisticRegression} and {@code BayesianSoftmaxRegression} with a bias, so a
 * component can be initialised from a posterior sample of those models.
 *
 * @param components K, at least 1
 * @param inputSize the number of features, at least 1
 * @param classes the number of classes, at least 2 (exactly 2 when binary)
 * @param binary whether the components are logistic regressors
 */
public record MixtureShape(int components, int inputSize, int classes, boolean binary) {

    /** Checks the sizes. */
    public MixtureShape {
        checkArgument(components >= 1, "components must be >= 1, got %s", components);
        checkArgument(inputSize >= 1, "inputSize must be >= 1, got %s", inputSize);
        checkArgument(classes >= 2, "classes must be >= 2, got %s", classes);
        checkArgument(!binary || classes == 2, "binary (logistic) components need classes == 2, got %s", classes);
        checkArgument((long) components * (inputSize + 1) * classes < Integer.MAX_VALUE,
                "a mixture of %s components over %s inputs and %s classes is too large", components, inputSize,
                classes);
    }

    /** A mixture of {@code components} logistic regressors over {@code inputSize} features. */
    public static MixtureShape logistic(int components, int inputSize) {
        return new MixtureShape(components, inputSize, 2, true);
    }

    /** A mixture of {@code components} softmax regressors. */
    public static MixtureShape softmax(int components, int inputSize, int classes) {
        return new MixtureShape(components, inputSize, classes, false);
    }

    /** The parameters of one component: {@code inputSize + 1} (binary) or {@code classes·(inputSize + 1)}. */
    public int parametersPerComponent() {
        return binary ? inputSize + 1 : classes * (inputSize + 1);
    }

    /** The parameters of the whole mixture, {@code K·parametersPerComponent()}. */
    public int parameterCount() {
        return components * parametersPerComponent();
    }
}
