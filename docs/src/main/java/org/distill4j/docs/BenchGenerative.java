package org.distill4j.docs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.distill4j.core.data.Dataset;
import org.distill4j.generative.ais.AisConfig;
import org.distill4j.generative.ais.AisResult;
import org.distill4j.generative.ais.AisSchedule;
import org.distill4j.generative.ais.AnnealedImportanceSampling;
import org.distill4j.generative.ais.BaseRateModel;
import org.distill4j.generative.nade.Nade;
import org.distill4j.generative.nade.NadeTrainer;
import org.distill4j.generative.nade.NadeTrainingConfig;
import org.distill4j.generative.rbm.Rbm;
import org.distill4j.generative.rbm.RbmTrainer;
import org.distill4j.generative.rbm.RbmTrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@code bench generative}: NADE training (D = 784, H = 500, batch 100, Adam 1e-3, one epoch), RBM CD-1 training
 * (H = 500, batch 100, lr 0.01, one epoch) and AIS on that RBM (100 runs, Salakhutdinov and Murray's 14,503
 * temperatures, DOUBLE), on binarized Fashion-MNIST, with the workloads and timing rules of
 * {@code ../shared/bench/nade.py} and {@code rbm_ais.py}, which it runs right after, in the same command and with
 * the same thread count. Each timed phase follows an untimed warm-up on a throw-away model (10 NADE steps, 100 CD-1
 * steps: the JVM compiles ND4J's Java side during the first thousands of ops); data loading is not timed.
 *
 * <p>The machine these figures come from is shared, and the timed sections are short (a quarter of a second for
 * CD-1 under {@code --quick}), so one scheduling hiccup moves a ratio by a third. Every phase therefore runs
 * {@code --repeats} times (3 with {@code --quick}, else 2), alternating ours with the reference (our NADE epoch, then
 * {@code nade.py}; then our CD-1 and AIS, then {@code rbm_ais.py}), and each side's <em>best</em> figure over its
 * runs is reported (highest throughput, shortest AIS time). The CD-1 progress line also shows the CPU seconds of
 * the training thread, a load-independent check.
 *
 * <p>With more than one thread, run with {@code OMP_WAIT_POLICY=PASSIVE} in the environment, as the references do:
 * ND4J's OpenMP workers otherwise spin, and on a busy machine a run can be ten times slower.
 *
 * <p>Options: {@code --threads} (2), {@code --hidden} (500), {@code --n-train-nade} (60,000; 3,000 with
 * {@code --quick}), {@code --n-train-rbm} (60,000; 6,000), {@code --ais-coarsen} (1; 10), {@code --data},
 * {@code --bench}, {@code --repeats} (2; 3 with {@code --quick}), {@code --no-nade} (skip the NADE phases: a
 * shorter run for the RBM figures; the NADE keys are then NaN).
 */
final class BenchGenerative {

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory
            .getThreadMXBean();

    private BenchGenerative() {
    }

    static Result run(Args args, PrintStream out) throws Exception {
        boolean quick = args.flag("quick");
        int threads = args.intOption("threads", 2);
        Threads.limit(threads);
        String waitPolicy = System.getenv("OMP_WAIT_POLICY");
        if (threads > 1 && waitPolicy == null) {
            Console.progress("OMP_WAIT_POLICY is not set: on a busy machine ND4J's spinning OpenMP threads can make "
                    + "this run many times slower; export OMP_WAIT_POLICY=PASSIVE (the reference sets it too)");
        }
        Path folder = FashionMnist.folder(args);
        int hidden = args.intOption("hidden", 500);
        int nNade = args.intOption("n-train-nade", quick ? 3000 : 60_000);
        int nRbm = args.intOption("n-train-rbm", quick ? 6000 : 60_000);
        int coarsen = args.intOption("ais-coarsen", quick ? 10 : 1);
        int nTest = quick ? 1000 : 10_000;
        int batch = 100;
        int repeats = args.intOption("repeats", quick ? 3 : 2);
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        }
        INDArray train = binarize(FashionMnist.train(folder));
        INDArray test = head(binarize(FashionMnist.test(folder)), nTest);

        List<String> common = List.of("--threads", String.valueOf(threads), "--data", folder.toString());

        // NADE, as nade.py: warm-up steps on a throw-away model, then one timed epoch, alternating with the
        // reference `repeats` times, best of each side (skipped with --no-nade)
        boolean withNade = !args.flag("no-nade");
        double nadeRate = Double.NaN;
        double nadeTestLl = Double.NaN;
        double evalRate = Double.NaN;
        double tNade = Double.NaN;
        double tEval = Double.NaN;
        Optional<ReferenceBench> torchNade = Optional.empty();
        List<String> nadeArgs = new ArrayList<>(common);
        nadeArgs.addAll(List.of("--hidden", String.valueOf(hidden), "--n-train", String.valueOf(nNade)));
        if (quick) {
            nadeArgs.add("--quick");
        }
        NadeTrainingConfig nadeConfig = NadeTrainingConfig.builder().hiddenUnits(hidden).epochs(1)
                .batchSize(batch).updater(new Adam(1e-3)).seed(0).build();
        for (int rep = 0; withNade && rep < repeats; rep++) {
            new NadeTrainer(nadeConfig.toBuilder().seed(1).build()).train(head(train, 10 * batch));
            long t0 = System.nanoTime();
            Nade nade = new NadeTrainer(nadeConfig).train(head(train, nNade));
            double nadeSeconds = (System.nanoTime() - t0) / 1e9;
            nadeRate = best(nadeRate, nNade / nadeSeconds);
            Console.progress("NADE (%d/%d): %d samples in %.2f s (%.0f samples/s)", rep + 1, repeats, nNade,
                    nadeSeconds, nNade / nadeSeconds);
            t0 = System.nanoTime();
            nadeTestLl = nade.averageLogLikelihood(test);
            evalRate = best(evalRate, nTest / ((System.nanoTime() - t0) / 1e9));
            Console.progress("NADE test avg log-likelihood %.3f nats", nadeTestLl);
            Optional<ReferenceBench> ref = ReferenceBench.run(args, "nade.py", nadeArgs, 30);
            if (ref.isPresent()) {
                torchNade = ref;
                tNade = best(tNade, ref.get().number("train_samples_per_s"));
                tEval = best(tEval, ref.get().number("logp_eval_samples_per_s"));
            }
        }

        // RBM CD-1 and AIS, as rbm_ais.py, alternating with the reference `repeats` times; the best time of each
        // side is kept (the machine is shared, and a single short timed section swings with the load)
        RbmTrainingConfig rbmConfig = RbmTrainingConfig.builder().hiddenUnits(hidden).contrastiveDivergence(1)
                .learningRate(0.01).batchSize(batch).epochs(1).seed(0).build();
        INDArray rbmData = head(train, nRbm);
        BaseRateModel base = BaseRateModel.fit(rbmData, BaseRateModel.DEFAULT_CLIP);
        AisConfig ais = AisConfig.builder().runs(100).schedule(AisSchedule.salakhutdinovMurray(coarsen)).seed(0)
                .build();
        List<String> rbmArgs = new ArrayList<>(common);
        rbmArgs.addAll(List.of("--hidden", String.valueOf(hidden), "--n-train", String.valueOf(nRbm),
                "--ais-coarsen", String.valueOf(coarsen)));
        if (quick) {
            rbmArgs.add("--quick");
        }
        double cdSeconds = Double.POSITIVE_INFINITY;
        double aisSeconds = Double.POSITIVE_INFINITY;
        double tCd = Double.NaN;
        double tAis = Double.NaN;
        Rbm rbm = null;
        AisResult a = null;
        Optional<ReferenceBench> torchRbm = Optional.empty();
        for (int rep = 0; rep < repeats; rep++) {
            // warm-up steps on a throw-away RBM, then one timed epoch
            new RbmTrainer(rbmConfig.toBuilder().seed(1).build()).train(head(train, 100 * batch));
            long cpu0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            rbm = new RbmTrainer(rbmConfig).train(rbmData);
            double seconds = (System.nanoTime() - t0) / 1e9;
            cdSeconds = Math.min(cdSeconds, seconds);
            Console.progress("RBM CD-1 (%d/%d): %d samples in %.2f s (%.0f samples/s; %.2f s of CPU)", rep + 1,
                    repeats, nRbm, seconds, nRbm / seconds, (CPU.getCurrentThreadCpuTime() - cpu0) / 1e9);
            // AIS: warm-up on a 16-temperature schedule, then the timed run (the same RBM every repeat)
            AnnealedImportanceSampling.estimate(rbm, base, ais.toBuilder()
                    .schedule(AisSchedule.salakhutdinovMurray(500)).build());
            AisResult run = AnnealedImportanceSampling.estimate(rbm, base, ais);
            aisSeconds = Math.min(aisSeconds, run.seconds());
            a = run;
            Console.progress("AIS (%d/%d): log Z = %.3f [%.3f, %.3f] in %.2f s", rep + 1, repeats, a.logZ(),
                    a.lower(), a.upper(), a.seconds());
            Optional<ReferenceBench> ref = ReferenceBench.run(args, "rbm_ais.py", rbmArgs, 30);
            if (ref.isPresent()) {
                torchRbm = ref;
                tCd = best(tCd, ref.get().number("cd_train_samples_per_s"));
                tAis = Double.isNaN(tAis) ? ref.get().number("ais_seconds")
                        : Math.min(tAis, ref.get().number("ais_seconds"));
            }
        }
        double cdRate = nRbm / cdSeconds;
        double testLl = a.averageLogLikelihood(rbm, binarize(FashionMnist.test(folder)));
        Console.progress("best of %d: CD-1 %.0f samples/s, AIS %.2f s; RBM test avg log-likelihood %.3f", repeats,
                cdRate, aisSeconds, testLl);
        out.printf("ours: NADE %.0f samples/s, CD-1 %.0f samples/s, AIS %.1f s (%d threads, best of %d)%n", nadeRate,
                cdRate, aisSeconds, threads, repeats);

        out.printf("torch: NADE %.0f samples/s, CD-1 %.0f samples/s, AIS %.1f s (best of %d)%n", tNade, tCd, tAis,
                repeats);

        return new Result().put("bench", "generative").put("quick", quick).put("threads", threads)
                .put("omp_wait_policy", waitPolicy)
                .put("hidden", hidden).put("batch", batch).put("n_train_nade", nNade).put("n_train_rbm", nRbm)
                .put("ais_temperatures", a.temperatures()).put("ais_runs", a.runs()).put("repeats", repeats)
                .put("nade_train_samples_per_s", nadeRate).put("torch_nade_train_samples_per_s", tNade)
                .put("ratio_nade", nadeRate / tNade)
                .put("rbm_cd_samples_per_s", cdRate).put("torch_rbm_cd_samples_per_s", tCd)
                .put("ratio_rbm", cdRate / tCd)
                .put("ais_seconds", aisSeconds).put("torch_ais_seconds", tAis).put("ratio_ais", tAis / aisSeconds)
                .put("nade_test_avg_loglik", nadeTestLl)
                .put("torch_nade_test_avg_loglik", torchNade.map(r -> r.number("test_avg_loglik_nats"))
                        .orElse(Double.NaN))
                .put("nade_logp_eval_samples_per_s", evalRate)
                .put("torch_nade_logp_eval_samples_per_s", tEval)
                .put("ais_logz", a.logZ()).put("torch_ais_logz", torchRbm.map(r -> r.number("logZ"))
                        .orElse(Double.NaN))
                .put("rbm_test_avg_loglik", testLl).put("torch_rbm_test_avg_loglik",
                        torchRbm.map(r -> r.number("test_avg_loglik")).orElse(Double.NaN))
                .put("torch_version", (torchRbm.isPresent() ? torchRbm : torchNade)
                        .map(r -> r.string("torch_version")).orElse(null));
    }

    /** The larger of two rates, NaN counting as absent. */
    private static double best(double current, double candidate) {
        return Double.isNaN(current) ? candidate : Double.isNaN(candidate) ? current : Math.max(current, candidate);
    }

    /** The features of a data set as FLOAT {0, 1}: pixel &gt; 0.5, as the references. */
    static INDArray binarize(Dataset data) {
        INDArray x = data.features();
        return x.gt(0.5).castTo(DataType.FLOAT);
    }

    /** The first {@code n} rows (a copy), or {@code x} itself if it has no more. */
    static INDArray head(INDArray x, int n) {
        int rows = (int) Math.min(n, x.rows());
        return rows == x.rows() ? x : x.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()).dup();
    }
}
