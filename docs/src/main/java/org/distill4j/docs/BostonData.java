package org.distill4j.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Boston housing data (506 rows, 13 features, target MEDV) read from scikit-learn's CSV
 * ({@code ../shared/data/boston_house_prices.csv}: a count line, a header, then rows), and its 90/10 splits (the
 * standard ones of {@link PbpSplits}, or random ones) standardised with training statistics, as in
 * Hernández-Lobato &amp; Adams (2015), whose protocol Bayesian Dark Knowledge follows. Immutable.
 *
 * @param features {@code [N][13]}
 * @param targets {@code [N]}
 */
record BostonData(double[][] features, double[] targets) {

    /** Reads the CSV; rows with a wrong number of fields are an error. */
    static BostonData read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Boston housing CSV not found: " + file + " (use --data FILE)");
        }
        List<String> lines = Files.readAllLines(file);
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",");
            if (fields.length != 14) {
                throw new IOException(file + ": line " + (i + 1) + " has " + fields.length + " fields, expected 14");
            }
            double[] row = new double[13];
            for (int j = 0; j < 13; j++) {
                row[j] = Double.parseDouble(fields[j]);
            }
            x.add(row);
            y.add(Double.parseDouble(fields[13]));
        }
        return new BostonData(x.toArray(new double[0][]), y.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * A random split: {@code round(0.9 N)} training rows, the rest test, features and targets standardised with
     * the training rows' mean and standard deviation (a constant feature keeps scale 1).
     */
    Split split(long seed) {
        int n = targets.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return split(order, (int) Math.round(0.9 * n));
    }

    /**
     * Split {@code index} (0-based, {@code < 20} by convention) of the standard splits of Hernández-Lobato &amp;
     * Adams (2015) ({@link PbpSplits}): 455 training and 51 test rows on the full data, standardised as
     * {@link #split(long)}.
     */
    Split pbpSplit(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        int n = targets.length;
        return split(PbpSplits.orders(n, index + 1)[index], PbpSplits.trainSize(n));
    }

    /**
     * The split whose training rows are {@code order[0..train)} and test rows the rest, standardised with the
     * training rows' statistics.
     */
    Split split(int[] order, int train) {
        int n = targets.length;
        if (order.length != n || train < 1 || train >= n) {
            throw new IllegalArgumentException("order must have length " + n + " and train be in [1, " + n
                    + "), got length " + order.length + " and train " + train);
        }
        int p = features[0].length;
        double[] mean = new double[p];
        double[] std = new double[p];
        double yMean = 0;
        double yVar = 0;
        for (int i = 0; i < train; i++) {
            for (int j = 0; j < p; j++) {
                mean[j] += features[order[i]][j] / train;
            }
            yMean += targets[order[i]] / train;
        }
        for (int i = 0; i < train; i++) {
            for (int j = 0; j < p; j++) {
                double d = features[order[i]][j] - mean[j];
                std[j] += d * d / train;
            }
            yVar += (targets[order[i]] - yMean) * (targets[order[i]] - yMean) / train;
        }
        for (int j = 0; j < p; j++) {
            std[j] = std[j] > 0 ? Math.sqrt(std[j]) : 1;
        }
        double yStd = Math.sqrt(yVar);
        double[][] xTrain = new double[train][p];
        double[] yTrain = new double[train];
        double[][] xTest = new double[n - train][p];
        double[] yTest = new double[n - train];
        for (int i = 0; i < n; i++) {
            double[] row = i < train ? xTrain[i] : xTest[i - train];
            for (int j = 0; j < p; j++) {
                row[j] = (features[order[i]][j] - mean[j]) / std[j];
            }
            double yi = (targets[order[i]] - yMean) / yStd;
            if (i < train) {
                yTrain[i] = yi;
            } else {
                yTest[i - train] = yi;
            }
        }
        return new Split(xTrain, yTrain, xTest, yTest, yStd);
    }

    /**
     * One standardised split.
     *
     * @param yStd the training targets' standard deviation: a log-density in standardised units minus
     *     {@code log yStd} is the log-density in the original units (thousands of dollars)
     */
    record Split(double[][] xTrain, double[] yTrain, double[][] xTest, double[] yTest, double yStd) {
    }
}
