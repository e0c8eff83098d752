package org.distill4j.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Small real data sets shipped inside the distill4j-core jar, for tours, examples and tests. Each call reads
 * the resource afresh and returns a new {@link Dataset} (there is no cache). Attributions and licences are in
 * the project's NOTICE file:
 * <ul>
 *   <li>UCI optical handwritten digits (E. Alpaydin and C. Kaynak, 1998), 1,797 × 64 (8×8 images), 10 classes;
 *       CC BY 4.0;</li>
 *   <li>Breast Cancer Wisconsin (Diagnostic) (W. Wolberg, O. Mangasarian, N. Street and W. Street, 1995),
 *       569 × 30, classes malignant / benign; CC BY 4.0;</li>
 *   <li>UCI wine (S. Aeberhard and M. Forina, 1991), 178 × 13, 3 classes; CC BY 4.0;</li>
 *   <li>Fisher's iris (R. A. Fisher, 1936), 150 × 4, 3 classes; CC BY 4.0;</li>
 *   <li>Fashion-MNIST (H. Xiao, K. Rasul and R. Vollgraf, Zalando Research, 2017): the first 3,000 training and
 *       the first 1,000 test images, 28×28 grey, 10 classes; MIT licence.</li>
 * </ul>
 * The tabular features are as published (use {@link Dataset#standardized()} or
 * {@link Dataset.Split#standardized()} before training); digits and images are scaled to [0, 1]. Thread-safe.
 */
public final class EmbeddedDatasets {

    /** The number of Fashion-MNIST training images embedded (the first of the 60,000). */
    public static final int FASHION_MNIST_TRAIN_SUBSET_SIZE = 3000;

    /** The number of Fashion-MNIST test images embedded (the first of the 10,000). */
    public static final int FASHION_MNIST_TEST_SUBSET_SIZE = 1000;

    private EmbeddedDatasets() {
    }

    /**
     * The UCI optical handwritten digits as bundled with scikit-learn: 1,797 rows of 64 pixel counts in 0..16
     * (8×8 images, row-major), divided by 16 so that features lie in [0, 1]; classes {@code "0".."9"}.
     */
    public static Dataset digits() {
        Dataset raw = load("digits.csv.gz", in -> CsvReader.readPlain(in, resource("digits.csv.gz"), "digits",
                false, -1));
        return new Dataset(raw.features().divi(16), raw.labels(), raw.numClasses(), raw.classNames(), "digits");
    }

    /** Breast Cancer Wisconsin (Diagnostic): 569 × 30, classes {@code malignant} (0) and {@code benign} (1). */
    public static Dataset breastCancer() {
        return sklearn("breast_cancer.csv", "breast-cancer");
    }

    /** UCI wine: 178 × 13 chemical measurements, classes {@code class_0..class_2}. */
    public static Dataset wine() {
        return sklearn("wine_data.csv", "wine");
    }

    /** Fisher's iris: 150 × 4 measurements in cm, classes {@code setosa, versicolor, virginica}. */
    public static Dataset iris() {
        return sklearn("iris.csv", "iris");
    }

    /** The first 3,000 Fashion-MNIST training images, {@code [3000, 784]} in [0, 1], with their labels. */
    public static Dataset fashionMnistTrainSubset() {
        return fashion("train", FASHION_MNIST_TRAIN_SUBSET_SIZE, "fashion-mnist-train-3000");
    }

    /** The first 1,000 Fashion-MNIST test images, {@code [1000, 784]} in [0, 1], with their labels. */
    public static Dataset fashionMnistTestSubset() {
        return fashion("t10k", FASHION_MNIST_TEST_SUBSET_SIZE, "fashion-mnist-test-1000");
    }

    private static Dataset sklearn(String file, String name) {
        return load(file, in -> CsvReader.readSklearn(in, resource(file), name));
    }

    private static Dataset fashion(String prefix, int size, String name) {
        String images = "fashion-mnist-" + prefix + "-" + size + "-images-idx3-ubyte.gz";
        String labels = "fashion-mnist-" + prefix + "-" + size + "-labels-idx1-ubyte.gz";
        return load(images, imageStream -> load(labels, labelStream -> IdxReader.read(imageStream,
                resource(images), labelStream, resource(labels), name, IdxReader.FASHION_MNIST_CLASS_NAMES)));
    }

    private static String resource(String file) {
        return "classpath:org/distill4j/core/data/" + file;
    }

    private static <T> T load(String file, Parser<T> parser) {
        try (InputStream in = EmbeddedDatasets.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource(file)
                        + ": the distill4j-core jar is incomplete");
            }
            return parser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedded data set " + resource(file), e);
        }
    }

    /** Parses one resource stream. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(InputStream in) throws IOException;
    }
}
