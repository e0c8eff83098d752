package org.distill4j.bayes.testing;

import java.util.SplittableRandom;

/** Seeded normal draws for tests. */
public final class Gaussians {

    private Gaussians() {
    }

    /** One standard normal draw (Box–Muller). */
    public static double standard(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
