package org.distill4j.core.distill;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a {@link ResumableRun} writes into a checkpoint: JSON-able fields (numbers, strings, booleans, lists,
 * maps) and named arrays (FLOAT, DOUBLE, INT32 or INT64). Unmodifiable maps; the arrays are not copied, so a run
 * hands out copies or arrays it no longer changes. {@link #builder()} keeps {@code double}s in DOUBLE arrays so
 * they round-trip bit for bit, and nests the state of a part (e.g. a Markov chain) under a name.
 *
 * @param fields small values, e.g. an iteration counter
 * @param arrays named arrays, e.g. parameters and optimiser moments
 */
public record RunState(Map<String, Object> fields, Map<String, INDArray> arrays) {

    /** Copies both maps, keeping their order. */
    public RunState {
        checkNotNull(fields, "fields");
        checkNotNull(arrays, "arrays");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /** A required array, or an {@link IllegalArgumentException} naming it. */
    public INDArray array(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("checkpoint has no array '" + name + "' (arrays: " + arrays.keySet()
                    + ")");
        }
        return a;
    }

    /**
     * A required array as {@code double}s, checked to have {@code length} entries.
     *
     * @throws IllegalArgumentException if it is missing or has another length (both named)
     */
    public double[] doubles(String name, int length) {
        INDArray a = array(name);
        if (a.length() != length) {
            throw new IllegalArgumentException("checkpoint array '" + name + "' has " + a.length()
                    + " entries, expected " + length);
        }
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** A builder: integer fields and {@code double} vectors, which round-trip bit for bit as DOUBLE arrays. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RunState}; not thread-safe. */
    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final Map<String, INDArray> arrays = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a JSON-able field (a number, string, boolean, list or map). */
        public Builder field(String name, Object value) {
            fields.put(checkNotNull(name, "name"), value);
            return this;
        }

        /** Adds a counter or other integer. */
        public Builder put(String name, long value) {
            return field(name, value);
        }

        /** Adds {@code double}s (copied), e.g. a position or scalars that must round-trip exactly. */
        public Builder put(String name, double... values) {
            arrays.put(checkNotNull(name, "name"), Nd4j.createFromArray(values.clone()));
            return this;
        }

        /** Adds an array (not copied). */
        public Builder array(String name, INDArray value) {
            arrays.put(checkNotNull(name, "name"), checkNotNull(value, "value"));
            return this;
        }

        /** Adds another state's fields (nested under {@code name}) and arrays (prefixed {@code name.}). */
        public Builder nested(String name, RunState state) {
            fields.put(name, state.fields());
            state.arrays().forEach((k, v) -> arrays.put(name + "." + k, v));
            return this;
        }

        /** The state. */
        public RunState build() {
            return new RunState(fields, arrays);
        }
    }

    /**
     * The state nested under {@code name} by {@link Builder#nested}.
     *
     * @throws IllegalArgumentException if there is none
     */
    @SuppressWarnings("unchecked")
    public RunState nested(String name) {
        Object f = fields.get(name);
        if (!(f instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("checkpoint holds no '" + name + "' state");
        }
        Map<String, INDArray> a = new LinkedHashMap<>();
        String prefix = name + ".";
        arrays.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                a.put(k.substring(prefix.length()), v);
            }
        });
        return new RunState((Map<String, Object>) f, a);
    }

    /** A 64-bit fingerprint of {@code values}' bits, to refuse resuming on other data. */
    public static long fingerprint(double[] values) {
        long h = 0x9e3779b97f4a7c15L ^ values.length;
        for (double v : values) {
            h = (h ^ Double.doubleToLongBits(v)) * 0xbf58476d1ce4e5b9L;
            h ^= h >>> 31;
        }
        return h;
    }

    /** A required numeric field, or an {@link IllegalArgumentException} naming it. */
    public long longField(String name) {
        Object v = fields.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("checkpoint field '" + name + "' must be a number, got " + v);
        }
        return n.longValue();
    }
}
