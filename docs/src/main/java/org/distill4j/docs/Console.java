package org.distill4j.docs;

import java.io.PrintStream;
import java.util.Locale;
import org.distill4j.core.progress.DistillationListener;
import org.distill4j.core.progress.EpochSummary;

/**
 * Progress lines of the docs commands, on stderr. The commands run inside Maven ({@code exec:java}), whose own
 * SLF4J binding and {@code -q} hide the library's INFO logging, so the docs print their progress themselves.
 */
final class Console {

    private static final long START = System.nanoTime();
    private static final PrintStream ERR = System.err;

    private Console() {
    }

    /** Prints one progress line with the time since the command started. */
    static void progress(String format, Object... args) {
        ERR.printf(Locale.ROOT, "[%7.1fs] %s%n", (System.nanoTime() - START) / 1e9,
                String.format(Locale.ROOT, format, args));
        ERR.flush();
    }

    /** A listener printing each epoch's losses, validation agreement and ETA. */
    static DistillationListener epochs(String label) {
        return new DistillationListener() {
            @Override
            public void onEpoch(EpochSummary s) {
                StringBuilder losses = new StringBuilder();
                s.losses().forEach((k, v) -> losses.append(' ').append(k).append('=')
                        .append(String.format(Locale.ROOT, "%.4g", v)));
                String validation = s.validationFidelity()
                        .map(f -> String.format(Locale.ROOT, " | validation agreement %.4f", f.top1Agreement()))
                        .orElse("");
                progress("%s epoch %d/%d |%s%s | ETA %ds", label, s.epoch() + 1, s.epochs(), losses, validation,
                        s.remaining().toSeconds());
            }
        };
    }
}
