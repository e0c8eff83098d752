package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.core.distill.RunState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds and reads the {@link RunState}s of the samplers: integer counters as fields, every {@code double}
 * (vectors and scalars) as a DOUBLE array so that it round-trips bit for bit. Confined to one call.
 */
final class ChainStates {

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Map<String, INDArray> arrays = new LinkedHashMap<>();
    private final RunState read;

    private ChainStates(RunState read) {
        this.read = read;
    }

    /** A new state of the sampler {@code type} of dimension {@code d}. */
    static ChainStates writing(Class<?> type, int d) {
        ChainStates s = new ChainStates(null);
        s.fields.put("sampler", type.getName());
        s.fields.put("dimension", d);
        return s;
    }

    /**
     * Reads {@code state}, checking that it is a {@code type} state of dimension {@code d}.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    static ChainStates reading(RunState state, Class<?> type, int d) {
        checkArgument(state != null, "state must not be null");
        Object sampler = state.fields().get("sampler");
        checkArgument(type.getName().equals(sampler), "the chain state was saved by %s, not %s", sampler,
                type.getName());
        checkArgument(state.longField("dimension") == d, "the chain state has dimension %s but this chain has %s",
                state.longField("dimension"), d);
        return new ChainStates(state);
    }

    ChainStates put(String name, long value) {
        fields.put(name, value);
        return this;
    }

    ChainStates put(String name, double... values) {
        arrays.put(name, Nd4j.createFromArray(values.clone()));
        return this;
    }

    RunState build() {
        return new RunState(fields, arrays);
    }

    long longField(String name) {
        return read.longField(name);
    }

    /** A saved double vector of {@code length} entries. */
    double[] doubles(String name, int length) {
        INDArray a = read.array(name);
        checkArgument(a.length() == length, "chain state '%s' has %s entries, expected %s", name, a.length(),
                length);
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    double scalar(String name) {
        return doubles(name, 1)[0];
    }
}
