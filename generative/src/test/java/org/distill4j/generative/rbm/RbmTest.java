package org.distill4j.generative.rbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RbmTest {

    private static final long SEED = 1510_02437L;

    @Test
    void unnormalizedLogDensityIsTheLogOfTheJointSummedOverHiddenStates() {
        Rbm rbm = TinyRbmFixtures.random(4, 3, 1.0, SEED, DataType.DOUBLE);
        double[][] w = rbm.weights().toDoubleMatrix();
        double[] b = rbm.visibleBias().toDoubleVector();
        double[] c = rbm.hiddenBias().toDoubleVector();
        INDArray states = TinyRbmFixtures.allVisibleStates(4);
        double[] logp = rbm.unnormalizedLogDensity(states).toDoubleVector();
        double[] free = rbm.freeEnergy(states).toDoubleVector();
        for (int s = 0; s < 16; s++) {
            double sum = 0;
            for (int hs = 0; hs < 8; hs++) {
                double e = 0;
                for (int i = 0; i < 4; i++) {
                    int vi = (s >> i) & 1;
                    e += vi * b[i];
                    for (int j = 0; j < 3; j++) {
                        e += vi * ((hs >> j) & 1) * w[i][j];
                    }
                }
                for (int j = 0; j < 3; j++) {
                    e += ((hs >> j) & 1) * c[j];
                }
                sum += Math.exp(e);
            }
            assertThat(logp[s]).as("state %s", s).isCloseTo(Math.log(sum), within(1e-12));
            assertThat(free[s]).isCloseTo(-logp[s], within(1e-12));
        }
    }

    @Test
    void floatModelAgreesWithDoubleAndReturnsDouble() {
        Rbm d = TinyRbmFixtures.random(6, 5, 1.0, SEED, DataType.DOUBLE);
        Rbm f = d.castTo(DataType.FLOAT);
        INDArray states = TinyRbmFixtures.allVisibleStates(6);
        INDArray lf = f.unnormalizedLogDensity(states.castTo(DataType.FLOAT));
        assertThat(lf.dataType()).isEqualTo(DataType.DOUBLE);
        double[] a = lf.toDoubleVector();
        double[] e = d.unnormalizedLogDensity(states).toDoubleVector();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(e[i], within(1e-4));
        }
    }

    @Test
    void hugePreActivationsDoNotOverflow() {
        INDArray w = Nd4j.create(new float[] {500f, -500f, 300f, 200f}, new long[] {2, 2}, 'c');
        Rbm rbm = Rbm.of(w, Nd4j.zeros(DataType.FLOAT, 2), Nd4j.zeros(DataType.FLOAT, 2));
        double[] logp = rbm.unnormalizedLogDensity(Nd4j.createFromArray(new float[][] {{1, 1}, {1, 0}, {0, 0}}))
                .toDoubleVector();
        assertThat(logp[0]).isCloseTo(800 + Math.log1p(Math.exp(-300)), within(1e-3));
        assertThat(logp[1]).isCloseTo(500, within(1e-3));
        assertThat(logp[2]).isCloseTo(2 * Math.log(2), within(1e-6));
    }

    @Test
    void conditionalsAreSigmoidsOfTheAffineMaps() {
        Rbm rbm = TinyRbmFixtures.random(3, 2, 1.0, SEED, DataType.DOUBLE);
        double[][] w = rbm.weights().toDoubleMatrix();
        double[] b = rbm.visibleBias().toDoubleVector();
        double[] c = rbm.hiddenBias().toDoubleVector();
        INDArray v = Nd4j.createFromArray(new double[][] {{1, 0, 1}});
        INDArray h = Nd4j.createFromArray(new double[][] {{0, 1}});
        double[] ph = rbm.hiddenProbabilities(v).toDoubleVector();
        double[] pv = rbm.visibleProbabilities(h).toDoubleVector();
        for (int j = 0; j < 2; j++) {
            assertThat(ph[j]).isCloseTo(1 / (1 + Math.exp(-(c[j] + w[0][j] + w[2][j]))), within(1e-12));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(pv[i]).isCloseTo(1 / (1 + Math.exp(-(b[i] + w[i][1]))), within(1e-12));
        }
    }

    @Test
    void argumentsAreNotModifiedAndResultsAreNew() {
        Rbm rbm = TinyRbmFixtures.random(3, 2, 1.0, SEED, DataType.FLOAT);
        INDArray v = Nd4j.createFromArray(new float[][] {{1, 0, 1}, {0, 0, 1}});
        INDArray before = v.dup();
        rbm.unnormalizedLogDensity(v);
        rbm.hiddenProbabilities(v);
        assertThat(v).isEqualTo(before);
        INDArray w = rbm.weights();
        w.addi(1);
        assertThat(rbm.weights()).isNotEqualTo(w);
    }

    @Test
    void rejectsInconsistentShapesNaNAndMixedTypes() {
        INDArray w = Nd4j.zeros(DataType.FLOAT, 4, 3);
        assertThatThrownBy(() -> Rbm.of(w, Nd4j.zeros(DataType.FLOAT, 3), Nd4j.zeros(DataType.FLOAT, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visibleBias")
                .hasMessageContaining("[4, 3]").hasMessageContaining("4 values");
        assertThatThrownBy(() -> Rbm.of(w, Nd4j.zeros(DataType.FLOAT, 4), Nd4j.zeros(DataType.FLOAT, 4)))
                .hasMessageContaining("hiddenBias").hasMessageContaining("3 values");
        assertThatThrownBy(() -> Rbm.of(w, Nd4j.zeros(DataType.DOUBLE, 4), Nd4j.zeros(DataType.FLOAT, 3)))
                .hasMessageContaining("FLOAT").hasMessageContaining("DOUBLE");
        INDArray nan = Nd4j.zeros(DataType.FLOAT, 4, 3);
        nan.putScalar(2, 1, Float.NaN);
        assertThatThrownBy(() -> Rbm.of(nan, Nd4j.zeros(DataType.FLOAT, 4), Nd4j.zeros(DataType.FLOAT, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights must be finite")
                .hasMessageContaining("row 2, column 1");
    }

    @Test
    void rejectsNonBinaryAndMisshapenInputs() {
        Rbm rbm = TinyRbmFixtures.random(3, 2, 1.0, SEED, DataType.FLOAT);
        assertThatThrownBy(() -> rbm.unnormalizedLogDensity(Nd4j.createFromArray(new float[][] {{1, 0.5f, 0}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary")
                .hasMessageContaining("0.5").hasMessageContaining("column 1");
        assertThatThrownBy(() -> rbm.unnormalizedLogDensity(Nd4j.zeros(DataType.FLOAT, 2, 4)))
                .hasMessageContaining("[n, 3]").hasMessageContaining("[2, 4]");
        assertThatThrownBy(() -> rbm.freeEnergy(Nd4j.createFromArray(new float[][] {{1, Float.NaN, 0}})))
                .hasMessageContaining("binary");
    }

    @Test
    void baseRateModelHasTheClippedMeansAsMarginals() {
        Rbm base = Rbm.baseRate(new double[] {0.0, 0.25, 1.0}, 2, 1e-3, DataType.DOUBLE);
        double[] p = base.visibleProbabilities(Nd4j.zeros(DataType.DOUBLE, 1, 2)).toDoubleVector();
        assertThat(p[0]).isCloseTo(1e-3, within(1e-12));
        assertThat(p[1]).isCloseTo(0.25, within(1e-12));
        assertThat(p[2]).isCloseTo(1 - 1e-3, within(1e-12));
    }

    @Test
    void equalityIsExact() {
        Rbm a = TinyRbmFixtures.random(3, 2, 1.0, SEED, DataType.DOUBLE);
        Rbm b = TinyRbmFixtures.random(3, 2, 1.0, SEED, DataType.DOUBLE);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        INDArray w = a.weights();
        w.putScalar(0, 0, w.getDouble(0, 0) + 1e-12);
        assertThat(Rbm.of(w, a.visibleBias(), a.hiddenBias())).isNotEqualTo(a);
    }
}
