package org.distill4j.generative.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LogMathTest {

    @Test
    void softplusIsExactEverywhereInBothTypes() {
        double[] x = {-800, -50, -1, 0, 1e-8, 3, 50, 100, 800};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.createFromArray(x).castTo(type);
            double[] sp = LogMath.softplusInPlace(a, a.ulike()).toDoubleVector();
            for (int i = 0; i < x.length; i++) {
                double expected = Math.max(x[i], 0) + Math.log1p(Math.exp(-Math.abs(x[i])));
                double tol = type == DataType.FLOAT ? 1e-6 * Math.max(1, Math.abs(expected)) : 1e-12;
                assertThat(sp[i]).as("softplus(%s) in %s", x[i], type).isCloseTo(expected, within(tol));
            }
        }
    }

    @Test
    void logSumExpAndMeanAreStable() {
        assertThat(LogMath.logSumExp(new double[] {1000, 1000})).isCloseTo(1000 + Math.log(2), within(1e-12));
        assertThat(LogMath.logSumExp(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}))
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogMath.logSumExp(new double[] {0, Double.NaN})).isNaN();
        assertThat(LogMath.logMeanExp(new double[] {-1000, -1000, -1000})).isCloseTo(-1000, within(1e-12));
        assertThatThrownBy(() -> LogMath.logMeanExp(new double[0])).hasMessageContaining("empty");
    }

    @Test
    void effectiveSampleSizeAndStandardError() {
        assertThat(LogMath.effectiveSampleSize(new double[] {5, 5, 5, 5})).isCloseTo(4, within(1e-12));
        assertThat(LogMath.effectiveSampleSize(new double[] {0, -1000, -1000})).isCloseTo(1, within(1e-9));
        assertThat(LogMath.logMeanExpStandardError(new double[] {3, 3, 3})).isCloseTo(0, within(1e-15));
        // weights 1 and 3: mean 2, sd sqrt(2), se of log mean = sqrt(2) / (sqrt(2) * 2) = 0.5
        assertThat(LogMath.logMeanExpStandardError(new double[] {0, Math.log(3)})).isCloseTo(0.5, within(1e-12));
        assertThatThrownBy(() -> LogMath.effectiveSampleSize(new double[] {Double.NEGATIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all -Infinity");
        assertThatThrownBy(() -> LogMath.effectiveSampleSize(new double[] {0, Double.NaN}))
                .hasMessageContaining("NaN");
    }

    @Test
    void binaryChecks() {
        assertThat(LogMath.isBinary(Nd4j.createFromArray(new float[][] {{0, 1}, {1, 1}}))).isTrue();
        assertThat(LogMath.isBinary(Nd4j.createFromArray(new float[][] {{0, 1}, {-1, 1}}))).isFalse();
        assertThat(LogMath.isBinary(Nd4j.createFromArray(new double[][] {{0, Double.NaN}}))).isFalse();
        INDArray big = Nd4j.zeros(DataType.FLOAT, 3000, 784);
        assertThat(LogMath.isBinary(big)).isTrue();
        big.putScalar(2999, 783, 0.5f);
        assertThat(LogMath.isBinary(big)).isFalse();
        assertThatThrownBy(() -> LogMath.checkBinary(big, "pixels")).hasMessageContaining("pixels must be binary")
                .hasMessageContaining("row 2999, column 783");
        assertThat(LogMath.isFinite(Nd4j.createFromArray(1.0, Double.POSITIVE_INFINITY))).isFalse();
    }
}
