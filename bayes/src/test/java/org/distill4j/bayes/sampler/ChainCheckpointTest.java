package org.distill4j.bayes.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import org.distill4j.bayes.model.BayesianLinearRegression;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.random.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints of the samplers (their {@link SplitMix64} streams are tested in core): a chain
 * restored from a mid-run state — in warm-up, while the step size and the mass matrix adapt, or mid-epoch for
 * SGLD — makes exactly the transitions of the chain that was saved.
 */
class ChainCheckpointTest {

    private static void assertResumesIdentically(Supplier<CheckpointableChain> factory, int before, int after) {
        CheckpointableChain original = factory.get();
        for (int i = 0; i < before; i++) {
            original.next();
        }
        RunState saved = original.saveState();
        double[][] expected = new double[after][];
        for (int i = 0; i < after; i++) {
            expected[i] = original.next();
        }
        CheckpointableChain restored = factory.get();
        restored.next(); // a fresh chain that moved: the restore must replace all of it
        restored.restoreState(saved);
        for (int i = 0; i < after; i++) {
            assertThat(restored.next()).as("transition %s after the restore", i).isEqualTo(expected[i]);
        }
        if (original instanceof ReportingChain r) {
            assertThat(((ReportingChain) restored).stats()).isEqualTo(r.stats());
        }
    }

    @Test
    void hmcResumesMidWarmUpWithItsAdaptationState() {
        BayesianLinearRegression model = TargetFixtures.linearRegression(3);
        HmcConfig config = HmcConfig.builder().leapfrogSteps(5).stepSize(0.05).warmup(160).seed(5).build();
        // 90 transitions: past the initial buffer, inside the first mass-matrix window, step size adapting
        assertResumesIdentically(() -> new Hmc(model, new double[3], config), 90, 120);
    }

    @Test
    void sgldResumesMidEpochWithItsPermutation() {
        BayesianLinearRegression model = TargetFixtures.linearRegression(4);
        SgldConfig config = SgldConfig.builder().schedule(1e-3, 10, 0.55).batchSize(7).seed(6).build();
        assertResumesIdentically(() -> new Sgld(model, new double[3], config), 13, 40);
    }

    @Test
    void sliceSamplerResumes() {
        var target = TargetFixtures.gaussian(new double[] {1, -2}, 0.7);
        SliceConfig config = SliceConfig.builder().width(1.0).seed(7).build();
        assertResumesIdentically(() -> new SliceSampler(target, new double[2], config), 25, 25);
    }

    @Test
    void refusesAnotherSamplersOrDimensionsState() {
        var target = TargetFixtures.gaussian(new double[] {1, -2}, 0.7);
        SliceSampler slice = new SliceSampler(target, new double[2], SliceConfig.builder().seed(7).build());
        Hmc hmc = new Hmc(target, new double[2], HmcConfig.builder().seed(1).build());
        assertThatThrownBy(() -> hmc.restoreState(slice.saveState())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SliceSampler");
        var wider = TargetFixtures.gaussian(new double[] {1, -2, 3}, 0.7);
        SliceSampler three = new SliceSampler(wider, new double[3], SliceConfig.builder().seed(7).build());
        assertThatThrownBy(() -> three.restoreState(slice.saveState()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 2");
    }
}
