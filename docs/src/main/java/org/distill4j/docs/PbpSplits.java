package org.distill4j.docs;

/**
 * The standard train/test splits of the UCI regression benchmarks of Hernández-Lobato &amp; Adams,
 * <i>Probabilistic Backpropagation for Scalable Learning of Bayesian Neural Networks</i>, ICML 2015 (PBP), whose
 * protocol Bayesian Dark Knowledge (Korattikara et al. 2015) and later papers (Gal &amp; Ghahramani's MC dropout,
 * 2016) follow on Boston housing: after {@code np.random.seed(1)}, split {@code i} (0-based, in order) is
 * {@code np.random.choice(range(n), n, replace=False)}, its first {@code round(0.9 n)} indices the training rows and
 * the rest the test rows (on Boston: 455 and 51).
 *
 * <p>Regenerated here bit for bit rather than copied: numpy's legacy {@code RandomState} is MT19937 seeded by
 * {@code init_genrand(seed)}; {@code choice} without replacement and without weights is
 * {@code permutation(n)[:size]}, and {@code permutation} is the Fisher–Yates shuffle of {@code arange(n)}: for
 * {@code i = n−1 .. 1}, {@code j = random_interval(i)}, swap {@code i} and {@code j}, where
 * {@code random_interval(max)} draws 32-bit outputs masked by the smallest all-ones mask ≥ {@code max} and rejects
 * values above {@code max}. The rows are indexed in the order of PBP's {@code boston_housing.txt}, which is the order
 * of scikit-learn's {@code boston_house_prices.csv} (checked value for value). Stateless; thread-safe.
 */
final class PbpSplits {

    /** The seed of PBP's split script. */
    static final long SEED = 1;

    private PbpSplits() {
    }

    /**
     * The first {@code count} split orders for {@code n} rows: row {@code k} of the result is a permutation of
     * {@code 0..n−1} whose first {@code round(0.9 n)} entries are split {@code k}'s training rows.
     */
    static int[][] orders(int n, int count) {
        if (n < 2 || count < 0) {
            throw new IllegalArgumentException("need n >= 2 and count >= 0, got n=" + n + ", count=" + count);
        }
        Mt19937 rng = new Mt19937(SEED);
        int[][] orders = new int[count][];
        for (int s = 0; s < count; s++) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = (int) rng.interval(i);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            orders[s] = order;
        }
        return orders;
    }

    /** The number of training rows of a split of {@code n} rows: {@code round(0.9 n)}, as numpy rounds it. */
    static int trainSize(int n) {
        return (int) Math.rint(0.9 * n);
    }

    /** The Mersenne Twister MT19937 of Matsumoto &amp; Nishimura (1998), 32-bit outputs, as numpy's legacy one. */
    static final class Mt19937 {
        private static final int N = 624;
        private static final int M = 397;
        private final int[] mt = new int[N];
        private int index;

        /** {@code init_genrand(seed)}: numpy's {@code np.random.seed(seed)} for {@code 0 ≤ seed < 2^32}. */
        Mt19937(long seed) {
            mt[0] = (int) seed;
            for (int i = 1; i < N; i++) {
                mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
            }
            index = N;
        }

        /** The next 32-bit output, as an unsigned value in {@code [0, 2^32)}. */
        long nextUnsigned() {
            if (index >= N) {
                twist();
            }
            int y = mt[index++];
            y ^= y >>> 11;
            y ^= (y << 7) & 0x9d2c5680;
            y ^= (y << 15) & 0xefc60000;
            y ^= y >>> 18;
            return y & 0xffffffffL;
        }

        /** A uniform integer in {@code [0, max]} by masked rejection, numpy's {@code random_interval}. */
        long interval(long max) {
            if (max == 0) {
                return 0;
            }
            if (max > 0xffffffffL) {
                throw new IllegalArgumentException("max must be < 2^32, got " + max);
            }
            long mask = max;
            mask |= mask >>> 1;
            mask |= mask >>> 2;
            mask |= mask >>> 4;
            mask |= mask >>> 8;
            mask |= mask >>> 16;
            long value;
            do {
                value = nextUnsigned() & mask;
            } while (value > max);
            return value;
        }

        private void twist() {
            for (int i = 0; i < N; i++) {
                int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
                int next = mt[(i + M) % N] ^ (y >>> 1);
                mt[i] = (y & 1) == 0 ? next : next ^ 0x9908b0df;
            }
            index = 0;
        }
    }
}
