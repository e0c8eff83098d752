package org.distill4j.bayes.online;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.LongFunction;
import org.distill4j.bayes.model.PredictiveModel;
import org.distill4j.bayes.sampler.MarkovChain;
import org.distill4j.core.Teacher;

/**
 * The teacher of online distillation: a classification model and a way to start a Markov chain over its posterior
 * (Papamakarios 2015, arXiv:1510.02437, ch. 3). It is not a conditional teacher — it answers nothing by itself —
 * but each run of {@link OnlineDistiller} starts its own chain from the run's seed, so the caller's objects are
 * never advanced and the same seed replays the same run.
 *
 * <p>Immutable; thread-safe when the chain factory is (it is called once per run).
 */
public final class ChainTeacher implements Teacher {

    private final PredictiveModel model;
    private final LongFunction<? extends MarkovChain> chains;

    private ChainTeacher(PredictiveModel model, LongFunction<? extends MarkovChain> chains) {
        this.model = model;
        this.chains = chains;
    }

    /**
     * @param model a model with a {@link PredictiveModel.Response#CATEGORICAL} response
     * @param chains makes a new chain over the model's posterior from a seed (already warmed up, or not: see
     *     {@link OnlineDistillerConfig#burnIn()}); its dimension must be the model's parameter dimension
     * @throws IllegalArgumentException if the model is not a classifier
     */
    public static ChainTeacher of(PredictiveModel model, LongFunction<? extends MarkovChain> chains) {
        checkNotNull(model, "model");
        checkNotNull(chains, "chains");
        checkArgument(model.response() == PredictiveModel.Response.CATEGORICAL,
                "online classification distillation needs a CATEGORICAL model, got %s", model.response());
        checkArgument(model.outputSize() >= 2, "the model must have >= 2 classes, got %s", model.outputSize());
        return new ChainTeacher(model, chains);
    }

    /** The model whose posterior the chains explore. */
    public PredictiveModel model() {
        return model;
    }

    @Override
    public int inputSize() {
        return model.inputSize();
    }

    /** The number of classes. */
    public int outputSize() {
        return model.outputSize();
    }

    /**
     * Starts a chain for one run.
     *
     * @throws IllegalArgumentException if the chain's dimension is not the model's (both named)
     */
    public MarkovChain newChain(long seed) {
        MarkovChain chain = checkNotNull(chains.apply(seed), "the chain factory returned null");
        checkArgument(chain.dimension() == model.parameterDimension(),
                "the chain has dimension %s but the model has parameterDimension %s", chain.dimension(),
                model.parameterDimension());
        return chain;
    }

    @Override
    public String toString() {
        return "ChainTeacher[" + model.getClass().getSimpleName() + "]";
    }
}
