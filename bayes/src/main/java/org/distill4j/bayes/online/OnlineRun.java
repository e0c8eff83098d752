package org.distill4j.bayes.online;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.bayes.sampler.CheckpointableChain;
import org.distill4j.bayes.sampler.MarkovChain;
import org.distill4j.bayes.student.Adam;
import org.distill4j.bayes.student.IterateAverage;
import org.distill4j.core.distill.RunState;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The mutable state of one online distillation — the chain, the student's parameters, Adam's moments, the iterate
 * average, the counters and the loss history — and its checkpoint form: everything {@link OnlineDistiller} needs
 * to continue after the last finished epoch exactly as an uninterrupted run (the transfer source's random streams
 * are re-derived from the seed and the epoch). Confined to one run.
 */
final class OnlineRun {

    private static final String CHAIN = "chain";

    final MarkovChain chain;
    final double[] params;
    final double[] gradient;
    final Adam adam;
    final IterateAverage average;
    final List<String> warnings = new ArrayList<>();
    final List<Double> meanLosses = new ArrayList<>();
    long samples;
    long transitions;
    long peakBytes;
    double lastFinite = Double.NaN;
    long priorTrainingNanos;

    OnlineRun(MarkovChain chain, double[] params, Adam adam, IterateAverage average) {
        this.chain = chain;
        this.params = params;
        this.gradient = new double[params.length];
        this.adam = adam;
        this.average = average;
    }

    /** Epochs finished. */
    int epochsRun() {
        return meanLosses.size();
    }

    /** Advances the chain {@code count} transitions; returns the state reached (a copy). */
    double[] advance(int count) {
        double[] state = null;
        for (int t = 0; t < count; t++) {
            state = chain.next();
            transitions++;
        }
        return state == null ? chain.state() : state;
    }

    /** The checkpoint of this run after its last finished epoch. */
    RunState save(long trainingNanos) {
        double[][] moments = adam.momentsCopy();
        RunState.Builder b = RunState.builder().put("samples", samples).put("transitions", transitions)
                .put("peakBytes", peakBytes).put("adamSteps", adam.steps())
                .put("averageCount", average == null ? 0 : average.count())
                .put("trainingNanos", priorTrainingNanos + trainingNanos).field("warnings", List.copyOf(warnings))
                .put("parameters", params).put("adamFirstMoment", moments[0]).put("adamSecondMoment", moments[1])
                .put("meanLosses", meanLosses.stream().mapToDouble(Double::doubleValue).toArray())
                .put("lastFinite", lastFinite).nested(CHAIN, ((CheckpointableChain) chain).saveState());
        if (average != null) {
            b.put("averageMean", average.meanCopy());
        }
        return b.build();
    }

    /**
     * Replaces this freshly built run's state (and its chain's) by a checkpoint's.
     *
     * @throws IllegalArgumentException if the checkpoint does not fit this run (sizes, missing entries, the chain)
     */
    void restore(RunState state) {
        int n = params.length;
        double[] p = state.doubles("parameters", n);
        double[] m = state.doubles("adamFirstMoment", n);
        double[] v = state.doubles("adamSecondMoment", n);
        double[] losses = state.array("meanLosses").castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double last = state.doubles("lastFinite", 1)[0];
        long[] counts = {state.longField("samples"), state.longField("transitions"), state.longField("peakBytes"),
                state.longField("adamSteps"), state.longField("averageCount"), state.longField("trainingNanos")};
        for (long c : counts) {
            checkArgument(c >= 0, "checkpoint counters must be >= 0, got %s", c);
        }
        checkArgument(counts[1] >= counts[0], "checkpoint has %s samples but only %s transitions", counts[0],
                counts[1]);
        Object savedWarnings = state.fields().get("warnings");
        ((CheckpointableChain) chain).restoreState(state.nested(CHAIN));
        adam.restore(m, v, counts[3]);
        if (average != null) {
            average.restore(state.doubles("averageMean", n), counts[4]);
        }
        System.arraycopy(p, 0, params, 0, n);
        meanLosses.clear();
        for (double l : losses) {
            meanLosses.add(l);
        }
        lastFinite = last;
        samples = counts[0];
        transitions = counts[1];
        peakBytes = counts[2];
        priorTrainingNanos = counts[5];
        warnings.clear();
        if (savedWarnings instanceof List<?> list) {
            list.forEach(w -> warnings.add(String.valueOf(w)));
        }
    }
}
