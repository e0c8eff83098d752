package org.distill4j.core.distill;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.distill4j.core.DistillationReport;
import org.distill4j.core.Student;
import org.distill4j.core.progress.DistillationListener;
import org.distill4j.core.progress.EpochSummary;
import org.distill4j.core.progress.StudentListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distiller's listeners, and the calls to them: a listener that throws is logged and ignored, never allowed to
 * end a run. Thread-safe (listeners may be added while runs are going on; each run sees those present at a call).
 */
final class ListenerRelay {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerRelay.class);

    private final List<DistillationListener> listeners = new CopyOnWriteArrayList<>();

    void add(DistillationListener listener) {
        listeners.add(listener);
    }

    void start(String distiller, long seed, int epochs) {
        listeners.forEach(l -> safely(() -> l.onStart(distiller, seed, epochs)));
    }

    void batch(int epoch, int batch, Map<String, Double> losses) {
        listeners.forEach(l -> safely(() -> l.onBatch(epoch, batch, losses)));
    }

    /** The epoch summary, then — only if a {@link StudentListener} listens — the student of the epoch. */
    <S extends Student> void epoch(EpochSummary summary, Supplier<S> student) {
        listeners.forEach(l -> safely(() -> l.onEpoch(summary)));
        if (listeners.stream().anyMatch(StudentListener.class::isInstance)) {
            S seen = student.get();
            listeners.stream().filter(StudentListener.class::isInstance).map(StudentListener.class::cast)
                    .forEach(l -> safely(() -> l.onEpochStudent(summary.epoch(), seen)));
        }
    }

    void end(DistillationReport report) {
        listeners.forEach(l -> safely(() -> l.onEnd(report)));
    }

    private static void safely(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            LOG.warn("a distillation listener threw; ignored", e);
        }
    }
}
