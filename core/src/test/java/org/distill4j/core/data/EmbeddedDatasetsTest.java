package org.distill4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Expected values read off the files in shared/data (first and last CSV lines; numpy.bincount of labels). */
class EmbeddedDatasetsTest {

    private static void assertRow(Dataset data, int row, double... expected) {
        float[] actual = data.features().getRow(row).toFloatVector();
        assertThat(actual).hasSize(expected.length);
        for (int j = 0; j < expected.length; j++) {
            assertThat((double) actual[j]).as("%s row %s column %s", data.name(), row, j)
                    .isCloseTo(expected[j], within(1e-5 * Math.max(1, Math.abs(expected[j]))));
        }
    }

    @Test
    void iris() {
        Dataset iris = EmbeddedDatasets.iris();
        assertThat(iris.size()).isEqualTo(150);
        assertThat(iris.numFeatures()).isEqualTo(4);
        assertThat(iris.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(iris.classCounts()).containsExactly(50, 50, 50);
        assertThat(iris.features().dataType()).isEqualTo(DataType.FLOAT);
        assertRow(iris, 0, 5.1, 3.5, 1.4, 0.2);
        assertRow(iris, 149, 5.9, 3.0, 5.1, 1.8);
        assertThat(iris.label(0)).isZero();
        assertThat(iris.label(149)).isEqualTo(2);
        assertThat(iris.features().sumNumber().doubleValue()).isCloseTo(2078.7, within(1e-2));
    }

    @Test
    void wine() {
        Dataset wine = EmbeddedDatasets.wine();
        assertThat(wine.size()).isEqualTo(178);
        assertThat(wine.numFeatures()).isEqualTo(13);
        assertThat(wine.classNames()).containsExactly("class_0", "class_1", "class_2");
        assertThat(wine.classCounts()).containsExactly(59, 71, 48);
        assertRow(wine, 0, 14.23, 1.71, 2.43, 15.6, 127, 2.8, 3.06, 0.28, 2.29, 5.64, 1.04, 3.92, 1065);
        assertThat(wine.label(177)).isEqualTo(2);
    }

    @Test
    void breastCancer() {
        Dataset cancer = EmbeddedDatasets.breastCancer();
        assertThat(cancer.size()).isEqualTo(569);
        assertThat(cancer.numFeatures()).isEqualTo(30);
        assertThat(cancer.classNames()).containsExactly("malignant", "benign");
        assertThat(cancer.classCounts()).containsExactly(212, 357);
        assertRow(cancer, 0, 17.99, 10.38, 122.8, 1001, 0.1184, 0.2776, 0.3001, 0.1471, 0.2419, 0.07871, 1.095,
                0.9053, 8.589, 153.4, 0.006399, 0.04904, 0.05373, 0.01587, 0.03003, 0.006193, 25.38, 17.33, 184.6,
                2019, 0.1622, 0.6656, 0.7119, 0.2654, 0.4601, 0.1189);
        assertThat(cancer.label(0)).isZero();
        assertThat(cancer.label(568)).isEqualTo(1);
    }

    @Test
    void digitsAreScaledToTheUnitInterval() {
        Dataset digits = EmbeddedDatasets.digits();
        assertThat(digits.size()).isEqualTo(1797);
        assertThat(digits.numFeatures()).isEqualTo(64);
        assertThat(digits.numClasses()).isEqualTo(10);
        assertThat(digits.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(digits.classCounts()).containsExactly(178, 182, 177, 183, 181, 182, 181, 179, 174, 180);
        double[] first = {0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12,
            0, 0, 8, 8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13,
            10, 0, 0, 0};
        for (int j = 0; j < first.length; j++) {
            first[j] /= 16;
        }
        assertRow(digits, 0, first);
        assertThat(digits.label(0)).isZero();
        assertThat(digits.label(1796)).isEqualTo(8);
        INDArray x = digits.features();
        assertThat(x.minNumber().doubleValue()).isZero();
        assertThat(x.maxNumber().doubleValue()).isEqualTo(1.0);
        assertThat(x.sumNumber().doubleValue()).isCloseTo(35107.375, within(1e-2));
    }

    @Test
    void fashionMnistSubsets() {
        Dataset train = EmbeddedDatasets.fashionMnistTrainSubset();
        assertThat(train.size()).isEqualTo(EmbeddedDatasets.FASHION_MNIST_TRAIN_SUBSET_SIZE).isEqualTo(3000);
        assertThat(train.numFeatures()).isEqualTo(784);
        assertThat(train.classNames()).isEqualTo(IdxReader.FASHION_MNIST_CLASS_NAMES).hasSize(10);
        // First labels and the pixel sum of image 0, read with Python's gzip from train-*-ubyte.gz.
        assertThat(train.labels()).startsWith(9, 0, 0, 3, 0, 2, 7, 2, 5, 5);
        assertThat(train.features().getRow(0).sumNumber().doubleValue()).isCloseTo(76247 / 255.0, within(1e-3));
        assertThat(train.features().maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);

        Dataset test = EmbeddedDatasets.fashionMnistTestSubset();
        assertThat(test.size()).isEqualTo(1000);
        assertThat(test.labels()).startsWith(9, 2, 1, 1, 6, 1, 4, 6, 5, 7);
        assertThat(test.features().getRow(0).sumNumber().doubleValue()).isCloseTo(33456 / 255.0, within(1e-3));
        assertThat(test.name()).isEqualTo("fashion-mnist-test-1000");
    }

    @Test
    void eachCallReturnsAnIndependentCopy() {
        Dataset a = EmbeddedDatasets.iris();
        INDArray features = a.features();
        features.assign(0);
        assertThat(EmbeddedDatasets.iris()).isEqualTo(a);
        assertThat(a.features().sumNumber().doubleValue()).isGreaterThan(0);
    }
}
