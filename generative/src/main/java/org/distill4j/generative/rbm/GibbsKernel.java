package org.distill4j.generative.rbm;

import org.distill4j.core.linalg.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two half-steps of block Gibbs sampling in an RBM, written into caller-owned buffers (no allocation): shared
 * by {@link GibbsChains} (an immutable RBM) and {@link RbmTrainer} (parameters that change every step).
 */
final class GibbsKernel {

    private GibbsKernel() {
    }

    /** {@code probabilities = σ(v W + c)}. */
    static void hiddenProbabilities(INDArray v, INDArray w, INDArray c, INDArray probabilities) {
        Gemm.gemm(v, w, probabilities, false, false, 1.0, 0.0);
        probabilities.addiRowVector(c);
        Nd4j.getExecutioner().exec(new Sigmoid(probabilities, probabilities));
    }

    /** {@code probabilities = σ(h Wᵀ + b)}. */
    static void visibleProbabilities(INDArray h, INDArray w, INDArray b, INDArray probabilities) {
        Gemm.gemm(h, w, probabilities, false, true, 1.0, 0.0);
        probabilities.addiRowVector(b);
        Nd4j.getExecutioner().exec(new Sigmoid(probabilities, probabilities));
    }

    /** {@code states ~ Bernoulli(probabilities)}, elementwise. */
    static void draw(INDArray probabilities, INDArray states, Random random) {
        Nd4j.getExecutioner().exec(new BernoulliDistribution(states, probabilities), random);
    }
}
