package org.distill4j.generative.nade;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a {@link Nade} to binary data by maximum likelihood (minibatch gradient steps on the mean negative
 * log-likelihood), as {@code shared/bench/nade.py}. Each epoch visits the rows in a new random order; the same
 * configuration and data give the same NADE.
 *
 * <p>Thread-safe: a trainer holds only its configuration; each call has its own {@link NadeTraining}. The data
 * are never modified.
 */
public final class NadeTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(NadeTrainer.class);

    private final NadeTrainingConfig config;

    /** @param config how to train */
    public NadeTrainer(NadeTrainingConfig config) {
        this.config = checkNotNull(config, "config");
    }

    /** The configuration. */
    public NadeTrainingConfig config() {
        return config;
    }

    /**
     * Trains a new NADE on {@code data}.
     *
     * @param data {@code [n, D]} binary, n ≥ 1; not modified
     * @throws IllegalArgumentException if the data are not a non-empty binary matrix
     */
    public Nade train(INDArray data) {
        checkNotNull(data, "data");
        checkArgument(data.rank() == 2 && data.rows() >= 1 && data.columns() >= 1,
                "data must be [n, D] with n, D >= 1, got shape %s", Arrays.toString(data.shape()));
        SplittableRandom root = new SplittableRandom(config.seed());
        Nade start = Nade.initialize((int) data.columns(), config.hiddenUnits(), config.ordering(),
                config.initialStd(), config.dataType(), root.nextLong()).withBlockSize(config.blockSize());
        return run(start, data, root);
    }

    /**
     * Continues training {@code start} (not modified) on {@code data}.
     *
     * @param data {@code [n, D]} binary with D = {@code start.visibleSize()}; not modified
     */
    public Nade train(Nade start, INDArray data) {
        checkNotNull(start, "start");
        checkNotNull(data, "data");
        SplittableRandom root = new SplittableRandom(config.seed());
        root.nextLong();
        return run(start.castTo(config.dataType()).withBlockSize(config.blockSize()), data, root);
    }

    private Nade run(Nade start, INDArray data, SplittableRandom root) {
        INDArray x = start.checkInputs(data, "data");
        NadeTraining training = new NadeTraining(start, config.updater());
        int n = (int) x.rows();
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long t0 = System.nanoTime();
            shuffle(rows, root.split());
            training.setEpoch(epoch);
            double sum = 0;
            for (int from = 0; from < n; from += config.batchSize()) {
                int to = Math.min(n, from + config.batchSize());
                INDArray batch = Nd4j.pullRows(x, 1, Arrays.copyOfRange(rows, from, to));
                double loss = training.step(batch);
                checkArgument(Double.isFinite(loss), "training diverged at epoch %s, rows %s..%s: loss %s",
                        (Integer) epoch, (Integer) from, (Integer) to, (Double) loss);
                sum += loss * (to - from);
            }
            LOG.info("NADE epoch {}/{}: mean NLL {} nats, {} ms", epoch + 1, config.epochs(),
                    String.format("%.3f", sum / n), (System.nanoTime() - t0) / 1_000_000);
        }
        return training.snapshot();
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
