package org.distill4j.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distill4j.docs.plot.LinePlot;
import org.distill4j.generative.ais.AisConfig;
import org.distill4j.generative.ais.AisResult;
import org.distill4j.generative.ais.AisSchedule;
import org.distill4j.generative.ais.AnnealedImportanceSampling;
import org.distill4j.generative.ais.BaseRateModel;
import org.distill4j.generative.logz.ImportanceSampling;
import org.distill4j.generative.logz.LogZEstimate;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.rbm.Rbm;

/**
 * The equal-time comparison of {@code reproduce logz}: the absolute error of AIS and of NADE importance sampling
 * against an exact {@code log Z}, as a function of wall time. AIS is run with a fixed number of runs over
 * Salakhutdinov and Murray's schedule coarsened by several factors; importance sampling with several sample counts.
 * Each point is the root-mean-square error over independent estimates (different seeds) and their mean wall time:
 * {@code repeats} of them, more for the cheap settings (up to 20), since a single cheap estimate's error is mostly
 * luck. The NADE's distillation time is not in the importance-sampling times; the figure shows it as a third curve
 * (the same points shifted by the distillation time).
 */
final class LogZTimeCurve {

    /** One point: mean seconds per estimate and RMS absolute error, in nats. */
    record Point(String setting, double seconds, double absError) {
    }

    private LogZTimeCurve() {
    }

    /** AIS with {@code runs} runs at each schedule coarsening. */
    static List<Point> ais(Rbm rbm, BaseRateModel base, double exact, int runs, int[] coarsens, int repeats,
            long seed) {
        List<Point> points = new ArrayList<>();
        for (int k : coarsens) {
            double seconds = 0;
            double squares = 0;
            int temperatures = 0;
            int times = Math.max(repeats, Math.min(20, k / 10));
            for (int r = 0; r < times; r++) {
                AisConfig config = AisConfig.builder().runs(runs).schedule(AisSchedule.salakhutdinovMurray(k))
                        .seed(seed + 1000L * k + r).build();
                AisResult a = AnnealedImportanceSampling.estimate(rbm, base, config);
                seconds += a.seconds();
                squares += (a.logZ() - exact) * (a.logZ() - exact);
                temperatures = a.temperatures();
            }
            Point p = new Point(runs + " runs x " + temperatures + " temperatures", seconds / times,
                    Math.sqrt(squares / times));
            Console.progress("  AIS %s: %.3f s, RMS error %.4f nats", p.setting(), p.seconds(), p.absError());
            points.add(p);
        }
        return points;
    }

    /** NADE importance sampling with each sample count. */
    static List<Point> importance(Rbm rbm, Nade nade, double exact, int[] sampleCounts, int repeats, long seed) {
        List<Point> points = new ArrayList<>();
        for (int n : sampleCounts) {
            double seconds = 0;
            double squares = 0;
            int times = Math.max(repeats, Math.min(20, 10_000 / n));
            for (int r = 0; r < times; r++) {
                LogZEstimate e = ImportanceSampling.estimate(rbm, nade, n, seed + 1000L * n + r);
                seconds += e.seconds();
                squares += (e.logZ() - exact) * (e.logZ() - exact);
            }
            Point p = new Point(n + " samples", seconds / times, Math.sqrt(squares / times));
            Console.progress("  NADE IS %s: %.3f s, RMS error %.4f nats", p.setting(), p.seconds(), p.absError());
            points.add(p);
        }
        return points;
    }

    /**
     * Whether, at the wall time of every AIS point that importance sampling can match (time at least that of its
     * cheapest point), the importance-sampling error (log-log interpolated between its points, or its last point
     * beyond them) is at most the AIS error. {@code false} if no AIS point can be matched.
     */
    static boolean importanceAtMostAisAtEqualTime(List<Point> ais, List<Point> importance) {
        int compared = 0;
        for (Point a : ais) {
            double e = errorAt(importance, a.seconds());
            if (Double.isNaN(e)) {
                continue;
            }
            compared++;
            if (e > a.absError()) {
                return false;
            }
        }
        return compared > 0;
    }

    /** The error of a curve at {@code seconds}, NaN before its first point, its last point's after the last. */
    static double errorAt(List<Point> curve, double seconds) {
        List<Point> sorted = new ArrayList<>(curve);
        sorted.sort((p, q) -> Double.compare(p.seconds(), q.seconds()));
        if (sorted.isEmpty() || seconds < sorted.get(0).seconds()) {
            return Double.NaN;
        }
        for (int i = 1; i < sorted.size(); i++) {
            Point lo = sorted.get(i - 1);
            Point hi = sorted.get(i);
            if (seconds <= hi.seconds()) {
                double t = (Math.log(seconds) - Math.log(lo.seconds()))
                        / Math.max(1e-12, Math.log(hi.seconds()) - Math.log(lo.seconds()));
                return Math.exp((1 - t) * Math.log(floor(lo.absError())) + t * Math.log(floor(hi.absError())));
            }
        }
        return sorted.get(sorted.size() - 1).absError();
    }

    /** Writes the log-log figure. */
    static void plot(Path file, String title, List<Point> ais, List<Point> importance, double distillSeconds)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        double[] shifted = importance.stream().mapToDouble(p -> p.seconds() + distillSeconds).toArray();
        LinePlot.titled(title).xLabel("wall time per estimate (s)").yLabel("|log Z estimate - exact| (nats, RMS)")
                .logX().logY()
                .series("AIS", seconds(ais), errors(ais))
                .series("NADE importance sampling", seconds(importance), errors(importance))
                .series(String.format(Locale.ROOT, "NADE IS + distillation (%.0f s)", distillSeconds), shifted,
                        errors(importance))
                .write(file);
    }

    /** The points as a compact JSON-like string for the RESULT line: {@code [[s, err], ...]}. */
    static String describe(List<Point> points) {
        StringBuilder s = new StringBuilder("[");
        for (Point p : points) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append(String.format(Locale.ROOT, "[%.4g, %.4g]", p.seconds(), p.absError()));
        }
        return s.append(']').toString();
    }

    private static double[] seconds(List<Point> points) {
        return points.stream().mapToDouble(Point::seconds).toArray();
    }

    private static double[] errors(List<Point> points) {
        return points.stream().mapToDouble(p -> floor(p.absError())).toArray();
    }

    /** Errors are floored at 1e-5 nats so that they have a logarithm. */
    private static double floor(double error) {
        return Math.max(1e-5, error);
    }
}
