package org.distill4j.generative.nade;

import java.util.SplittableRandom;
import org.distill4j.core.linalg.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Ancestral sampling of a NADE, vectorised over samples: for each position {@code d} in the model's order,
 * {@code p = σ(b_d + V_d · σ(a))}, {@code x_d ~ Bernoulli(p)}, then the rank-1 update {@code a += x_d Wt_d}
 * ({@code O(nH)} per position, on buffers allocated once per chunk). The sigmoid is recomputed only for the samples
 * whose previous variable is 1 (the others' {@code a} did not change). The logits are kept, so the exact
 * log-probabilities of the samples come out with them.
 */
final class NadeSampler {

    /** Samples per chunk, bounding the {@code [n, H]} buffers. */
    static final int CHUNK = 1024;

    private NadeSampler() {
    }

    static NadeSamples sample(NadeParameters p, int[] ordering, int n, long seed) {
        DataType type = p.flat.dataType();
        INDArray out = Nd4j.create(type, n, p.visible);
        double[] logq = new double[n];
        SplittableRandom seeds = new SplittableRandom(seed);
        double[] bias = p.b.castTo(DataType.DOUBLE).toDoubleVector();
        int[] inverse = null;
        if (ordering != null) {
            inverse = new int[ordering.length];
            for (int d = 0; d < ordering.length; d++) {
                inverse[ordering[d]] = d;
            }
        }
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            INDArray xT = Nd4j.create(type, p.visible, m);
            double[] chunkLogq = chunk(p, bias, xT, seeds.nextLong());
            System.arraycopy(chunkLogq, 0, logq, from, m);
            INDArray natural = inverse == null ? xT : Nd4j.pullRows(xT, 1, inverse);
            out.get(NDArrayIndex.interval(from, from + m), NDArrayIndex.all()).assign(natural.transpose());
        }
        return new NadeSamples(out, logq);
    }

    /** Fills {@code xT} ([D, m], model order) with samples and returns their log-probabilities. */
    private static double[] chunk(NadeParameters p, double[] bias, INDArray xT, long seed) {
        DataType type = xT.dataType();
        int m = (int) xT.columns();
        INDArray a = Nd4j.create(type, m, p.hidden).addiRowVector(p.c);
        // h = σ(a) lives in the first m rows of one of two buffers; the rest holds freshly computed rows
        INDArray[] buffers = {Nd4j.create(type, 2L * m, p.hidden), Nd4j.create(type, 2L * m, p.hidden)};
        int current = 0;
        INDArray h = NadeParameters.rows(buffers[0], 0, m);
        INDArray logits = Nd4j.create(type, p.visible, m);
        INDArray probabilities = Nd4j.create(type, 1, m);
        try (Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed)) {
            for (int d = 0; d < p.visible; d++) {
                if (d == 0) {
                    Nd4j.getExecutioner().exec(new Sigmoid(a, h));
                } else {
                    // only the samples whose previous variable is 1 have a new a: recompute their rows only
                    double[] previous = xT.getRow(d - 1).toDoubleVector();
                    int[] changed = new int[m];
                    int n = 0;
                    for (int r = 0; r < m; r++) {
                        if (previous[r] != 0) {
                            changed[n++] = r;
                        }
                    }
                    if (n > m * 3 / 4) {
                        Nd4j.getExecutioner().exec(new Sigmoid(a, h));
                    } else if (n > 0) {
                        INDArray buffer = buffers[current];
                        INDArray fresh = NadeParameters.rows(buffer, m, n);
                        Nd4j.pullRows(a, fresh, 1, java.util.Arrays.copyOf(changed, n));
                        Nd4j.getExecutioner().exec(new Sigmoid(fresh, fresh));
                        int[] source = new int[m];
                        for (int r = 0; r < m; r++) {
                            source[r] = r;
                        }
                        for (int i = 0; i < n; i++) {
                            source[changed[i]] = m + i;
                        }
                        current = 1 - current;
                        INDArray next = NadeParameters.rows(buffers[current], 0, m);
                        Nd4j.pullRows(NadeParameters.rows(buffer, 0, m + n), next, 1, source);
                        h = next;
                    }
                }
                INDArray logit = logits.getRow(d, true);
                Gemm.gemm(p.v.getRow(d, true), h, logit, false, true, 1.0, 0.0);
                logit.addi(bias[d]);
                Nd4j.getExecutioner().exec(new Sigmoid(logit, probabilities));
                INDArray x = xT.getRow(d, true);
                Nd4j.getExecutioner().exec(new BernoulliDistribution(x, probabilities), random);
                if (d + 1 < p.visible) {
                    Gemm.gemm(x, p.wt.getRow(d, true), a, true, false, 1.0, 1.0);
                }
            }
        } catch (Exception e) {
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("closing the sampling random generator failed", e);
        }
        return NadeEngine.logProbabilities(xT, logits, logits.ulike(), logits.ulike());
    }
}
