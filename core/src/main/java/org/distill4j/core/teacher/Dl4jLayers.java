package org.distill4j.core.teacher;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Set;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationCube;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationRationalTanh;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationRectifiedTanh;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** Inspection and rewriting of DL4J layer configurations, shared by the network adapters of this package. */
final class Dl4jLayers {

    /** Activations applied element by element, whose derivative is a diagonal matrix. */
    private static final Set<Class<? extends IActivation>> ELEMENTWISE = Set.of(ActivationCube.class,
            ActivationELU.class, ActivationGELU.class, ActivationHardSigmoid.class, ActivationHardTanH.class,
            ActivationIdentity.class, ActivationLReLU.class, ActivationMish.class, ActivationRationalTanh.class,
            ActivationReLU.class, ActivationReLU6.class, ActivationRectifiedTanh.class, ActivationSELU.class,
            ActivationSigmoid.class, ActivationSoftPlus.class, ActivationSoftSign.class, ActivationSwish.class,
            ActivationTanH.class, ActivationThresholdedReLU.class);

    private Dl4jLayers() {
    }

    /**
     * Checks that {@code layer} is a softmax classification output: an {@link OutputLayer} or {@link LossLayer}
     * with softmax activation and multi-class cross-entropy (MCXENT or NEGATIVELOGLIKELIHOOD) without class
     * weights, so that its loss gradient for a one-hot label {@code k} is {@code -∂ log p_k / ∂ logits}.
     *
     * @param where names the layer in messages, e.g. "output layer 2"
     * @return the number of classes (the layer's nOut)
     */
    static int checkSoftmaxOutput(Layer layer, String where) {
        checkArgument(layer.getClass() == OutputLayer.class || layer.getClass() == LossLayer.class,
                "%s must be an OutputLayer or LossLayer with softmax activation, found %s", where,
                layer.getClass().getSimpleName());
        IActivation activation = ((BaseLayer) layer).getActivationFn();
        checkArgument(activation instanceof ActivationSoftmax, "%s must have softmax activation, found %s", where,
                activation);
        ILossFunction loss = layer instanceof BaseOutputLayer ? ((BaseOutputLayer) layer).getLossFn()
                : ((LossLayer) layer).getLossFn();
        checkArgument(loss instanceof LossMCXENT,
                "%s must have loss MCXENT or NEGATIVELOGLIKELIHOOD, found %s", where, loss);
        checkArgument(((LossMCXENT) loss).getWeights() == null,
                "%s must have an unweighted MCXENT or NEGATIVELOGLIKELIHOOD loss, found class weights", where);
        long classes = ((FeedForwardLayer) layer).getNOut();
        checkArgument(classes >= 1 && classes <= Integer.MAX_VALUE,
                "%s must declare its number of classes (nOut >= 1), found nOut %s", where, classes);
        return (int) classes;
    }

    /** The nIn of a feed-forward layer, or an IAE naming what was found. */
    static int inputSizeOf(Layer layer, String where) {
        checkArgument(layer instanceof FeedForwardLayer,
                "%s must be a feed-forward layer with nIn >= 1 to determine the input size, found %s", where,
                layer.getClass().getSimpleName());
        long nIn = ((FeedForwardLayer) layer).getNIn();
        checkArgument(nIn >= 1 && nIn <= Integer.MAX_VALUE, "%s must have nIn >= 1, found %s", where, nIn);
        return (int) nIn;
    }

    /** Whether the layer applies an activation function (and so has a pre-activation distinct from its input). */
    static boolean hasActivation(Layer layer) {
        return layer instanceof BaseLayer || layer instanceof ActivationLayer;
    }

    /** The layer's activation function, for a layer where {@link #hasActivation} holds. */
    static IActivation activationOf(Layer layer) {
        return layer instanceof BaseLayer ? ((BaseLayer) layer).getActivationFn()
                : ((ActivationLayer) layer).getActivationFn();
    }

    /** Replaces the activation of a (cloned) layer configuration with the identity, to read pre-activations. */
    static void useIdentityActivation(Layer layer) {
        if (layer instanceof BaseLayer) {
            ((BaseLayer) layer).setActivationFn(new ActivationIdentity());
        } else if (layer instanceof ActivationLayer) {
            ((ActivationLayer) layer).setActivationFn(new ActivationIdentity());
        }
    }

    /**
     * Removes dropout and weight noise from a (cloned) layer configuration, so that the training-mode backward
     * pass differentiates the same function as inference.
     */
    static void removeNoise(Layer layer) {
        layer.setIDropout(null);
        if (layer instanceof BaseLayer) {
            ((BaseLayer) layer).setWeightNoise(null);
        }
    }

    /** Whether the layer computes something else in training mode even without noise (batch statistics). */
    static boolean dependsOnTrainingMode(Layer layer) {
        return layer instanceof BatchNormalization;
    }

    /** Whether the activation is applied element by element (its derivative is diagonal). */
    static boolean isElementwise(IActivation activation) {
        return activation != null && ELEMENTWISE.contains(activation.getClass());
    }

    /** {@code activation} as {@code [n, width]}: rank-2 arrays unchanged, higher ranks flattened per row. */
    static INDArray flattenRows(INDArray activation) {
        return activation.rank() == 2 ? activation : activation.reshape('c', activation.size(0), -1);
    }
}
