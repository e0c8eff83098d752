package org.distill4j.bayes.sampler;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs several chains for a {@link RunConfig}: warm-up discarded, every {@code thin}-th later state kept, chains
 * in parallel threads when asked. Each chain owns its random generator (its config's seed), so the draws do not
 * depend on the number of threads: the same chains give the same {@link Samples}. Stateless; thread-safe.
 */
public final class ChainRunner {

    private ChainRunner() {
    }

    /**
     * Runs chains made by {@code factory} for indices {@code 0 … chains−1} (give each its own seed, e.g.
     * {@code seed + c}).
     */
    public static Samples run(IntFunction<? extends MarkovChain> factory, int chains, RunConfig config) {
        checkNotNull(factory, "factory");
        checkArgument(chains >= 1, "chains must be >= 1, got %s", chains);
        List<MarkovChain> list = new ArrayList<>(chains);
        for (int c = 0; c < chains; c++) {
            list.add(checkNotNull(factory.apply(c), "factory returned null for chain %s", c));
        }
        return run(list, config);
    }

    /**
     * Runs the given chains (advancing them: they are used, not copied).
     *
     * @param chains at least one chain, all of the same dimension, distinct objects
     * @param config warm-up, draws, thinning, threads, listener
     * @return the kept draws and each chain's statistics
     */
    public static Samples run(List<? extends MarkovChain> chains, RunConfig config) {
        checkNotNull(chains, "chains");
        checkNotNull(config, "config");
        checkArgument(!chains.isEmpty(), "chains must not be empty");
        int d = chains.get(0).dimension();
        for (int c = 0; c < chains.size(); c++) {
            checkArgument(chains.get(c).dimension() == d, "chain %s has dimension %s, chain 0 has %s", c,
                    chains.get(c).dimension(), d);
            checkArgument(chains.indexOf(chains.get(c)) == c, "chain %s appears twice", c);
        }
        double[][][] draws = new double[chains.size()][][];
        int threads = Math.min(config.threads(), chains.size());
        if (threads == 1) {
            for (int c = 0; c < chains.size(); c++) {
                draws[c] = runOne(c, chains.get(c), config);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<double[][]>> futures = new ArrayList<>();
                for (int c = 0; c < chains.size(); c++) {
                    int index = c;
                    futures.add(pool.submit(() -> runOne(index, chains.get(index), config)));
                }
                for (int c = 0; c < chains.size(); c++) {
                    draws[c] = futures.get(c).get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sampling", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("a chain failed", cause);
            } finally {
                pool.shutdownNow();
            }
        }
        List<ChainStats> stats = new ArrayList<>();
        for (MarkovChain chain : chains) {
            stats.add(chain instanceof ReportingChain r ? r.stats() : null);
        }
        return new Samples(draws, stats);
    }

    private static double[][] runOne(int index, MarkovChain chain, RunConfig config) {
        long total = config.warmup() + (long) config.draws() * config.thin();
        SamplingListener listener = config.listener();
        listener.onStart(index, total);
        double[][] kept = new double[config.draws()][];
        long it = 0;
        for (int i = 0; i < config.warmup(); i++) {
            advance(chain);
            it = progress(index, ++it, total, chain, config);
        }
        for (int k = 0; k < config.draws(); k++) {
            for (int t = 1; t < config.thin(); t++) {
                advance(chain);
                it = progress(index, ++it, total, chain, config);
            }
            kept[k] = chain.next();
            it = progress(index, ++it, total, chain, config);
        }
        listener.onEnd(index, chain instanceof ReportingChain r ? r.stats() : null);
        return kept;
    }

    private static void advance(MarkovChain chain) {
        if (chain instanceof Hmc hmc) {
            hmc.step();
        } else {
            chain.next();
        }
    }

    private static long progress(int index, long it, long total, MarkovChain chain, RunConfig config) {
        if (it % config.progressEvery() == 0) {
            config.listener().onProgress(index, it, total, chain instanceof ReportingChain r ? r.stats() : null);
        }
        return it;
    }
}
