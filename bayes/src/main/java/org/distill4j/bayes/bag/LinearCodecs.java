package org.distill4j.bayes.bag;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.bayes.model.BayesianLogisticRegression;
import org.distill4j.bayes.model.BayesianSoftmaxRegression;
import org.distill4j.bayes.model.PredictiveModel;

/**
 * {@link ModelCodec}s of logistic and softmax regression. They describe {@code BayesianLogisticRegression},
 * {@code BayesianSoftmaxRegression} and {@link LinearPredictive} by their sizes and bias flag (and the prior
 * variance, for the record), and rebuild a {@link LinearPredictive}: the Bayesian models hold their training data,
 * which a bag file does not store, and the predictive needs none of it. Thread-safe.
 */
public final class LinearCodecs {

    /** The kind of logistic-regression bags. */
    public static final String LOGISTIC = "logistic-regression";
    /** The kind of softmax-regression bags. */
    public static final String SOFTMAX = "softmax-regression";

    private LinearCodecs() {
    }

    /** Both codecs. */
    public static ModelCodecs standard() {
        return ModelCodecs.of(new Codec(true), new Codec(false));
    }

    /** One codec, logistic or softmax. */
    private static final class Codec implements ModelCodec {
        private final boolean binary;

        Codec(boolean binary) {
            this.binary = binary;
        }

        @Override
        public String kind() {
            return binary ? LOGISTIC : SOFTMAX;
        }

        @Override
        public boolean handles(PredictiveModel model) {
            if (model instanceof LinearPredictive linear) {
                return linear.binary() == binary;
            }
            return binary ? model instanceof BayesianLogisticRegression : model instanceof BayesianSoftmaxRegression;
        }

        @Override
        public Map<String, ?> describe(PredictiveModel model) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("inputSize", model.inputSize());
            d.put("classes", model.outputSize());
            if (model instanceof BayesianLogisticRegression m) {
                d.put("bias", m.hasBias());
                d.put("priorVariance", m.priorVariance());
            } else if (model instanceof BayesianSoftmaxRegression m) {
                d.put("bias", m.hasBias());
                d.put("priorVariance", m.priorVariance());
            } else if (model instanceof LinearPredictive m) {
                d.put("bias", m.hasBias());
            } else {
                throw new IllegalArgumentException("codec " + kind() + " cannot describe " + model.getClass());
            }
            return d;
        }

        @Override
        public PredictiveModel restore(Map<String, Object> description) throws IOException {
            try {
                int inputSize = Math.toIntExact(((Number) description.get("inputSize")).longValue());
                int classes = Math.toIntExact(((Number) description.get("classes")).longValue());
                boolean bias = (Boolean) description.get("bias");
                return binary ? LinearPredictive.logistic(inputSize, bias)
                        : LinearPredictive.softmax(inputSize, classes, bias);
            } catch (NullPointerException | ClassCastException | IllegalArgumentException | ArithmeticException e) {
                throw new IOException("cannot rebuild a " + kind() + " model from " + description + ": " + e, e);
            }
        }
    }
}
