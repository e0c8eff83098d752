package org.distill4j.core.distill;

import java.util.LinkedHashMap;
import java.util.Map;

/** Row-weighted means of per-batch losses over an epoch, in {@code double}. */
final class LossAccumulator {

    private final Map<String, double[]> sums = new LinkedHashMap<>();
    private long rows;

    void add(Map<String, Double> losses, long batchRows) {
        losses.forEach((k, v) -> sums.computeIfAbsent(k, x -> new double[1])[0] += v * batchRows);
        rows += batchRows;
    }

    Map<String, Double> means() {
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((k, s) -> means.put(k, s[0] / rows));
        return means;
    }
}
