package org.distill4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DatasetTest {

    private static Dataset small() {
        INDArray x = Nd4j.createFromArray(new double[][] {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {8, 9}});
        return new Dataset(x, new int[] {0, 1, 0, 1, 1}, 2, List.of("a", "b"), "small");
    }

    @Test
    void keepsItsOwnFloatCopies() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
        int[] labels = {0, 1};
        Dataset data = new Dataset(x, labels, 2, List.of("a", "b"), "d");
        x.assign(-1);
        labels[0] = 1;
        assertThat(data.features().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(data.features().getDouble(0, 0)).isEqualTo(1.0);
        assertThat(data.label(0)).isZero();
        data.features().assign(7);
        data.labels()[1] = 0;
        assertThat(data.features().getDouble(1, 1)).isEqualTo(4.0);
        assertThat(data.label(1)).isEqualTo(1);
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.numFeatures()).isEqualTo(2);
    }

    @Test
    void validatesItsParts() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        assertThatThrownBy(() -> new Dataset(x, new int[] {0}, 2, List.of("a", "b"), "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels must have one entry");
        assertThatThrownBy(() -> new Dataset(x, new int[] {0, 2}, 2, List.of("a", "b"), "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels[1] must be in [0, 2)");
        assertThatThrownBy(() -> new Dataset(x, new int[] {0, 1}, 2, List.of("a"), "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classNames");
        assertThatThrownBy(() -> new Dataset(Nd4j.createFromArray(1f, 2f), new int[] {0, 1}, 2, List.of("a", "b"),
                "d")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n >= 1, d >= 1]");
        INDArray nan = Nd4j.createFromArray(new float[][] {{1, Float.NaN}});
        assertThatThrownBy(() -> new Dataset(nan, new int[] {0}, 1, List.of("a"), "d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> new Dataset(x, new int[] {0, 1}, 2, List.of("a", "b"), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("name");
    }

    @Test
    void subsetAndHead() {
        Dataset data = small();
        Dataset sub = data.subset(new int[] {4, 0, 4});
        assertThat(sub.size()).isEqualTo(3);
        assertThat(sub.labels()).containsExactly(1, 0, 1);
        assertThat(sub.features().getRow(0).toDoubleVector()).containsExactly(8, 9);
        assertThat(data.head(2).labels()).containsExactly(0, 1);
        assertThat(data.head(2).features().getRow(1).toDoubleVector()).containsExactly(2, 3);
        assertThatThrownBy(() -> data.subset(new int[] {5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows[0] must be in [0, 5)");
        assertThatThrownBy(() -> data.head(6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be in [1, 5]");
    }

    @Test
    void splitPartitionsRowsReproducibly() {
        Dataset digits = EmbeddedDatasets.digits();
        Dataset.Split split = digits.split(0.2, 42);
        assertThat(split.test().size()).isEqualTo(359);
        assertThat(split.train().size()).isEqualTo(1797 - 359);
        Set<String> rows = new HashSet<>();
        for (Dataset part : List.of(split.train(), split.test())) {
            INDArray x = part.features();
            for (int i = 0; i < part.size(); i++) {
                rows.add(java.util.Arrays.toString(x.getRow(i).toFloatVector()) + part.label(i));
            }
        }
        Set<String> original = new HashSet<>();
        INDArray x = digits.features();
        for (int i = 0; i < digits.size(); i++) {
            original.add(java.util.Arrays.toString(x.getRow(i).toFloatVector()) + digits.label(i));
        }
        assertThat(rows).isEqualTo(original);
        assertThat(digits.split(0.2, 42)).isEqualTo(split);
        assertThat(digits.split(0.2, 43).test()).isNotEqualTo(split.test());
        assertThatThrownBy(() -> small().split(0.01, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty part");
        assertThatThrownBy(() -> small().split(1.0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("testFraction must be in (0, 1)");
    }

    @Test
    void standardizationUsesTheReferenceStatistics() {
        Dataset.Split split = EmbeddedDatasets.wine().split(0.3, 7).standardized();
        INDArray train = split.train().features().castTo(DataType.DOUBLE);
        for (int j = 0; j < 13; j++) {
            assertThat(train.getColumn(j).meanNumber().doubleValue()).isCloseTo(0, within(1e-5));
            assertThat(train.getColumn(j).stdNumber().doubleValue()).isCloseTo(1, within(1e-2));
        }
        // The test part is scaled by the training statistics, so its means are not exactly 0.
        double testMean = split.test().features().getColumn(12).meanNumber().doubleValue();
        assertThat(testMean).isNotCloseTo(0, within(1e-6)).isBetween(-1.0, 1.0);
        // A constant column is centred, not divided by zero.
        INDArray x = Nd4j.createFromArray(new float[][] {{3, 1}, {3, 2}});
        Dataset constant = new Dataset(x, new int[] {0, 0}, 1, List.of("a"), "c").standardized();
        assertThat(constant.features().getColumn(0).toDoubleVector()).containsExactly(0, 0);
    }

    @Test
    void valueEquality() {
        assertThat(small()).isEqualTo(small()).hasSameHashCodeAs(small());
        assertThat(small().withName("other")).isNotEqualTo(small());
        assertThat(small().toString()).contains("small", "5 x 2", "2 classes");
    }
}
