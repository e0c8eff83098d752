package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.distill4j.bayes.diagnostics.Diagnostics;
import org.distill4j.bayes.diagnostics.ParameterSummary;

/**
 * The kept draws of several chains, {@code [chains][draws][d]} (warm-up discarded, thinned), with each chain's
 * {@link ChainStats} (null for chains that do not report). Immutable: the arrays are copied in and every accessor
 * returns a new copy; thread-safe.
 */
public final class Samples {

    private final double[][][] draws;
    private final List<ChainStats> stats;

    /**
     * Validates and copies.
     *
     * @param draws {@code [chains ≥ 1][draws ≥ 1][d ≥ 1]}, rectangular
     * @param stats one entry (possibly null) per chain
     */
    public Samples(double[][][] draws, List<ChainStats> stats) {
        checkNotNull(draws, "draws");
        checkNotNull(stats, "stats");
        checkArgument(draws.length >= 1 && draws[0].length >= 1 && draws[0][0].length >= 1,
                "draws must be [chains >= 1][draws >= 1][d >= 1]");
        checkArgument(stats.size() == draws.length, "stats must have one entry per chain (%s), got %s",
                draws.length, stats.size());
        int n = draws[0].length;
        int d = draws[0][0].length;
        this.draws = new double[draws.length][n][];
        for (int c = 0; c < draws.length; c++) {
            checkArgument(draws[c].length == n, "chain %s has %s draws, chain 0 has %s", c, draws[c].length, n);
            for (int i = 0; i < n; i++) {
                checkArgument(draws[c][i].length == d, "draw [%s][%s] has dimension %s, expected %s", c, i,
                        draws[c][i].length, d);
                this.draws[c][i] = draws[c][i].clone();
            }
        }
        this.stats = Collections.unmodifiableList(new ArrayList<>(stats));
    }

    /** The number of chains. */
    public int chains() {
        return draws.length;
    }

    /** Kept draws per chain. */
    public int drawsPerChain() {
        return draws[0].length;
    }

    /** The dimension d. */
    public int dimension() {
        return draws[0][0].length;
    }

    /** All draws, a new {@code [chains][draws][d]} array. */
    public double[][][] draws() {
        double[][][] copy = new double[draws.length][][];
        for (int c = 0; c < draws.length; c++) {
            copy[c] = chain(c);
        }
        return copy;
    }

    /** The draws of chain {@code c}, a new {@code [draws][d]} array. */
    public double[][] chain(int c) {
        checkElementIndex(c, draws.length, "chain");
        double[][] copy = new double[draws[c].length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = draws[c][i].clone();
        }
        return copy;
    }

    /** The draws of all chains one after the other, a new {@code [chains · draws][d]} array. */
    public double[][] pooled() {
        int n = drawsPerChain();
        double[][] out = new double[chains() * n][];
        for (int c = 0; c < chains(); c++) {
            for (int i = 0; i < n; i++) {
                out[c * n + i] = draws[c][i].clone();
            }
        }
        return out;
    }

    /** Coordinate {@code j} of every draw, a new {@code [chains][draws]} array (the input of the diagnostics). */
    public double[][] parameter(int j) {
        checkElementIndex(j, dimension(), "parameter");
        double[][] out = new double[chains()][drawsPerChain()];
        for (int c = 0; c < chains(); c++) {
            for (int i = 0; i < drawsPerChain(); i++) {
                out[c][i] = draws[c][i][j];
            }
        }
        return out;
    }

    /** The pooled mean of every coordinate, a new {@code [d]} array. */
    public double[] mean() {
        double[] m = new double[dimension()];
        for (double[][] chain : draws) {
            for (double[] x : chain) {
                for (int j = 0; j < m.length; j++) {
                    m[j] += x[j];
                }
            }
        }
        int total = chains() * drawsPerChain();
        for (int j = 0; j < m.length; j++) {
            m[j] /= total;
        }
        return m;
    }

    /** Each chain's statistics (entries may be null), unmodifiable. */
    public List<ChainStats> stats() {
        return stats;
    }

    /** Total divergences over the chains that report. */
    public long divergences() {
        return stats.stream().filter(s -> s != null).mapToLong(ChainStats::divergences).sum();
    }

    /** The mean of the reporting chains' acceptance rates (NaN when none reports). */
    public double acceptanceRate() {
        return stats.stream().filter(s -> s != null).mapToDouble(ChainStats::acceptanceRate).average()
                .orElse(Double.NaN);
    }

    /** One {@link ParameterSummary} per coordinate: mean, sd, ESS, split R-hat, MCSE, quantiles. */
    public List<ParameterSummary> summary() {
        List<ParameterSummary> out = new ArrayList<>(dimension());
        for (int j = 0; j < dimension(); j++) {
            out.add(Diagnostics.summarize(j, parameter(j)));
        }
        return List.copyOf(out);
    }
}
