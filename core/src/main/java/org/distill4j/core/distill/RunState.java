package org.distill4j.core.distill;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a {@link ResumableRun} writes into a checkpoint: JSON-able fields (numbers, strings, booleans, lists,
 * maps) and named arrays (FLOAT, DOUBLE, INT32 or INT64). Unmodifiable maps; the arrays are not copied, so a run
 * hands out copies or arrays it no longer changes.
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

    /** A required numeric field, or an {@link IllegalArgumentException} naming it. */
    public long longField(String name) {
        Object v = fields.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("checkpoint field '" + name + "' must be a number, got " + v);
        }
        return n.longValue();
    }
}
