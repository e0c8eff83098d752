package org.distill4j.core.progress;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.distill4j.core.DistillationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ready-made {@link DistillationListener}s. */
public final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger("org.distill4j.progress");

    private Listeners() {
    }

    /**
     * Logs, at INFO through SLF4J, each epoch's losses per term, validation fidelity and estimated time left, and
     * the final certificate.
     */
    public static DistillationListener logEveryEpoch() {
        return new DistillationListener() {
            @Override
            public void onStart(String distiller, long seed, int epochs) {
                LOG.info("{}: up to {} epochs, seed {}", distiller, epochs, seed);
            }

            @Override
            public void onEpoch(EpochSummary s) {
                String losses = formatLosses(s.losses());
                String fidelity = s.validationFidelity()
                        .map(f -> String.format(" | validation agreement %.4f, KL %.4g", f.top1Agreement(),
                                f.klTeacherStudent()))
                        .orElse("");
                LOG.info("epoch {}/{} | {}{} | elapsed {} | ETA {}", s.epoch() + 1, s.epochs(), losses, fidelity,
                        format(s.elapsed()), format(s.remaining()));
            }

            @Override
            public void onEnd(DistillationReport r) {
                r.pacCertificate().ifPresent(c -> LOG.info(
                        "certificate: {} of {} fresh draws disagree; P[student != teacher] <= {} at confidence {}",
                        c.disagreements(), c.sampleCount(), String.format("%.4f", c.upperBound()),
                        1 - c.delta()));
                LOG.info("done in {} ({} epochs, kept epoch {})", format(r.timings().total()), r.epochsRun(),
                        r.bestEpoch() + 1);
            }
        };
    }

    /** Formats a loss map as {@code name=value} pairs. */
    static String formatLosses(Map<String, Double> losses) {
        return losses.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format("%.5g", e.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** Formats a duration as {@code 1h02m03s}, {@code 2m03s} or {@code 3.4s}. */
    static String format(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format("%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
        }
        if (s >= 60) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }
}
