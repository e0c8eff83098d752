package org.distill4j.generative.nade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.SplittableRandom;
import org.distill4j.core.transfer.TransferBatch;
import org.distill4j.core.transfer.TransferSource;
import org.distill4j.generative.math.LogMath;
import org.distill4j.generative.testing.TinyNadeFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NadeSourceTest {

    @Test
    void epochsAreFreshBinarySamplesThatReplayFromTheSeed() {
        Nade nade = TinyNadeFixtures.random(5, 3, null, DataType.FLOAT, 1);
        TransferSource source = NadeSource.of(nade, 25);
        Iterator<TransferBatch> a = source.epoch(10, new SplittableRandom(4));
        Iterator<TransferBatch> b = source.epoch(10, new SplittableRandom(4));
        int rows = 0;
        while (a.hasNext()) {
            INDArray x = a.next().inputs();
            assertThat(x).isEqualTo(b.next().inputs());
            assertThat(LogMath.isBinary(x)).isTrue();
            rows += x.rows();
        }
        assertThat(rows).isEqualTo(25);
        assertThat(source.epoch(25, new SplittableRandom(5)).next().inputs())
                .isNotEqualTo(source.epoch(25, new SplittableRandom(4)).next().inputs());
    }

    @Test
    void binarizesAtTheThreshold() {
        INDArray x = Nd4j.createFromArray(new float[][] {{0.2f, 0.5f, 0.51f, 1f}});
        assertThat(NadeSource.binarize(x, 0.5).toFloatVector()).containsExactly(0, 0, 1, 1);
        assertThatThrownBy(() -> NadeSource.of(TinyNadeFixtures.random(2, 2, null, DataType.FLOAT, 1), 0))
                .hasMessageContaining("epochSize");
    }
}
