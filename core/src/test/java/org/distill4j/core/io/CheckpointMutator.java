package org.distill4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Structure-aware mutations of a valid model file, for the checkpoint fuzz test: byte mutations mostly break the
 * file's framing, so these keep the framing valid and damage what a checkpoint's decoder sees instead — a JSON
 * value anywhere in the header replaced by a value of another type or out of range, or removed; an array removed,
 * resized, retyped or filled with non-finite values. Each mutant is checked to read back as a model file. Deterministic for a seed; not thread-safe.
 */
final class CheckpointMutator {

    private static final Object[] VALUES = {null, "x", "", -1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE,
        Long.MAX_VALUE, Long.MIN_VALUE, -1e300, 1e300, 0.5, true, List.of(), List.of("a", 1), Map.of(),
        Map.of("a", List.of())};

    private final ModelFile.Contents valid;

    CheckpointMutator(ModelFile.Contents valid) {
        this.valid = valid;
    }

    /** Writes a mutated copy of the valid file to {@code file}; returns what was changed. */
    String writeMutant(Path file, SplittableRandom rng) throws IOException {
        Map<String, Object> header = deepCopy(valid.header());
        header.remove("modelType");
        header.remove("modelVersion");
        Map<String, INDArray> arrays = new LinkedHashMap<>(valid.arrays());
        StringBuilder what = new StringBuilder();
        int rounds = 1 + rng.nextInt(2);
        for (int r = 0; r < rounds; r++) {
            if (rng.nextInt(4) == 0 && !arrays.isEmpty()) {
                mutateArray(arrays, rng, what);
            } else {
                mutateValue(header, rng, what);
            }
        }
        ModelFile.write(file, valid.modelType(), valid.modelVersion(), header, arrays);
        assertThat(ModelFile.read(file, valid.modelType()).arrays()).as("a mutant keeps a valid framing")
                .hasSameSizeAs(arrays);
        return what.toString();
    }

    private static void mutateArray(Map<String, INDArray> arrays, SplittableRandom rng, StringBuilder what) {
        List<String> names = new ArrayList<>(arrays.keySet());
        String name = names.get(rng.nextInt(names.size()));
        INDArray a = arrays.get(name);
        switch (rng.nextInt(5)) {
            case 0 -> arrays.remove(name);
            case 1 -> arrays.put(name, Nd4j.zeros(a.dataType(), Math.max(0, a.length() - 1 - rng.nextInt(3))));
            case 2 -> arrays.put(name, Nd4j.zeros(a.dataType(), 1, a.length() + 1 + rng.nextInt(3)));
            case 3 -> arrays.put(name, Nd4j.ones(DataType.INT32, a.shape()));
            default -> arrays.put(name, a.castTo(DataType.DOUBLE).dup().assign(
                    rng.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY));
        }
        what.append("array ").append(name).append(';');
    }

    /** Replaces or removes one value somewhere in the JSON tree (each container equally likely). */
    @SuppressWarnings("unchecked")
    private static void mutateValue(Map<String, Object> header, SplittableRandom rng, StringBuilder what) {
        List<Object> containers = new ArrayList<>();
        collect(header, containers);
        Object c = containers.get(rng.nextInt(containers.size()));
        Object value = deepCopy(VALUES[rng.nextInt(VALUES.length)]);
        if (c instanceof Map<?, ?> m && !m.isEmpty()) {
            List<Object> keys = new ArrayList<>(m.keySet());
            Object key = keys.get(rng.nextInt(keys.size()));
            if (rng.nextInt(4) == 0) {
                m.remove(key);
                what.append("remove ").append(key).append(';');
            } else {
                ((Map<Object, Object>) m).put(key, value);
                what.append(key).append('=').append(value).append(';');
            }
        } else if (c instanceof List<?> l && !l.isEmpty()) {
            int i = rng.nextInt(l.size());
            ((List<Object>) l).set(i, value);
            what.append('[').append(i).append("]=").append(value).append(';');
        }
    }

    private static void collect(Object node, List<Object> out) {
        if (node instanceof Map<?, ?> m) {
            out.add(m);
            m.values().forEach(v -> collect(v, out));
        } else if (node instanceof List<?> l) {
            out.add(l);
            l.forEach(v -> collect(v, out));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T node) {
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return (T) copy;
        }
        if (node instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return node;
    }
}
