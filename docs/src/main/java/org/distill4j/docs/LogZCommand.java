package org.distill4j.docs;

import java.io.PrintStream;
import java.nio.file.Path;
import org.distill4j.core.Distillation;
import org.distill4j.core.distill.TrainingSettings;
import org.distill4j.core.transfer.TransferSources;
import org.distill4j.generative.ais.AisConfig;
import org.distill4j.generative.ais.AisResult;
import org.distill4j.generative.ais.AisSchedule;
import org.distill4j.generative.ais.AnnealedImportanceSampling;
import org.distill4j.generative.ais.BaseRateModel;
import org.distill4j.generative.distill.RbmNadeConfig;
import org.distill4j.generative.distill.RbmNadeDistiller;
import org.distill4j.generative.logz.BridgeSampling;
import org.distill4j.generative.logz.ExactLogZ;
import org.distill4j.generative.logz.ImportanceSampling;
import org.distill4j.generative.logz.LogZEstimate;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.rbm.GibbsChains;
import org.distill4j.generative.rbm.Rbm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@code logz --rbm DIR [--samples N]}: the log partition function of a user's RBM (a folder with {@code W.npy}
 * of shape visible × hidden, {@code b.npy}, {@code c.npy}, as NumPy writes them) three ways: exactly when a layer
 * has at most 25 units; by AIS (Salakhutdinov and Murray 2008: base-rate model fitted to samples of the RBM's own
 * Gibbs chains, their schedule, 100 runs); and by distilling the RBM into a NADE and using it as the proposal of
 * importance sampling and bridge sampling (Papamakarios 2015, ch. 4).
 *
 * <p>Options: {@code --samples} NADE samples for the estimators (10,000; 2,000 with {@code --quick}),
 * {@code --nade-hidden} (500), {@code --steps} NADE minibatches (2,000; 200), {@code --chains} (2,000),
 * {@code --burn-in} sweeps (200), {@code --ais-runs} (100), {@code --ais-coarsen} (1; 10), {@code --threads} (2),
 * {@code --seed} (0).
 */
final class LogZCommand {

    private LogZCommand() {
    }

