package org.distill4j.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RowsTest {

    @Test
    void gathersLikePullRowsForEveryLayoutAndType() {
        int[] rows = {4, 0, 4, 2};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.INT}) {
            INDArray source = Nd4j.arange(30).castTo(type).reshape('c', 6, 5);
            INDArray before = source.dup();
            for (INDArray s : new INDArray[] {source, source.dup('f'), source.get(
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 6),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4))}) {
                INDArray expected = Nd4j.pullRows(s, 1, rows).reshape(rows.length, s.columns());
                assertThat(Rows.gather(s, rows)).as("%s %s", type, s.ordering()).isEqualTo(expected);
            }
            assertThat(source).isEqualTo(before);
        }
    }

    @Test
    void rejectsRowsOutOfRangeAndNonMatrices() {
        INDArray m = Nd4j.ones(DataType.FLOAT, 3, 2);
        assertThatThrownBy(() -> Rows.gather(m, new int[] {3})).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Rows.gather(m, new int[] {-1})).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Rows.gather(Nd4j.ones(3), new int[] {0})).hasMessageContaining("matrix");
    }
}
