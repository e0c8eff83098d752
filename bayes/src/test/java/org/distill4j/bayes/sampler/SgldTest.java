package org.distill4j.bayes.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill4j.bayes.diagnostics.EffectiveSampleSize;
import org.distill4j.bayes.model.BayesianLinearRegression;
import org.distill4j.bayes.model.MinibatchLogDensity;
import org.junit.jupiter.api.Test;

/** SGLD: close to the conjugate posterior for a small step; divergences; schedule; seeds; bad configuration. */
class SgldTest {

    private static final long SEED = 3L;

    @Test
    void smallStepSgldApproachesTheExactPosterior() {
        BayesianLinearRegression model = TargetFixtures.linearRegression(SEED);
        double[] mean = model.posteriorMean();
        double[][] cov = model.posteriorCovariance();
        Samples samples = ChainRunner.run(c -> new Sgld(model, new double[3],
                SgldConfig.builder().constantStepSize(5e-4).batchSize(10).seed(SEED + c).build()), 2,
                RunConfig.builder().warmup(2000).draws(20000).build());
        for (int j = 0; j < 3; j++) {
            double[][] x = samples.parameter(j);
            double sd = Math.sqrt(cov[j][j]);
            double mcse = sd / Math.sqrt(EffectiveSampleSize.multiChain(x));
            // SGLD with a constant step is biased by O(ε); allow a quarter of a posterior sd besides MC error.
            assertThat(samples.mean()[j]).as("θ%s", j).isCloseTo(mean[j], within(0.25 * sd + 4.5 * mcse));
            assertThat(samples.summary().get(j).sd() / sd).as("sd ratio θ%s", j).isBetween(0.7, 1.5);
        }
        assertThat(samples.divergences()).isZero();
    }

    @Test
    void scheduleDecays() {
        SgldConfig c = SgldConfig.builder().schedule(0.1, 10, 0.55).build();
        assertThat(c.stepSize(0)).isCloseTo(0.1 * Math.pow(10, -0.55), within(1e-15));
        assertThat(c.stepSize(1000)).isLessThan(c.stepSize(10));
        assertThat(SgldConfig.builder().constantStepSize(0.01).build().stepSize(12345)).isEqualTo(0.01);
    }

    @Test
    void nonFiniteGradientIsADivergenceAndTheStateIsKept() {
        BayesianLinearRegression base = TargetFixtures.linearRegression(SEED);
        MinibatchLogDensity broken = new MinibatchLogDensity() {
            @Override
            public int dataSize() {
                return base.dataSize();
            }

            @Override
            public double logDensity(double[] theta, int[] rows, double[] gradient) {
                double lp = base.logDensity(theta, rows, gradient);
                if (rows[0] % 2 == 0) {
                    gradient[1] = Double.POSITIVE_INFINITY;
                }
                return lp;
            }

            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public double logDensity(double[] theta, double[] gradient) {
                return base.logDensity(theta, gradient);
            }
        };
        Sgld sgld = new Sgld(broken, new double[3], SgldConfig.builder().constantStepSize(1e-3).batchSize(1)
                .seed(SEED).build());
        double[] previous = sgld.state();
        long kept = 0;
        for (int i = 0; i < 200; i++) {
            double[] next = sgld.next();
            assertThat(java.util.Arrays.stream(next).allMatch(Double::isFinite)).isTrue();
            if (java.util.Arrays.equals(next, previous)) {
                kept++;
            }
            previous = next;
        }
        assertThat(sgld.stats().divergences()).isBetween(50L, 150L).isEqualTo(kept);
        assertThat(sgld.stats().acceptanceRate()).isCloseTo(1 - kept / 200.0, within(1e-12));
    }

    @Test
    void sameSeedSameChain() {
        BayesianLinearRegression model = TargetFixtures.linearRegression(SEED);
        SgldConfig config = SgldConfig.builder().constantStepSize(1e-3).batchSize(7).seed(1).build();
        Sgld a = new Sgld(model, new double[3], config);
        Sgld b = new Sgld(model, new double[3], config);
        for (int i = 0; i < 50; i++) {
            assertThat(b.next()).containsExactly(a.next());
        }
        Sgld c = new Sgld(model, new double[3], SgldConfig.builder().constantStepSize(1e-3).batchSize(7).seed(2)
                .build());
        assertThat(c.next()).isNotEqualTo(new Sgld(model, new double[3], config).next());
    }

    @Test
    void rejectsBadConfigurationAndStart() {
        assertThatThrownBy(() -> SgldConfig.builder().constantStepSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step size");
        assertThatThrownBy(() -> SgldConfig.builder().schedule(-1, 1, 0.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step size");
        assertThatThrownBy(() -> SgldConfig.builder().schedule(1, 1, 1.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma");
        assertThatThrownBy(() -> SgldConfig.builder().batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        BayesianLinearRegression model = TargetFixtures.linearRegression(SEED);
        assertThatThrownBy(() -> new Sgld(model, new double[2], SgldConfig.builder().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 3, got 2");
        assertThatThrownBy(() -> new Sgld(model, new double[] {0, Double.NaN, 0}, SgldConfig.builder().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial[1]");
    }
}
