package org.distill4j.bayes.testing;

import java.util.SplittableRandom;
import org.distill4j.core.contract.ContractInputs;

/** Test fixture: seeded standard-normal parameter samples. */
public final class SampleFixtures {

    private SampleFixtures() {
    }

    /** {@code s} rows of {@code d} standard normal draws from {@code seed}. */
    public static double[][] gaussian(int s, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] out = new double[s][d];
        for (double[] row : out) {
            for (int j = 0; j < d; j++) {
                row[j] = ContractInputs.gaussian(rng);
            }
        }
        return out;
    }
}
