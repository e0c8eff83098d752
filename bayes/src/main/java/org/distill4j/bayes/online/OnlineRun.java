package org.distill4j.bayes.online;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.bayes.sampler.CheckpointableChain;
import org.distill4j.bayes.sampler.MarkovChain;
import org.distill4j.bayes.student.Adam;
import org.distill4j.bayes.student.IterateAverage;
import org.distill4j.core.distill.RunState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The mutable state of one online distillation — the chain, the student's parameters, Adam's moments, the iterate
 * average, the counters and the loss history — and its checkpoint form: everything {@link OnlineDistiller} needs
 * to continue after the last finished epoch exactly as an uninterrupted run (the transfer source's random streams
 * are re-derived from the seed and the epoch). Confined to one run.
 */
final class OnlineRun {

    private static final String CHAIN = "chain.";

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
        RunState chainState = ((CheckpointableChain) chain).saveState();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("samples", samples);
        fields.put("transitions", transitions);
        fields.put("peakBytes", peakBytes);
        fields.put("adamSteps", adam.steps());
        fields.put("averageCount", average == null ? 0 : average.count());
        fields.put("trainingNanos", priorTrainingNanos + trainingNanos);
        fields.put("warnings", List.copyOf(warnings));
        fields.put("chain", chainState.fields());
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        double[][] moments = adam.momentsCopy();
        arrays.put("parameters", Nd4j.createFromArray(params.clone()));
        arrays.put("adamFirstMoment", Nd4j.createFromArray(moments[0]));
        arrays.put("adamSecondMoment", Nd4j.createFromArray(moments[1]));
        if (average != null) {
            arrays.put("averageMean", Nd4j.createFromArray(average.meanCopy()));
        }
        arrays.put("meanLosses", Nd4j.createFromArray(meanLosses.stream().mapToDouble(Double::doubleValue)
                .toArray()));
        arrays.put("lastFinite", Nd4j.createFromArray(new double[] {lastFinite}));
        chainState.arrays().forEach((k, v) -> arrays.put(CHAIN + k, v));
        return new RunState(fields, arrays);
    }

    /**
     * Replaces this freshly built run's state (and its chain's) by a checkpoint's.
     *
     * @throws IllegalArgumentException if the checkpoint does not fit this run (sizes, missing entries, the chain)
     */
    @SuppressWarnings("unchecked")
    void restore(RunState state) {
        double[] p = vector(state, "parameters", params.length);
        double[] m = vector(state, "adamFirstMoment", params.length);
        double[] v = vector(state, "adamSecondMoment", params.length);
        double[] losses = state.array("meanLosses").castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double last = vector(state, "lastFinite", 1)[0];
        long[] counts = {state.longField("samples"), state.longField("transitions"), state.longField("peakBytes"),
                state.longField("adamSteps"), state.longField("averageCount"), state.longField("trainingNanos")};
        for (long c : counts) {
            checkArgument(c >= 0, "checkpoint counters must be >= 0, got %s", c);
        }
        checkArgument(counts[1] >= counts[0], "checkpoint has %s samples but only %s transitions", counts[0],
                counts[1]);
        Object savedWarnings = state.fields().get("warnings");
        Object chainFields = state.fields().get("chain");
        checkArgument(chainFields instanceof Map<?, ?>, "the checkpoint holds no chain state");
        Map<String, INDArray> chainArrays = new LinkedHashMap<>();
        state.arrays().forEach((k, a) -> {
            if (k.startsWith(CHAIN)) {
                chainArrays.put(k.substring(CHAIN.length()), a);
            }
        });
        ((CheckpointableChain) chain).restoreState(new RunState((Map<String, Object>) chainFields, chainArrays));
        adam.restore(m, v, counts[3]);
        if (average != null) {
            average.restore(vector(state, "averageMean", params.length), counts[4]);
        }
        System.arraycopy(p, 0, params, 0, params.length);
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

    private static double[] vector(RunState state, String name, int length) {
        INDArray a = state.array(name);
        checkArgument(a.length() == length, "checkpoint array '%s' has %s entries, expected %s", name, a.length(),
                length);
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
