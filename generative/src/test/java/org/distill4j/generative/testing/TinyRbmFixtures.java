package org.distill4j.generative.testing;

import java.util.SplittableRandom;
import org.distill4j.generative.math.LogMath;
import org.distill4j.generative.rbm.Rbm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small random RBMs and brute-force references for tests (plain Java loops over every state, in double). */
public final class TinyRbmFixtures {

    private TinyRbmFixtures() {
    }

    /** An RBM with weights N(0, scale²) and biases N(0, scale²/4), drawn from {@code seed}. */
    public static Rbm random(int visible, int hidden, double scale, long seed, DataType type) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[visible * hidden];
        for (int i = 0; i < w.length; i++) {
            w[i] = scale * rng.nextGaussian();
        }
        double[] b = new double[visible];
        for (int i = 0; i < visible; i++) {
            b[i] = 0.5 * scale * rng.nextGaussian();
        }
        double[] c = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            c[j] = 0.5 * scale * rng.nextGaussian();
        }
        return Rbm.of(Nd4j.create(w, new long[] {visible, hidden}, type), Nd4j.createFromArray(b).castTo(type),
                Nd4j.createFromArray(c).castTo(type));
    }

    /** log Z by summing e^{−E(v,h)} over every joint state of both layers. */
    public static double bruteForceLogZ(Rbm rbm) {
        int v = rbm.visibleSize();
        int h = rbm.hiddenSize();
        double[][] w = rbm.weights().castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] b = rbm.visibleBias().castTo(DataType.DOUBLE).toDoubleVector();
        double[] c = rbm.hiddenBias().castTo(DataType.DOUBLE).toDoubleVector();
        double[] terms = new double[1 << (v + h)];
        for (int s = 0; s < terms.length; s++) {
            double negEnergy = 0;
            for (int i = 0; i < v; i++) {
                if (((s >> i) & 1) == 1) {
                    negEnergy += b[i];
                    for (int j = 0; j < h; j++) {
                        if (((s >> (v + j)) & 1) == 1) {
                            negEnergy += w[i][j];
                        }
                    }
                }
            }
            for (int j = 0; j < h; j++) {
                if (((s >> (v + j)) & 1) == 1) {
                    negEnergy += c[j];
                }
            }
            terms[s] = negEnergy;
        }
        return LogMath.logSumExp(terms);
    }

    /** Every visible state, [2^V, V] DOUBLE, row r holding the bits of r (bit i in column i). */
    public static INDArray allVisibleStates(int visible) {
        double[] bits = new double[(1 << visible) * visible];
        for (int r = 0; r < (1 << visible); r++) {
            for (int i = 0; i < visible; i++) {
                bits[r * visible + i] = (r >> i) & 1;
            }
        }
        return Nd4j.create(bits, new long[] {1 << visible, visible}, DataType.DOUBLE);
    }

    /** The index of a binary row: bit i is column i. */
    public static int stateIndex(double[] row) {
        int s = 0;
        for (int i = 0; i < row.length; i++) {
            if (row[i] != 0) {
                s |= 1 << i;
            }
        }
        return s;
    }

    /** The exact p(v) of every visible state, in the order of {@link #allVisibleStates}, by brute force. */
    public static double[] exactVisibleProbabilities(Rbm rbm) {
        INDArray states = allVisibleStates(rbm.visibleSize());
        double[] logp = rbm.unnormalizedLogDensity(states).toDoubleVector();
        double logZ = bruteForceLogZ(rbm);
        double[] p = new double[logp.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logp[i] - logZ);
        }
        return p;
    }

    /** Total variation distance between an empirical histogram of rows and a distribution over states. */
    public static double totalVariation(INDArray samples, double[] p) {
        double[] counts = new double[p.length];
        double[][] rows = samples.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (double[] row : rows) {
            counts[stateIndex(row)]++;
        }
        double tv = 0;
        for (int i = 0; i < p.length; i++) {
            tv += Math.abs(counts[i] / rows.length - p[i]);
        }
        return tv / 2;
    }
}
