package org.distill4j.generative.nade;

import java.util.SplittableRandom;
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
 * ({@code O(nH)} per position, six ops on buffers allocated once per chunk). The logits are kept, so the exact
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
        INDArray h = Nd4j.create(type, m, p.hidden);
        INDArray logits = Nd4j.create(type, p.visible, m);
        INDArray probabilities = Nd4j.create(type, 1, m);
        try (Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed)) {
            for (int d = 0; d < p.visible; d++) {
                Nd4j.getExecutioner().exec(new Sigmoid(a, h));
                INDArray logit = logits.getRow(d, true);
                Nd4j.gemm(p.v.getRow(d, true), h, logit, false, true, 1.0, 0.0);
                logit.addi(bias[d]);
                Nd4j.getExecutioner().exec(new Sigmoid(logit, probabilities));
                INDArray x = xT.getRow(d, true);
                Nd4j.getExecutioner().exec(new BernoulliDistribution(x, probabilities), random);
                if (d + 1 < p.visible) {
                    Nd4j.gemm(x, p.wt.getRow(d, true), a, true, false, 1.0, 1.0);
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
