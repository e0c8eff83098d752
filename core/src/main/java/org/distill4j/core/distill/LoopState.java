package org.distill4j.core.distill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.Student;
import org.distill4j.core.fidelity.Fidelity;

/**
 * The distillation loop's own mutable state between epochs — loss history, validation history, the best student
 * so far, counters and accumulated times — and its JSON form for checkpoints. Confined to one run.
 *
 * @param <S> the student type
 */
final class LoopState<S extends Student> {

    final Map<String, List<Double>> lossPerTerm = new LinkedHashMap<>();
    final List<Fidelity> validationHistory = new ArrayList<>();
    S best;
    Fidelity bestFidelity;
    int bestEpoch = -1;
    int epochsRun;
    boolean stoppedEarly;
    double lastFiniteTotal = Double.NaN;
    long priorTrainingNanos;
    long priorEvaluationNanos;

    /** The JSON-able fields of this state (the best student is stored separately). */
    Map<String, Object> toFields(long trainingNanos, long evaluationNanos) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("epochsRun", epochsRun);
        f.put("bestEpoch", bestEpoch);
        f.put("lastFiniteTotal", Double.isFinite(lastFiniteTotal) ? lastFiniteTotal : null);
        f.put("trainingNanos", priorTrainingNanos + trainingNanos);
        f.put("evaluationNanos", priorEvaluationNanos + evaluationNanos);
        f.put("lossPerTerm", lossPerTerm);
        List<Object> history = new ArrayList<>();
        validationHistory.forEach(v -> history.add(fidelityFields(v)));
        f.put("validationHistory", history);
        f.put("bestFidelity", bestFidelity == null ? null : fidelityFields(bestFidelity));
        return f;
    }

    /**
     * Restores everything but the best student from {@link #toFields}'s form, written by a run of at most
     * {@code epochs} epochs.
     *
     * @throws IllegalArgumentException if a field is missing, of another type or out of range (named)
     */
    void restoreFields(Map<String, Object> f, int epochs) {
        int run = (int) integer(f, "epochsRun", 0, epochs);
        int bestAt = (int) integer(f, "bestEpoch", -1, run - 1);
        Object last = f.get("lastFiniteTotal");
        double lastTotal = last instanceof Number n ? n.doubleValue() : Double.NaN;
        long trainingNanos = integer(f, "trainingNanos", 0, Long.MAX_VALUE);
        long evaluationNanos = integer(f, "evaluationNanos", 0, Long.MAX_VALUE);
        Map<String, List<Double>> losses = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map(f.get("lossPerTerm"), "lossPerTerm").entrySet()) {
            List<Double> copy = new ArrayList<>();
            for (Object v : list(e.getValue(), "lossPerTerm." + e.getKey())) {
                copy.add(number(v, "lossPerTerm." + e.getKey()).doubleValue());
            }
            losses.put(String.valueOf(e.getKey()), copy);
        }
        List<Fidelity> history = new ArrayList<>();
        for (Object v : list(f.get("validationHistory"), "validationHistory")) {
            history.add(fidelity(map(v, "validationHistory")));
        }
        Object bf = f.get("bestFidelity");
        Fidelity bestFid = bf == null ? null : fidelity(map(bf, "bestFidelity"));
        epochsRun = run;
        bestEpoch = bestAt;
        lastFiniteTotal = lastTotal;
        priorTrainingNanos = trainingNanos;
        priorEvaluationNanos = evaluationNanos;
        lossPerTerm.clear();
        lossPerTerm.putAll(losses);
        validationHistory.clear();
        validationHistory.addAll(history);
        bestFidelity = bestFid;
    }

    private static long integer(Map<?, ?> m, String key, long min, long max) {
        long v = number(m.get(key), key).longValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException("checkpoint field '" + key + "' must be in [" + min + ", " + max
                    + "], got " + v);
        }
        return v;
    }

    private static Map<?, ?> map(Object v, String key) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("checkpoint field '" + key + "' must be an object, got " + v);
        }
        return m;
    }

    private static List<?> list(Object v, String key) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("checkpoint field '" + key + "' must be a list, got " + v);
        }
        return l;
    }

    private static Map<String, Object> fidelityFields(Fidelity v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sampleCount", v.sampleCount());
        m.put("top1Agreement", v.top1Agreement());
        m.put("klTeacherStudent", v.klTeacherStudent());
        m.put("totalVariation", v.totalVariation());
        m.put("meanLogProbOfTeacherLabels", v.meanLogProbOfTeacherLabels());
        return m;
    }

    private static Fidelity fidelity(Map<?, ?> m) {
        return new Fidelity(number(m.get("sampleCount"), "sampleCount").longValue(),
                number(m.get("top1Agreement"), "top1Agreement").doubleValue(),
                number(m.get("klTeacherStudent"), "klTeacherStudent").doubleValue(),
                number(m.get("totalVariation"), "totalVariation").doubleValue(),
                number(m.get("meanLogProbOfTeacherLabels"), "meanLogProbOfTeacherLabels").doubleValue());
    }

    private static Number number(Object v, String key) {
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("checkpoint field '" + key + "' must be a number, got " + v);
        }
        return n;
    }
}
