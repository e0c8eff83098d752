package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SamplingListener#logging(int)}: SLF4J progress lines. Stateless apart from its period; thread-safe. */
final class LoggingSamplingListener implements SamplingListener {

    private static final Logger LOG = LoggerFactory.getLogger(ChainRunner.class);

    private final int every;

    LoggingSamplingListener(int every) {
        checkArgument(every >= 1, "every must be >= 1, got %s", every);
        this.every = every;
    }

    @Override
    public void onStart(int chain, long iterations) {
        LOG.info("chain {}: {} iterations", chain, iterations);
    }

    @Override
    public void onProgress(int chain, long iteration, long iterations, ChainStats stats) {
        if (iteration % every == 0) {
            if (stats == null) {
                LOG.info("chain {}: {}/{}", chain, iteration, iterations);
            } else {
                LOG.info("chain {}: {}/{}, accept {}, step {}, divergences {}", chain, iteration, iterations,
                        String.format("%.3f", stats.acceptanceRate()), String.format("%.4g", stats.stepSize()),
                        stats.divergences());
            }
        }
    }

    @Override
    public void onEnd(int chain, ChainStats stats) {
        LOG.info("chain {} done: {}", chain, stats);
    }
}
