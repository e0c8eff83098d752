package org.distill4j.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class FiniteTest {

    @Test
    void findsNanAndInfinityAndIsNotFooledByHugeFiniteValues() {
        assertThat(Finite.check(Nd4j.rand(DataType.FLOAT, 3, 4))).isTrue();
        assertThat(Finite.check(Nd4j.create(new float[] {1, Float.NaN, 2}))).isFalse();
        assertThat(Finite.check(Nd4j.create(new double[] {1, Double.NEGATIVE_INFINITY}))).isFalse();
        // the sum of absolute values overflows, yet every value is finite
        assertThat(Finite.check(Nd4j.valueArrayOf(new long[] {4, 4}, Float.MAX_VALUE, DataType.FLOAT))).isTrue();
        // a strided view takes the exact path
        assertThat(Finite.check(Nd4j.rand(DataType.DOUBLE, 4, 4).transpose())).isTrue();
        assertThat(Finite.check(Nd4j.create(DataType.FLOAT, 0, 3))).isTrue();
        assertThat(Finite.check(Nd4j.createFromArray(1, 2, 3))).isTrue();
    }
}
