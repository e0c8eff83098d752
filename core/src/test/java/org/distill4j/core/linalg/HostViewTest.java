package org.distill4j.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class HostViewTest {

    @Test
    void readsAndWritesInRowMajorOrderForBothDtypes() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = Nd4j.arange(12).castTo(type).reshape('c', 3, 4);
            HostView view = HostView.of(x);
            assertThat(view.length()).isEqualTo(12);
            assertThat(view.isFloat()).isEqualTo(type == DataType.FLOAT);
            assertThat(view.get(6)).isEqualTo(6.0); // row 1, column 2
            view.set(6, -1.5);
            assertThat(x.getDouble(1, 2)).isEqualTo(-1.5);
            double[] all = new double[12];
            view.read(all);
            all[11] = 42;
            view.write(all);
            assertThat(x.getDouble(2, 3)).isEqualTo(42.0);
        }
    }

    @Test
    void viewsOfRowBlocksStartAtTheirFirstElement() {
        INDArray whole = Nd4j.arange(24).castTo(DataType.FLOAT).reshape('c', 6, 4);
        INDArray rows = whole.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all());
        INDArray row = whole.getRow(5, true);
        assertThat(HostView.of(rows).get(0)).isEqualTo(8.0);
        assertThat(HostView.of(row).get(3)).isEqualTo(23.0);
        float[] copy = new float[8];
        HostView.of(rows).read(copy);
        assertThat(copy).containsExactly(8, 9, 10, 11, 12, 13, 14, 15);
        HostView.of(rows).set(7, 0);
        assertThat(whole.getDouble(3, 3)).isEqualTo(0.0);
        assertThat(whole.getDouble(4, 0)).isEqualTo(16.0);
    }

    @Test
    void refusesLayoutsItCannotReadInRowMajorOrder() {
        INDArray matrix = Nd4j.rand(DataType.FLOAT, 4, 3);
        assertThat(HostView.supports(matrix.dup('f'))).isFalse();
        assertThat(HostView.supports(matrix.transpose())).isFalse();
        assertThat(HostView.supports(matrix.get(NDArrayIndex.all(), NDArrayIndex.point(1)))).isFalse();
        assertThat(HostView.supports(Nd4j.ones(DataType.INT, 3))).isFalse();
        assertThatThrownBy(() -> HostView.of(matrix.transpose())).hasMessageContaining("dense C-ordered");
    }
}
