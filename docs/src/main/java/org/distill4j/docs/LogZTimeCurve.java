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
 * luck. {@link #compare} states the rule of the goal. The NADE's distillation time is not in the
 * importance-sampling times; the figure shows it as a third curve (the same points shifted by the distillation
 * time).
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

    /**
     * NADE importance sampling with each sample count, in increasing order, stopping after the first point whose
     * mean time reaches {@code untilSeconds} (so that the curve spans the AIS times).
     */
    static List<Point> importance(Rbm rbm, Nade nade, double exact, int[] sampleCounts, double untilSeconds,
            int repeats, long seed) {
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
            if (p.seconds() >= untilSeconds) {
                break;
            }
        }
        return points;
    }

    /**
     * The equal-time verdict.
     *
     * @param met whether the rule holds at every AIS point
     * @param worstRatio the largest, over AIS points, of (the error of the longest importance-sampling point that
     *     takes at most the AIS point's time) / (the AIS error); infinite when some AIS point is cheaper than every
     *     importance-sampling point; at most 1 exactly when {@code met}
     * @param worstSetting the AIS setting where that ratio is largest
     */
    record Comparison(boolean met, double worstRatio, String worstSetting) {
    }

    /**
     * The rule of {@code goal_equal_time}: at <em>every</em> AIS point (mean time {@code t}, RMS error {@code e}),
     * take the importance-sampling point with the largest mean time that is still at most {@code t} (what one would
     * run with that budget); its RMS error must be at most {@code e}. No interpolation, no choosing a luckier
     * cheaper point, and no AIS point is skipped: an AIS point cheaper than every importance-sampling point fails.
     */
    static Comparison compare(List<Point> ais, List<Point> importance) {
        double worst = 0;
        String at = null;
        for (Point a : ais) {
            Point affordable = null;
            for (Point q : importance) {
                if (q.seconds() <= a.seconds() && (affordable == null || q.seconds() > affordable.seconds())) {
                    affordable = q;
                }
            }
            double ratio = affordable == null ? Double.POSITIVE_INFINITY
                    : affordable.absError() == 0 ? 0 : affordable.absError() / a.absError();
            if (at == null || ratio > worst) {
                worst = ratio;
                at = a.setting();
            }
        }
        return new Comparison(at != null && worst <= 1, worst, at);
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
