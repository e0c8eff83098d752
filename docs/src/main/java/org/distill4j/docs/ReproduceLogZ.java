package org.distill4j.docs;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.Distillation;
import org.distill4j.core.data.Dataset;
import org.distill4j.core.data.EmbeddedDatasets;
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
import org.distill4j.generative.rbm.RbmTrainer;
import org.distill4j.generative.rbm.RbmTrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * {@code reproduce logz}: Papamakarios 2015 (arXiv:1510.02437), ch. 4, on binarized Fashion-MNIST (the embedded
 * UCI digits, 8×8, under {@code --quick}). Two RBMs are trained by CD-1: a small one (20 hidden units, so that
 * {@code log Z} is exact by enumeration) and a large one (500 hidden units; 100 under {@code --quick}). For each,
 * {@code log Z} is estimated by AIS (Salakhutdinov and Murray 2008: base-rate model fitted to the training data,
 * their schedule, 100 runs) and by a NADE distilled from the RBM ({@link RbmNadeDistiller}) used as the proposal of
 * importance sampling and of bridge sampling; the test log-likelihoods of the RBM and of the NADE are reported.
 *
 * <p>The equal-time comparison on the small RBM ({@link LogZTimeCurve}): the RMS absolute error of AIS (100 runs,
 * the schedule coarsened 300× … 1×) and of NADE importance sampling (100 samples, 300, 1,000, … up to the first
 * count whose estimate takes as long as AIS's longest) against the exact {@code log Z}, each point over at least
 * {@code --repeats} independent estimates, against the mean wall time of one estimate, as a log-log PNG under
 * {@code docs/figures/}. {@code goal_equal_time} follows {@link LogZTimeCurve#compare}, and
 * {@code equal_time_worst_ratio} says by how much it holds or fails. The NADE's distillation time is <em>not</em>
 * in its times; it is reported separately ({@code nade_distill_seconds_h20}) and drawn as a third curve.
 *
 * <p>Options (full; {@code --quick}): {@code --threads} (2), {@code --seed} (0), {@code --data}, {@code --hidden}
 * (500; 100), {@code --rbm-epochs-small} (10; 30), {@code --rbm-epochs} (3; 20), {@code --rbm-lr} (0.02),
 * {@code --nade-hidden-small} (100; 50), {@code --nade-hidden} (500; 100), {@code --steps-small} / {@code --steps}
 * NADE minibatches (4,000 / 1,500; 300 / 300), {@code --chains} (1,000), {@code --samples} (10,000; 2,000),
 * {@code --nade-lr} (2e-3), {@code --nade-lr-final} (1e-4), {@code --log-density-weight} (0), {@code --repeats}
 * (5, at least, per curve point), {@code --only} ({@code all}, {@code h20} or {@code large}), {@code --figure}
 * (docs/figures/logz-equal-time[-quick].png).
 */
final class ReproduceLogZ {

    private static final int BATCH = 100;

    private ReproduceLogZ() {
    }

    static Result run(Args args, PrintStream out) throws Exception {
        boolean quick = args.flag("quick");
        int threads = args.intOption("threads", 2);
        Threads.limit(threads);
        long seed = args.intOption("seed", 0);
        long start = System.nanoTime();
        INDArray train;
        INDArray test;
        String dataName;
        if (quick) {
            Dataset.Split split = EmbeddedDatasets.digits().split(0.2, seed);
            train = BenchGenerative.binarize(split.train());
            test = BenchGenerative.binarize(split.test());
            dataName = "digits (8x8, binarized at 0.5)";
        } else {
            Path folder = FashionMnist.folder(args);
            train = BenchGenerative.binarize(FashionMnist.train(folder));
            test = BenchGenerative.binarize(FashionMnist.test(folder));
            dataName = "Fashion-MNIST (binarized at 0.5)";
        }
        int samples = args.intOption("samples", quick ? 2000 : 10_000);
        int chains = Math.min(args.intOption("chains", 1000), (int) train.rows());
        int largeHidden = args.intOption("hidden", quick ? 100 : 500);
        Console.progress("reproduce logz on %s: %d train, %d test, %d visible", dataName, train.rows(), test.rows(),
                train.columns());
        Result result = new Result().put("reproduce", "logz").put("quick", quick).put("data", dataName)
                .put("threads", threads).put("seed", seed).put("visible", train.columns())
                .put("hidden_large", largeHidden).put("samples", samples).put("chains", chains);
        BaseRateModel base = BaseRateModel.fit(train, BaseRateModel.DEFAULT_CLIP);
        int coarsen = quick ? 10 : 1;
        String only = args.option("only", "all");
        if (!only.equals("all") && !only.equals("h20") && !only.equals("large")) {
            throw new IllegalArgumentException("--only must be all, h20 or large, got " + only);
        }
        result.put("only", only);
        boolean goal = true;
        if (!only.equals("large")) {
            goal = small(args, quick, train, test, base, coarsen, samples, chains, seed, result, out);
        }
        if (!only.equals("h20")) {
            large(args, quick, train, test, base, coarsen, samples, chains, largeHidden, seed, result, out);
        }
        result.put("total_seconds", (System.nanoTime() - start) / 1e9);
        out.printf("goal (|error| <= 0.1 nats on h20 for AIS and NADE IS; NADE IS error <= AIS error at equal "
                + "wall time): %s%n", only.equals("large") ? "not evaluated (--only large)" : goal ? "met" : "not met");
        return result;
    }

    /** The h20 part: exact, AIS, NADE IS and bridge, the equal-time curve; returns whether the goals are met. */
    private static boolean small(Args args, boolean quick, INDArray train, INDArray test, BaseRateModel base,
            int coarsen, int samples, int chains, long seed, Result result, PrintStream out) throws Exception {

        // ---- the small RBM: exact log Z known ----
        Rbm small = trainRbm(train, 20, args.intOption("rbm-epochs-small", quick ? 30 : 10), args, seed + 1);
        long t0 = System.nanoTime();
        double exact = ExactLogZ.of(small);
        Console.progress("h20: exact log Z = %.4f (%.1f s)", exact, (System.nanoTime() - t0) / 1e9);
        result.put("exact_logz_h20", exact).put("exact_seconds_h20", (System.nanoTime() - t0) / 1e9);
        AisResult aisSmall = ais(small, base, coarsen, seed + 2);
        result.put("ais_logz_h20", aisSmall.logZ()).put("ais_se_h20", aisSmall.standardError())
                .put("ais_abs_err_h20", Math.abs(aisSmall.logZ() - exact)).put("ais_seconds_h20",
                        aisSmall.seconds()).put("ais_temperatures", aisSmall.temperatures());
        int nadeSmall = args.intOption("nade-hidden-small", quick ? 50 : 100);
        t0 = System.nanoTime();
        Nade qSmall = distil(small, train, nadeSmall, args.intOption("steps-small", quick ? 300 : 4000), chains,
                args, seed + 3, result, "h20");
        double distillSmall = (System.nanoTime() - t0) / 1e9;
        LogZEstimate isSmall = ImportanceSampling.estimate(small, qSmall, samples, seed + 4);
        LogZEstimate bridgeSmall = bridge(small, qSmall, chains, samples, seed + 5);
        result.put("nade_hidden_h20", nadeSmall).put("nade_distill_seconds_h20", distillSmall)
                .put("nade_is_logz_h20", isSmall.logZ()).put("nade_is_se_h20", isSmall.standardError())
                .put("nade_is_ess_h20", isSmall.effectiveSampleSize())
                .put("nade_is_abs_err_h20", Math.abs(isSmall.logZ() - exact))
                .put("nade_is_seconds_h20", isSmall.seconds())
                .put("nade_bridge_logz_h20", bridgeSmall.logZ()).put("nade_bridge_se_h20",
                        bridgeSmall.standardError())
                .put("nade_bridge_abs_err_h20", Math.abs(bridgeSmall.logZ() - exact))
                .put("test_ll_rbm_h20", small.averageLogLikelihood(test, exact))
                .put("test_ll_nade_h20", qSmall.averageLogLikelihood(test));
        out.printf("h20: exact %.4f | AIS %.4f ± %.4f (err %.4f, %.1f s) | NADE IS %.4f ± %.4f (err %.4f, %.1f s; "
                + "distillation %.0f s) | bridge %.4f ± %.4f (err %.4f)%n", exact, aisSmall.logZ(),
                aisSmall.standardError(), Math.abs(aisSmall.logZ() - exact), aisSmall.seconds(), isSmall.logZ(),
                isSmall.standardError(), Math.abs(isSmall.logZ() - exact), isSmall.seconds(), distillSmall,
                bridgeSmall.logZ(), bridgeSmall.standardError(), Math.abs(bridgeSmall.logZ() - exact));

        // ---- the equal-time comparison on the small RBM ----
        int repeats = args.intOption("repeats", 5);
        Console.progress("equal-time comparison (at least %d repeats per point)", repeats);
        List<LogZTimeCurve.Point> aisCurve = LogZTimeCurve.ais(small, base, exact, 100,
                quick ? new int[] {300, 100, 30, 10, 3} : new int[] {300, 100, 30, 10, 3, 1}, repeats, seed + 6);
        double longestAis = aisCurve.stream().mapToDouble(LogZTimeCurve.Point::seconds).max().orElse(0);
        List<LogZTimeCurve.Point> isCurve = LogZTimeCurve.importance(small, qSmall, exact,
                new int[] {100, 300, 1000, 3000, 10_000, 30_000, 100_000, 300_000, 1_000_000}, longestAis, repeats,
                seed + 7);
        LogZTimeCurve.Comparison equal = LogZTimeCurve.compare(aisCurve, isCurve);
        boolean equalTime = equal.met();
        Path figure = args.pathOption("figure", figureFolder().resolve(quick ? "logz-equal-time-quick.png"
                : "logz-equal-time.png"));
        LogZTimeCurve.plot(figure, "log Z of a 20-hidden-unit RBM on " + (quick ? "digits" : "Fashion-MNIST")
                + ": error vs wall time", aisCurve, isCurve, distillSmall);
        Console.progress("figure written to %s; equal time: worst ratio %.3f at AIS %s", figure,
                equal.worstRatio(), equal.worstSetting());
        boolean h20Goal = Math.abs(aisSmall.logZ() - exact) <= 0.1 && Math.abs(isSmall.logZ() - exact) <= 0.1;
        result.put("curve_repeats", repeats).put("curve_ais_h20", LogZTimeCurve.describe(aisCurve))
                .put("curve_nade_is_h20", LogZTimeCurve.describe(isCurve)).put("figure", figure.toString())
                .put("equal_time_worst_ratio", equal.worstRatio()).put("equal_time_worst_at", equal.worstSetting())
                .put("goal_h20_within_0_1", h20Goal).put("goal_equal_time", equalTime)
                .put("goal_met", h20Goal && equalTime);
        return h20Goal && equalTime;
    }

    /** The large RBM: AIS, NADE IS and bridge, test log-likelihoods. */
    private static void large(Args args, boolean quick, INDArray train, INDArray test, BaseRateModel base,
            int coarsen, int samples, int chains, int largeHidden, long seed, Result result, PrintStream out) {
        Rbm large = trainRbm(train, largeHidden, args.intOption("rbm-epochs", quick ? 20 : 3), args, seed + 8);
        AisResult aisLarge = ais(large, base, coarsen, seed + 9);
        int nadeLarge = args.intOption("nade-hidden", quick ? 100 : 500);
        long t0 = System.nanoTime();
        Nade qLarge = distil(large, train, nadeLarge, args.intOption("steps", quick ? 300 : 1500), chains,
                args, seed + 10, result, "h500");
        double distillLarge = (System.nanoTime() - t0) / 1e9;
        LogZEstimate isLarge = ImportanceSampling.estimate(large, qLarge, samples, seed + 11);
        INDArray rbmDraws = rbmSamples(large, qLarge, chains, seed + 12);
        LogZEstimate bridgeLarge = bridge(large, rbmDraws, qLarge, samples, seed + 12);
        double rbmTestLl = aisLarge.averageLogLikelihood(large, test);
        // where each model puts its mass: log-likelihoods on the RBM's own samples and on training images
        INDArray trainHead = BenchGenerative.head(train, 2000);
        result.put("rbm_samples_ll_rbm_h500", aisLarge.averageLogLikelihood(large, rbmDraws))
                .put("rbm_samples_ll_nade_h500", qLarge.averageLogLikelihood(rbmDraws))
                .put("nade_samples_ll_nade_h500", qLarge.averageLogLikelihood(qLarge.sample(chains, seed + 13)))
                .put("train_ll_rbm_h500", aisLarge.averageLogLikelihood(large, trainHead))
                .put("train_ll_nade_h500", qLarge.averageLogLikelihood(trainHead));
        t0 = System.nanoTime();
        double nadeTestLl = qLarge.averageLogLikelihood(test);
        result.put("ais_logz_h500", aisLarge.logZ()).put("ais_se_h500", aisLarge.standardError())
                .put("ais_seconds_h500", aisLarge.seconds()).put("nade_hidden_h500", nadeLarge)
                .put("nade_distill_seconds_h500", distillLarge)
                .put("nade_is_logz_h500", isLarge.logZ()).put("nade_is_se_h500", isLarge.standardError())
                .put("nade_is_ess_h500", isLarge.effectiveSampleSize()).put("nade_is_seconds_h500",
                        isLarge.seconds())
                .put("nade_bridge_logz_h500", bridgeLarge.logZ()).put("nade_bridge_se_h500",
                        bridgeLarge.standardError()).put("nade_bridge_seconds_h500", bridgeLarge.seconds())
                .put("test_ll_rbm_h500", rbmTestLl)
                .put("test_ll_rbm_bridge_h500", rbmTestLl + aisLarge.logZ() - bridgeLarge.logZ())
                .put("test_ll_nade_h500", nadeTestLl)
                .put("nade_test_ll_seconds_h500", (System.nanoTime() - t0) / 1e9);
        out.printf("h%d: AIS %.4f ± %.4f (%.1f s) | NADE IS %.4f ± %.4f (ESS %.0f) | bridge %.4f ± %.4f "
                + "(distillation %.0f s) | test LL: RBM %.3f (AIS log Z), NADE %.3f%n", largeHidden, aisLarge.logZ(),
                aisLarge.standardError(), aisLarge.seconds(), isLarge.logZ(), isLarge.standardError(),
                isLarge.effectiveSampleSize(), bridgeLarge.logZ(), bridgeLarge.standardError(), distillLarge,
                rbmTestLl, nadeTestLl);
    }

    /** CD-1 from the base rates, batch 100. */
    private static Rbm trainRbm(INDArray train, int hidden, int epochs, Args args, long seed) {
        double lr = Double.parseDouble(args.option("rbm-lr", "0.02"));
        long t0 = System.nanoTime();
        Rbm rbm = new RbmTrainer(RbmTrainingConfig.builder().hiddenUnits(hidden).contrastiveDivergence(1)
                .learningRate(lr).batchSize(BATCH).epochs(epochs).seed(seed).build()).train(train);
        Console.progress("RBM h%d: CD-1, %d epochs, lr %s (%.1f s)", hidden, epochs, lr,
                (System.nanoTime() - t0) / 1e9);
        return rbm;
    }

    private static AisResult ais(Rbm rbm, BaseRateModel base, int coarsen, long seed) {
        AisResult a = AnnealedImportanceSampling.estimate(rbm, base, AisConfig.builder().runs(100)
                .schedule(AisSchedule.salakhutdinovMurray(coarsen)).seed(seed).build());
        Console.progress("h%d: AIS log Z = %.4f ± %.4f (%d temperatures, %.1f s)", rbm.hiddenSize(), a.logZ(),
                a.standardError(), a.temperatures(), a.seconds());
        return a;
    }

    /**
     * Persistent chains started at training rows feed minibatches of 100 to a NADE: Adam, learning rate
     * {@code --nade-lr} (2e-3) decaying exponentially to {@code --nade-lr-final} (1e-4) over the run (equal values:
     * constant); {@code --log-density-weight} λ (0).
     */
    private static Nade distil(Rbm rbm, INDArray train, int hidden, int steps, int chains, Args args, long seed,
            Result result, String key) {
        int perEpoch = chains / BATCH;
        int epochs = Math.max(1, (int) Math.ceil(steps / (double) perEpoch));
        double lr = Double.parseDouble(args.option("nade-lr", "2e-3"));
        double lrFinal = Double.parseDouble(args.option("nade-lr-final", "1e-4"));
        double lambda = Double.parseDouble(args.option("log-density-weight", "0"));
        Adam adam = lrFinal == lr ? new Adam(lr) : new Adam(new ExponentialSchedule(ScheduleType.ITERATION, lr,
                Math.pow(lrFinal / lr, 1.0 / Math.max(1, epochs * perEpoch))));
        RbmNadeConfig config = RbmNadeConfig.builder()
                .training(TrainingSettings.builder().epochs(epochs).batchSize(BATCH).seed(seed).heldOut(0, 0)
                        .build())
                .hiddenUnits(hidden).updater(adam).chains(chains, 1, 100).logDensityWeight(lambda)
                .klEstimates(Math.max(1, epochs * perEpoch / 5), 500).build();
        Console.progress("%s: distilling into a NADE (H=%d), %d minibatches of %d from %d chains, Adam %s -> %s, "
                + "lambda %s", key, hidden, epochs * perEpoch, BATCH, chains, lr, lrFinal, lambda);
        Distillation<Nade> d = new RbmNadeDistiller(config)
                .distill(rbm, TransferSources.fixed(BenchGenerative.head(train, chains)));
        var losses = d.report().lossPerTerm();
        result.put("nade_steps_" + key, epochs * perEpoch).put("nade_lr_" + key, lr).put("nade_lr_final_" + key,
                lrFinal).put("nade_log_density_weight_" + key, lambda).put("nade_kl_rbm_nade_" + key,
                last(losses.get("kl_rbm_nade"))).put("nade_kl_nade_rbm_" + key, last(losses.get("kl_nade_rbm")));
        Console.progress("%s: NADE distilled, KL(RBM||NADE) ~ %s, KL(NADE||RBM) ~ %s", key,
                last(losses.get("kl_rbm_nade")), last(losses.get("kl_nade_rbm")));
        return d.student();
    }

    /**
     * Bridge sampling with one sample per Gibbs chain of the RBM, started at NADE samples (already close to the
     * RBM: chains started at training rows mix slowly into a CD-1 RBM's spurious modes) and run 200 sweeps.
     */
    private static LogZEstimate bridge(Rbm rbm, Nade nade, int chains, int samples, long seed) {
        return bridge(rbm, rbmSamples(rbm, nade, chains, seed), nade, samples, seed);
    }

    /** One sample per Gibbs chain of the RBM, started at NADE samples and run 200 sweeps. */
    private static INDArray rbmSamples(Rbm rbm, Nade nade, int chains, long seed) {
        return GibbsChains.fromStates(rbm, nade.sample(chains, seed + 2), seed).sweep(200).visible();
    }

    private static LogZEstimate bridge(Rbm rbm, INDArray targets, Nade nade, int samples, long seed) {
        LogZEstimate b = BridgeSampling.estimate(rbm, targets, nade, samples, seed + 1);
        Console.progress("h%d: NADE bridge sampling log Z = %.4f ± %.4f", rbm.hiddenSize(), b.logZ(),
                b.standardError());
        return b;
    }

    private static Path figureFolder() {
        return Files.isDirectory(Path.of("docs", "src")) ? Path.of("docs", "figures") : Path.of("figures");
    }

    private static Double last(List<Double> values) {
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
