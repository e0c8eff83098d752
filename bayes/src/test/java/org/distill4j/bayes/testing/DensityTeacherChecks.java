package org.distill4j.bayes.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.distill4j.core.DensityTeacher;
import org.distill4j.core.contract.ContractInputs;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a {@link DensityTeacher} must do (core has no contract for this family; these are the analogous checks of
 * its ConditionalTeacherContract): one log-density per row in a new caller-owned array; inputs left alone; rows
 * answered independently of the batch; seeded sampling of the right shape; null, empty, wrongly shaped and
 * non-finite inputs rejected with a message that says what is wrong.
 *
 * @param <T> the density under test
 */
public abstract class DensityTeacherChecks<T extends DensityTeacher> {

    /** The seed of the generated inputs. */
    protected static final long SEED = 1510_02437L;

    /** A new density to test. */
    protected abstract T newDensity();

    private INDArray inputs(T density, int n) {
        return ContractInputs.gaussian(n, density.inputSize(), SEED, DataType.DOUBLE).mul(3);
    }

    @Test
    void answersOneFiniteLogDensityPerRowInANewArray() {
        T density = newDensity();
        INDArray x = inputs(density, 7);
        INDArray before = x.dup();
        INDArray logp = density.unnormalizedLogDensity(x);
        assertThat(logp.length()).isEqualTo(7);
        assertThat(java.util.Arrays.stream(logp.toDoubleVector()).allMatch(Double::isFinite)).isTrue();
        assertThat(x).as("inputs after unnormalizedLogDensity").isEqualTo(before);
        double[] expected = logp.toDoubleVector();
        logp.assign(-1);
        assertThat(density.unnormalizedLogDensity(x).toDoubleVector()).containsExactly(expected);
    }

    @Test
    void rowsAreAnsweredIndependentlyOfTheBatch() {
        T density = newDensity();
        INDArray x = inputs(density, 5);
        double[] all = density.unnormalizedLogDensity(x).toDoubleVector();
        for (int r = 0; r < 5; r++) {
            assertThat(density.unnormalizedLogDensity(x.getRows(r)).getDouble(0)).as("row %s alone", r)
                    .isEqualTo(all[r]);
        }
        assertThat(density.unnormalizedLogDensity(x.castTo(DataType.FLOAT)).toDoubleVector()).hasSize(5);
        assertThat(density.unnormalizedLogDensity(x.dup('f')).toDoubleVector()).containsExactly(all);
    }

    @Test
    void samplingIsSeededAndShaped() {
        T density = newDensity();
        INDArray a = density.sample(50, SEED);
        assertThat(a.shape()).containsExactly(50, density.inputSize());
        assertThat(density.sample(50, SEED)).isEqualTo(a);
        assertThat(density.sample(50, SEED + 1)).isNotEqualTo(a);
        assertThat(java.util.Arrays.stream(a.toDoubleVector()).allMatch(Double::isFinite)).isTrue();
        assertThatThrownBy(() -> density.sample(0, SEED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n");
    }

    @Test
    void rejectsNullEmptyWronglyShapedAndNonFiniteInputs() {
        T density = newDensity();
        int d = density.inputSize();
        assertThatThrownBy(() -> density.unnormalizedLogDensity(null))
                .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
        assertThatThrownBy(() -> density.unnormalizedLogDensity(Nd4j.create(DataType.DOUBLE, 0, d)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> density.unnormalizedLogDensity(Nd4j.create(DataType.DOUBLE, 3, d + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(d + 1));
        assertThatThrownBy(() -> density.unnormalizedLogDensity(Nd4j.create(DataType.DOUBLE, 3)))
                .isInstanceOf(IllegalArgumentException.class);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            INDArray x = inputs(density, 3);
            x.putScalar(1, 0, bad);
            assertThatThrownBy(() -> density.unnormalizedLogDensity(x)).as("an input %s", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
        }
    }
}