    static Result run(Args args, PrintStream out) throws Exception {
        String folder = args.option("rbm", null);
        if (folder == null) {
            throw new IllegalArgumentException("logz needs --rbm DIR (a folder with W.npy [visible x hidden], b.npy "
                    + "and c.npy)");
        }
        boolean quick = args.flag("quick");
        int threads = args.intOption("threads", 2);
        Threads.limit(threads);
        long seed = args.intOption("seed", 0);
        int samples = args.intOption("samples", quick ? 2000 : 10_000);
        int nadeHidden = args.intOption("nade-hidden", 500);
        int steps = args.intOption("steps", quick ? 200 : 2000);
        int chains = args.intOption("chains", 2000);
        int burnIn = args.intOption("burn-in", 200);
        int batch = Math.min(100, chains);
        if (samples < 2 || steps < 1 || chains < 2 || burnIn < 0 || nadeHidden < 1) {
            throw new IllegalArgumentException("--samples and --chains must be >= 2, --steps and --nade-hidden >= 1, "
                    + "--burn-in >= 0");
        }
        Rbm rbm = Rbm.load(Path.of(folder));
        Console.progress("RBM %s: %d visible, %d hidden, %s", folder, rbm.visibleSize(), rbm.hiddenSize(),
                rbm.dataType());
        Result result = new Result().put("command", "logz").put("rbm", folder).put("visible", rbm.visibleSize())
                .put("hidden", rbm.hiddenSize()).put("threads", threads).put("seed", seed);

        Double exact = null;
        if (ExactLogZ.isTractable(rbm)) {
            long t0 = System.nanoTime();
            exact = ExactLogZ.of(rbm);
            Console.progress("exact log Z = %.4f (%.1f s)", exact, (System.nanoTime() - t0) / 1e9);
            result.put("exact_seconds", (System.nanoTime() - t0) / 1e9);
        } else {
            Console.progress("exact log Z: both layers have more than %d units; skipped",
                    ExactLogZ.MAX_ENUMERATED_UNITS);
        }
        result.put("exact_logz", exact);

        // the RBM's own samples stand in for data: the base rates of AIS and the chains' starting states
        Console.progress("%d Gibbs chains, %d burn-in sweeps", chains, burnIn);
        INDArray states = GibbsChains.fromBiases(rbm, chains, seed).sweep(burnIn).visible();
        int coarsen = args.intOption("ais-coarsen", quick ? 10 : 1);
        AisConfig ais = AisConfig.builder().runs(args.intOption("ais-runs", 100))
                .schedule(AisSchedule.salakhutdinovMurray(coarsen)).seed(seed + 1).build();
        AisResult a = AnnealedImportanceSampling.estimate(rbm, BaseRateModel.fit(states, BaseRateModel.DEFAULT_CLIP),
                ais);
        Console.progress("AIS: log Z = %.4f ± %.4f (%d runs, %d temperatures, %.1f s)", a.logZ(),
                a.standardError(), a.runs(), a.temperatures(), a.seconds());
        result.put("ais_logz", a.logZ()).put("ais_se", a.standardError()).put("ais_lower", a.lower())
                .put("ais_upper", a.upper()).put("ais_seconds", a.seconds()).put("ais_temperatures",
                        a.temperatures());

        long t0 = System.nanoTime();
        int epochs = Math.max(1, (int) Math.ceil(steps / (double) (chains / batch)));
        RbmNadeConfig config = RbmNadeConfig.builder()
                .training(TrainingSettings.builder().epochs(epochs).batchSize(batch).seed(seed + 2).heldOut(0, 0)
                        .build())
                .hiddenUnits(nadeHidden).updater(new Adam(1e-3)).chains(chains, 1, 0)
                .klEstimates(Math.max(1, steps / 10), 500).build();
        Console.progress("distilling into a NADE (H=%d): %d epochs of %d minibatches of %d", nadeHidden, epochs,
                chains / batch, batch);
        Distillation<Nade> distilled = new RbmNadeDistiller(config)
                .withListener(Console.epochs("NADE"))
                .distill(rbm, TransferSources.fixed(states));
        Nade nade = distilled.student();
        double distillSeconds = (System.nanoTime() - t0) / 1e9;
        LogZEstimate is = ImportanceSampling.estimate(rbm, nade, samples, seed + 3);
        Console.progress("NADE importance sampling: log Z = %.4f ± %.4f (ESS %.0f of %d)", is.logZ(),
                is.standardError(), is.effectiveSampleSize(), samples);
        int targetCount = Math.min(samples, chains);
        INDArray targets = GibbsChains.fromStates(rbm, nade.sample(targetCount, seed + 4), seed + 5).sweep(burnIn)
                .visible();
        LogZEstimate bridge = BridgeSampling.estimate(rbm, targets, nade, samples, seed + 6);
        Console.progress("NADE bridge sampling: log Z = %.4f ± %.4f", bridge.logZ(), bridge.standardError());
        double nadeSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf("log Z: exact %s, AIS %.4f ± %.4f, NADE IS %.4f ± %.4f, NADE bridge %.4f ± %.4f%n",
                exact == null ? "n/a" : String.format("%.4f", exact), a.logZ(), a.standardError(), is.logZ(),
                is.standardError(), bridge.logZ(), bridge.standardError());
        var losses = distilled.report().lossPerTerm();
        return result.put("nade_is_logz", is.logZ()).put("nade_is_se", is.standardError())
                .put("nade_is_ess", is.effectiveSampleSize()).put("nade_bridge_logz", bridge.logZ())
                .put("nade_bridge_se", bridge.standardError()).put("nade_seconds", nadeSeconds)
                .put("nade_distill_seconds", distillSeconds).put("nade_hidden", nadeHidden).put("nade_steps",
                        epochs * (chains / batch)).put("samples", samples)
                .put("nade_kl_rbm_nade", last(losses.get("kl_rbm_nade")))
                .put("nade_kl_nade_rbm", last(losses.get("kl_nade_rbm")))
                .put("ais_abs_err", exact == null ? null : Math.abs(a.logZ() - exact))
                .put("nade_is_abs_err", exact == null ? null : Math.abs(is.logZ() - exact))
                .put("nade_bridge_abs_err", exact == null ? null : Math.abs(bridge.logZ() - exact));
    }

    private static Double last(java.util.List<Double> values) {
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
