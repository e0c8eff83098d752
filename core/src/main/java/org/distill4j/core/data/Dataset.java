package org.distill4j.core.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * A labelled classification data set: features {@code [n, d]} in FLOAT, one integer label in
 * {@code [0, numClasses)} per row, and the names of the classes.
 *
 * <p>Immutable and thread-safe: the constructor keeps its own copies of the features (converted to FLOAT),
 * labels and names, and {@link #features()} and {@link #labels()} return fresh caller-owned copies. Equality
 * compares the values (the features with {@code INDArray.equals}, i.e. within ND4J's tolerance of 1e-5).
 *
 * @param features {@code [n, d]}, finite, n and d at least 1; converted to FLOAT
 * @param labels one label per row, each in {@code [0, numClasses)}
 * @param numClasses the number of classes K, at least 1
 * @param classNames the K class names, in label order
 * @param name a short name for logs and reports
 */
public record Dataset(INDArray features, int[] labels, int numClasses, List<String> classNames, String name) {

    /** Columns whose standard deviation is below this are only centred by {@link #standardized()}. */
    public static final double MIN_STANDARD_DEVIATION = 1e-12;

    /** Validates and copies. */
    public Dataset {
        checkNotNull(features, "features");
        checkNotNull(labels, "labels");
        checkNotNull(classNames, "classNames");
        checkNotNull(name, "name");
        checkArgument(features.rank() == 2 && features.rows() >= 1 && features.columns() >= 1,
                "features must be [n >= 1, d >= 1], got shape %s", Arrays.toString(features.shape()));
        checkArgument(features.dataType().isFPType(), "features must be floating point, got %s",
                features.dataType());
        checkArgument(labels.length == features.rows(), "labels must have one entry per row (%s), got %s",
                features.rows(), labels.length);
        checkArgument(numClasses >= 1, "numClasses must be >= 1, got %s", numClasses);
        checkArgument(classNames.size() == numClasses, "classNames must name the %s classes, got %s names",
                numClasses, classNames.size());
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            checkArgument(label >= 0 && label < numClasses, "labels[%s] must be in [0, %s), got %s", i,
                    numClasses, label);
        }
        checkArgument(!BooleanIndexing.or(features, Conditions.isNan())
                && !BooleanIndexing.or(features, Conditions.isInfinite()), "features must be finite");
        features = features.castTo(DataType.FLOAT).dup('c');
        labels = labels.clone();
        classNames = List.copyOf(classNames);
    }

    /** Class names {@code "0", "1", ..., "K-1"}. */
    public static List<String> numberedClassNames(int numClasses) {
        checkArgument(numClasses >= 1, "numClasses must be >= 1, got %s", numClasses);
        List<String> names = new ArrayList<>(numClasses);
        for (int k = 0; k < numClasses; k++) {
            names.add(Integer.toString(k));
        }
        return List.copyOf(names);
    }

    /** A copy of the features, {@code [n, d]} FLOAT, owned by the caller. */
    @Override
    public INDArray features() {
        return features.dup();
    }

    /** A copy of the labels, owned by the caller. */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The label of row {@code row}. */
    public int label(int row) {
        checkArgument(row >= 0 && row < labels.length, "row must be in [0, %s), got %s", labels.length, row);
        return labels[row];
    }

    /** The number of rows n. */
    public int size() {
        return labels.length;
    }

    /** The number of features d. */
    public int numFeatures() {
        return features.columns();
    }

    /** How many rows carry each label, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * The given rows, in the given order (repeats allowed).
     *
     * @param rows indices in {@code [0, size())}, at least one
     */
    public Dataset subset(int[] rows) {
        checkNotNull(rows, "rows");
        checkArgument(rows.length >= 1, "rows must name at least one row");
        int[] subsetLabels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            checkArgument(rows[i] >= 0 && rows[i] < labels.length, "rows[%s] must be in [0, %s), got %s", i,
                    labels.length, rows[i]);
            subsetLabels[i] = labels[rows[i]];
        }
        return new Dataset(Nd4j.pullRows(features, 1, rows), subsetLabels, numClasses, classNames, name);
    }

    /**
     * The first {@code n} rows.
     *
     * @param n in {@code [1, size()]}
     */
    public Dataset head(int n) {
        checkArgument(n >= 1 && n <= size(), "n must be in [1, %s], got %s", size(), n);
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return subset(rows);
    }

    /**
     * A random split into training and test rows (not stratified): {@code round(testFraction · n)} rows, drawn
     * uniformly without replacement, go to the test part; each part is in shuffled order.
     *
     * @param testFraction in (0, 1); both parts must receive at least one row
     * @param seed the seed of the shuffle: the same seed gives the same split
     */
    public Split split(double testFraction, long seed) {
        checkArgument(testFraction > 0 && testFraction < 1, "testFraction must be in (0, 1), got %s",
                testFraction);
        int n = size();
        int testSize = (int) Math.round(testFraction * n);
        checkArgument(testSize >= 1 && testSize <= n - 1,
                "testFraction %s of %s rows leaves an empty part (test size %s)", testFraction, n, testSize);
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Dataset test = subset(Arrays.copyOfRange(order, 0, testSize));
        return new Split(subset(Arrays.copyOfRange(order, testSize, n)), test);
    }

    /** Each feature centred and scaled to unit (population) standard deviation, using this data's statistics. */
    public Dataset standardized() {
        return standardizedBy(this);
    }

    /**
     * Each feature centred and scaled by the column means and standard deviations of {@code reference} (e.g.
     * the training part, applied to the test part). Columns whose deviation is below
     * {@link #MIN_STANDARD_DEVIATION} are only centred.
     *
     * @param reference a data set with the same number of features
     */
    public Dataset standardizedBy(Dataset reference) {
        checkNotNull(reference, "reference");
        checkArgument(reference.numFeatures() == numFeatures(),
                "reference must have %s features, got %s", numFeatures(), reference.numFeatures());
        INDArray x = reference.features.castTo(DataType.DOUBLE);
        INDArray mean = x.mean(0).reshape(1, numFeatures());
        INDArray std = x.std(false, 0).reshape(1, numFeatures());
        double[] s = std.toDoubleVector();
        for (int j = 0; j < s.length; j++) {
            s[j] = s[j] < MIN_STANDARD_DEVIATION ? 1 : s[j];
        }
        INDArray scale = Nd4j.createFromArray(s).reshape(1, numFeatures());
        INDArray standardized = features.castTo(DataType.DOUBLE).subRowVector(mean).diviRowVector(scale);
        return new Dataset(standardized, labels, numClasses, classNames, name);
    }

    /** The same rows under another name. */
    public Dataset withName(String newName) {
        return new Dataset(features, labels, numClasses, classNames, newName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset other && numClasses == other.numClasses && name.equals(other.name)
                && classNames.equals(other.classNames) && Arrays.equals(labels, other.labels)
                && features.equals(other.features);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(labels)) + numClasses;
    }

    @Override
    public String toString() {
        return String.format("Dataset[%s: %d x %d, %d classes]", name, size(), numFeatures(), numClasses);
    }

    /**
     * A training part and a test part.
     *
     * @param train the rows to train on
     * @param test the rows held out for evaluation
     */
    public record Split(Dataset train, Dataset test) {

        /** Checks presence and matching features. */
        public Split {
            checkNotNull(train, "train");
            checkNotNull(test, "test");
            checkArgument(train.numFeatures() == test.numFeatures(),
                    "train and test must have the same number of features, got %s and %s", train.numFeatures(),
                    test.numFeatures());
        }

        /** Both parts standardized with the training part's column statistics. */
        public Split standardized() {
            return new Split(train.standardized(), test.standardizedBy(train));
        }
    }
}
