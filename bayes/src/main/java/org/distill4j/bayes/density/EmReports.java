package org.distill4j.bayes.density;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.distill4j.core.DistillationReport;
import org.distill4j.core.Version;

/** Builds the {@link DistillationReport} of an EM run (no fidelity or certificate: density students). */
final class EmReports {

    private EmReports() {
    }

    static DistillationReport report(Object distiller, EmConfig config, Map<String, List<Double>> losses,
            boolean stoppedEarly, long queries, Duration preparation, Duration training, Duration total,
            List<String> warnings) {
        int epochs = losses.get("total").size();
        Duration positiveTotal = total.isZero() ? Duration.ofNanos(1) : total;
        return new DistillationReport(distiller.getClass().getName(), config.toString(), config.seed(),
                Version.CURRENT, losses, List.of(), null, null, epochs, epochs - 1, stoppedEarly, queries,
                new DistillationReport.Timings(preparation, training, Duration.ZERO, positiveTotal), warnings);
    }
}
