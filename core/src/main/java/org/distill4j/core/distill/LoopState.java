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

    /** Restores everything but the best student from {@link #toFields}'s form. */
    @SuppressWarnings("unchecked")
    void restoreFields(Map<String, Object> f) {
        epochsRun = number(f, "epochsRun").intValue();
        bestEpoch = number(f, "bestEpoch").intValue();
        Object last = f.get("lastFiniteTotal");
        lastFiniteTotal = last instanceof Number n ? n.doubleValue() : Double.NaN;
        priorTrainingNanos = number(f, "trainingNanos").longValue();
        priorEvaluationNanos = number(f, "evaluationNanos").longValue();
        lossPerTerm.clear();
        ((Map<String, List<Number>>) f.get("lossPerTerm")).forEach((term, values) -> {
            List<Double> copy = new ArrayList<>();
            values.forEach(v -> copy.add(v.doubleValue()));
            lossPerTerm.put(term, copy);
        });
        validationHistory.clear();
        ((List<Map<String, Object>>) f.get("validationHistory")).forEach(v -> validationHistory.add(fidelity(v)));
        Object bf = f.get("bestFidelity");
        bestFidelity = bf == null ? null : fidelity((Map<String, Object>) bf);
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

    private static Fidelity fidelity(Map<String, Object> m) {
        return new Fidelity(number(m, "sampleCount").longValue(), number(m, "top1Agreement").doubleValue(),
                number(m, "klTeacherStudent").doubleValue(), number(m, "totalVariation").doubleValue(),
                number(m, "meanLogProbOfTeacherLabels").doubleValue());
    }

    private static Number number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("checkpoint field '" + key + "' must be a number, got " + v);
        }
        return n;
    }
}
