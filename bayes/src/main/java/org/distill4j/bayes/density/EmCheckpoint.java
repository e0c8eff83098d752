package org.distill4j.bayes.density;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.distill.RunState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checkpoint form of an EM run's state (the mixture, the loss history, the statistics and counters), as a
 * {@link RunState} of DOUBLE arrays (bit-exact) and integer fields. Confined to one call.
 */
final class EmCheckpoint {

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Map<String, INDArray> arrays = new LinkedHashMap<>();
    private final RunState read;

    private EmCheckpoint(RunState read) {
        this.read = read;
    }

    static EmCheckpoint writing(GaussianMixture q, List<Double> nll) {
        EmCheckpoint c = new EmCheckpoint(null);
        c.put("weights", q.weights()).put("means", q.means()).put("variances", q.variances());
        c.put("nll", nll.stream().mapToDouble(Double::doubleValue).toArray());
        return c;
    }

    static EmCheckpoint reading(RunState state) {
        checkArgument(state != null, "state must not be null");
        return new EmCheckpoint(state);
    }

    EmCheckpoint put(String name, double... values) {
        arrays.put(name, Nd4j.createFromArray(values.clone()));
        return this;
    }

    EmCheckpoint put(String name, long value) {
        fields.put(name, value);
        return this;
    }

    RunState build() {
        return new RunState(fields, arrays);
    }

    double[] doubles(String name) {
        return read.array(name).castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    double[] doubles(String name, int length) {
        double[] v = doubles(name);
        checkArgument(v.length == length, "checkpoint array '%s' has %s entries, expected %s", name, v.length,
                length);
        return v;
    }

    /** Adds a chain's state (fields nested under "chain", arrays prefixed "chain."). */
    EmCheckpoint chain(RunState chainState) {
        fields.put("chain", chainState.fields());
        chainState.arrays().forEach((k, v) -> arrays.put("chain." + k, v));
        return this;
    }

    /** The chain state saved by {@link #chain(RunState)}. */
    @SuppressWarnings("unchecked")
    RunState chain() {
        Object f = read.fields().get("chain");
        checkArgument(f instanceof Map<?, ?>, "the checkpoint holds no chain state");
        Map<String, INDArray> a = new LinkedHashMap<>();
        read.arrays().forEach((k, v) -> {
            if (k.startsWith("chain.")) {
                a.put(k.substring("chain.".length()), v);
            }
        });
        return new RunState((Map<String, Object>) f, a);
    }

    long longField(String name) {
        return read.longField(name);
    }

    /** The saved mixture of {@code k} components (validated). */
    GaussianMixture mixture(int k) {
        return GaussianMixture.of(doubles("weights", k), doubles("means", k), doubles("variances", k));
    }

    /** The saved loss history. */
    List<Double> nll() {
        List<Double> out = new ArrayList<>();
        for (double v : doubles("nll")) {
            out.add(v);
        }
        return out;
    }

    /** A 64-bit fingerprint of {@code x}'s bits, to refuse resuming on other samples. */
    static long fingerprint(double[] x) {
        long h = 0x9e3779b97f4a7c15L ^ x.length;
        for (double v : x) {
            h = (h ^ Double.doubleToLongBits(v)) * 0xbf58476d1ce4e5b9L;
            h ^= h >>> 31;
        }
        return h;
    }
}
