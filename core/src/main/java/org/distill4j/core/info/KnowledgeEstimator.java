package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimates distillable knowledge Uni(Y:T\S) and distilled knowledge Red(Y:T,S) (P. Dissanayake et al., AISTATS
 * 2025, arXiv:2411.07483) from a teacher representation T {@code [n, dT]}, a student representation S
 * {@code [n, dS]} and class labels Y {@code [n]} of the same n samples, by one of two routes:
 * <ul>
 *   <li>{@link Route#DISCRETE}, the paper's: each representation's rows are L2-normalised, reduced by PCA to
 *       {@link Builder#components} components and clustered by k-means (seeded k-means++, best of
 *       {@link Builder#restarts}) into {@link Builder#clusters} symbols; the empirical table of (label, teacher
 *       cluster, student cluster) is decomposed by {@link BrojaPid}. The paper's code uses 5 components and 3 to
 *       20 clusters; the plug-in estimate is biased upwards when the table has many cells per sample.</li>
 *   <li>{@link Route#GAUSSIAN}: the same PCA scores and the one-hot labels (one column dropped) are treated as
 *       jointly Gaussian; a ridge of {@link Builder#ridge} times each block's mean variance is added to every
 *       variance, and {@link GaussianPid#mmi()} decomposes the covariance (exact for two classes, a scalar target;
 *       an upper bound on redundancy otherwise). The labels are not Gaussian, so these are Gaussian surrogates:
 *       they are not bounded by H(Y) (10 well-separated classes can show more than log2 10 bits) and are not on
 *       the discrete route's scale; use them to compare representations and to follow trends.</li>
 *   <li>{@link Route#GAUSSIAN_BROJA}: the same covariance decomposed by {@link GaussianBroja}, the BROJA value
 *       restricted to Gaussians, which unlike MMI does not overstate redundancy when the target (K − 1 one-hot
 *       columns) is a vector; slower (one small optimisation per bootstrap replicate).</li>
 * </ul>
 * The interval is a percentile bootstrap over samples (seeded): the discrete route resamples the (label, cluster,
 * cluster) triples with the clustering fixed, so it reflects sampling of the table, not the variability of the
 * clustering. Labels may be any integers; a single class (constant target) gives zero everywhere.
 *
 * <p>Immutable and thread-safe; inputs are never modified.
 */
public final class KnowledgeEstimator {

    /** How representations become a distribution. */
    public enum Route {
        /** L2-normalise, PCA, k-means, BROJA (the paper's route). */
        DISCRETE,
        /** PCA scores and one-hot labels as jointly Gaussian, MMI. */
        GAUSSIAN,
        /** As {@link #GAUSSIAN}, decomposed by {@link GaussianBroja} (the BROJA value restricted to Gaussians). */
        GAUSSIAN_BROJA
    }

    /** Default PCA components, as in the paper's code. */
    public static final int DEFAULT_COMPONENTS = 5;
    /** Default number of k-means clusters per representation. */
    public static final int DEFAULT_CLUSTERS = 10;
    /** Default bootstrap replicates. */
    public static final int DEFAULT_REPLICATES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeEstimator.class);
    private static final int KMEANS_ITERATIONS = 300;

    private final Builder config;

    private KnowledgeEstimator(Builder builder) {
        this.config = builder.copy();
    }

    /** A builder starting from the defaults (discrete route, 5 components, 10 clusters, 100 replicates). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this estimator's settings. */
    public Builder toBuilder() {
        return config.copy();
    }

    /** The route. */
    public Route route() {
        return config.route;
    }

    /**
     * Estimates the decomposition and its bootstrap intervals.
     *
     * @param teacher teacher representations {@code [n, dT]}, any floating dtype, finite
     * @param student student representations {@code [n, dS]}, finite
     * @param labels class labels, length n
     * @throws IllegalArgumentException if shapes disagree, a value is NaN or infinite, or (discrete route) there
     *     are fewer samples than clusters
     */
    public KnowledgeEstimate estimate(INDArray teacher, INDArray student, int[] labels) {
        checkNotNull(teacher, "teacher");
        checkNotNull(student, "student");
        checkNotNull(labels, "labels");
        checkArgument(teacher.rank() == 2, "teacher must be [n, dT], got shape %s", Arrays.toString(teacher.shape()));
        checkArgument(student.rank() == 2, "student must be [n, dS], got shape %s", Arrays.toString(student.shape()));
        int n = labels.length;
        checkArgument(teacher.rows() == n && student.rows() == n,
                "teacher, student and labels must have the same number of rows: teacher %s, student %s, labels [%s]",
                Arrays.toString(teacher.shape()), Arrays.toString(student.shape()), n);
        checkArgument(n >= 2, "need at least 2 samples, got %s", n);
        checkArgument(config.route != Route.DISCRETE || n >= config.clusters,
                "need at least clusters=%s samples for k-means, got %s", config.clusters, n);
        checkFinite(teacher, "teacher");
        checkFinite(student, "student");
        SplittableRandom root = new SplittableRandom(config.seed);
        SplittableRandom teacherRng = root.split();
        SplittableRandom studentRng = root.split();
        SplittableRandom bootstrapRng = root.split();
        Pca.Result t = Pca.reduce(teacher, config.components, true);
        Pca.Result s = Pca.reduce(student, config.components, true);
        double[] distillable = new double[config.replicates];
        double[] distilled = new double[config.replicates];
        PidAtoms atoms;
        if (config.route == Route.DISCRETE) {
            int[] tc = KMeans.cluster(t.scores(), config.clusters, config.restarts, KMEANS_ITERATIONS, teacherRng);
            int[] sc = KMeans.cluster(s.scores(), config.clusters, config.restarts, KMEANS_ITERATIONS, studentRng);
            atoms = config.solver.decompose(JointDistribution.fromSamples(labels, tc, sc));
            int[] by = new int[n];
            int[] bt = new int[n];
            int[] bs = new int[n];
            for (int b = 0; b < config.replicates; b++) {
                for (int i = 0; i < n; i++) {
                    int j = bootstrapRng.nextInt(n);
                    by[i] = labels[j];
                    bt[i] = tc[j];
                    bs[i] = sc[j];
                }
                PidAtoms replicate = config.solver.decompose(JointDistribution.fromSamples(by, bt, bs));
                distillable[b] = replicate.uniqueT();
                distilled[b] = replicate.redundancy();
            }
        } else {
            GaussianSamples samples = new GaussianSamples(labels, t, s, config.ridge,
                    config.route == Route.GAUSSIAN_BROJA);
            atoms = samples.decompose(null);
            int[] rows = new int[n];
            for (int b = 0; b < config.replicates; b++) {
                for (int i = 0; i < n; i++) {
                    rows[i] = bootstrapRng.nextInt(n);
                }
                PidAtoms replicate = samples.decompose(rows);
                distillable[b] = replicate.uniqueT();
                distilled[b] = replicate.redundancy();
            }
        }
        KnowledgeEstimate estimate = new KnowledgeEstimate(config.route, atoms, atoms.uniqueT(),
                interval(distillable, atoms.uniqueT()), atoms.redundancy(), interval(distilled, atoms.redundancy()),
                n, config.replicates, config.seed);
        LOG.debug("{} knowledge estimate on {} samples: distillable {} bits, distilled {} bits", config.route, n,
                estimate.distillable(), estimate.distilled());
        return estimate;
    }

    private KnowledgeEstimate.Interval interval(double[] replicates, double point) {
        if (replicates.length == 0) {
            return new KnowledgeEstimate.Interval(point, point, config.confidence);
        }
        double[] sorted = replicates.clone();
        Arrays.sort(sorted);
        double alpha = (1 - config.confidence) / 2;
        return new KnowledgeEstimate.Interval(quantile(sorted, alpha), quantile(sorted, 1 - alpha),
                config.confidence);
    }

    /** The linearly interpolated quantile of sorted values (type 7 of Hyndman and Fan, 1996). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /** One native reduction; the Java scan for the culprit runs only when the sum is not finite. */
    private static void checkFinite(INDArray x, String name) {
        if (x.length() == 0 || Double.isFinite(x.sumNumber().doubleValue())) {
            return;
        }
        double[][] values = x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[i].length; j++) {
                checkArgument(Double.isFinite(values[i][j]), "%s must be finite, got %s at row %s, column %s",
                        name, values[i][j], i, j);
            }
        }
        // every value is finite and only the sum overflowed
    }

    /** Builds a {@link KnowledgeEstimator}; validation in {@link #build()}. */
    public static final class Builder {
        private Route route = Route.DISCRETE;
        private int components = DEFAULT_COMPONENTS;
        private int clusters = DEFAULT_CLUSTERS;
        private int restarts = 3;
        private int replicates = DEFAULT_REPLICATES;
        private double confidence = 0.95;
        private double ridge = 1e-6;
        private long seed = 42;
        private BrojaPid solver = BrojaPid.withDefaults();

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.route = route;
            b.components = components;
            b.clusters = clusters;
            b.restarts = restarts;
            b.replicates = replicates;
            b.confidence = confidence;
            b.ridge = ridge;
            b.seed = seed;
            b.solver = solver;
            return b;
        }

        /** The route (default {@link Route#DISCRETE}). */
        public Builder route(Route value) {
            this.route = value;
            return this;
        }

        /** PCA components per representation, at least 1 (default 5). */
        public Builder components(int value) {
            this.components = value;
            return this;
        }

        /** k-means clusters per representation, at least 2 (default 10; discrete route). */
        public Builder clusters(int value) {
            this.clusters = value;
            return this;
        }

        /** k-means++ restarts, the best kept, at least 1 (default 3). */
        public Builder restarts(int value) {
            this.restarts = value;
            return this;
        }

        /** Bootstrap replicates, at least 0 (default 100; 0 skips the bootstrap). */
        public Builder replicates(int value) {
            this.replicates = value;
            return this;
        }

        /** The interval's confidence level in (0, 1) (default 0.95). */
        public Builder confidence(double value) {
            this.confidence = value;
            return this;
        }

        /** Relative ridge added to the variances on the Gaussian route, in [0, 1) (default 1e-6). */
        public Builder ridge(double value) {
            this.ridge = value;
            return this;
        }

        /** The seed of k-means and the bootstrap (default 42). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The BROJA solver of the discrete route (default {@link BrojaPid#withDefaults()}). */
        public Builder solver(BrojaPid value) {
            this.solver = value;
            return this;
        }

        /** Validates and builds. */
        public KnowledgeEstimator build() {
            checkNotNull(route, "route");
            checkNotNull(solver, "solver");
            checkArgument(components >= 1, "components must be >= 1, got %s", components);
            checkArgument(clusters >= 2, "clusters must be >= 2, got %s", clusters);
            checkArgument(restarts >= 1, "restarts must be >= 1, got %s", restarts);
            checkArgument(replicates >= 0, "replicates must be >= 0, got %s", replicates);
            checkArgument(confidence > 0 && confidence < 1, "confidence must be in (0, 1), got %s", confidence);
            checkArgument(ridge >= 0 && ridge < 1, "ridge must be in [0, 1), got %s", ridge);
            return new KnowledgeEstimator(this);
        }
    }
}
