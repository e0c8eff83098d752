package org.distill4j.generative.nade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.distill4j.core.distill.RunState;
import org.distill4j.generative.testing.TinyNadeFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/** {@link NadeTraining#saveState()} / {@link NadeTraining#restoreState}: the checkpoint state of a NADE run. */
class NadeTrainingStateTest {

    private final Nade start = TinyNadeFixtures.random(6, 4, new int[] {5, 4, 3, 2, 1, 0}, DataType.FLOAT, 3)
            .withBlockSize(4);
    private final INDArray a = TinyNadeFixtures.randomBinary(8, 6, 1).castTo(DataType.FLOAT);
    private final INDArray b = TinyNadeFixtures.randomBinary(8, 6, 2).castTo(DataType.FLOAT);

    @Test
    void aRestoredRunContinuesExactlyAsTheOriginal() {
        NadeTraining original = new NadeTraining(start, new Adam(0.05));
        original.step(a);
        original.setEpoch(1);
        original.step(b);
        RunState state = original.saveState();
        assertThat(state.longField("iterations")).isEqualTo(2);
        assertThat(state.arrays()).containsKeys("parameters", "updater");
        NadeTraining restored = new NadeTraining(start, new Adam(0.05));
        restored.restoreState(state);
        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
        assertThat(restored.iterations()).isEqualTo(2);
        original.step(a);
        restored.step(a);
        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
    }

    @Test
    void aStateOfAnotherSizeIsRefusedAndChangesNothing() {
        RunState other = new NadeTraining(TinyNadeFixtures.random(5, 4, null, DataType.FLOAT, 1), new Adam(0.05))
                .saveState();
        NadeTraining training = new NadeTraining(start, new Adam(0.05));
        training.step(a);
        Nade before = training.snapshot();
        assertThatThrownBy(() -> training.restoreState(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameters");
        assertThat(training.snapshot()).isEqualTo(before);
        assertThat(training.iterations()).isEqualTo(1);
    }
}
