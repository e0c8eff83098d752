package org.distill4j.docs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.distill4j.core.Distillation;
import org.distill4j.core.compression.CompressionConfig;
import org.distill4j.core.compression.CompressionDistiller;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.data.Dataset;
import org.distill4j.core.fidelity.Fidelity;
import org.distill4j.core.objective.DerivativeMatching;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.teacher.EnsembleTeacher;
import org.distill4j.core.teacher.EnsembleTrainer;
import org.distill4j.core.teacher.EnsembleTrainerConfig;
import org.distill4j.core.transfer.TransferSources;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Student training throughput, soft-target KD and KD + derivative matching, with the architecture, batch, data,
 * optimiser and epochs of {@code ../shared/bench/kd_mlp.py}, which it runs in the same command and with the same
 * thread count, so that the ratios compare like with like. As in the reference, the teacher's soft targets are
 * computed before the timed KD training, and the teacher's Jacobian is recomputed for every batch of the timed DM
 * training (nothing cached).
 *
 * <p><b>Timing rule.</b> KD's timed section is short (two epochs of 60,000 images, about half a second), so one
 * scheduling hiccup on a shared machine moved a single ratio by a third. The KD timings are therefore taken
 * {@code --repeats R} times (default 3; 2 with {@code --quick}), alternately: our run 1, the full reference run
 * (which also gives the DM pair), our run 2, reference run 2, and so on; {@code ratio_kd} is our best over the
 * reference's best, {@code ratio_kd_median} the ratio of the medians, and every run is listed
 * ({@code kd_runs}, {@code torch_kd_runs}). The reference's repeats pass {@code --members 1} and otherwise the same
 * flags: its KD section (student, optimiser, batch, epochs, data) is unchanged, the soft targets come from a
 * one-member teacher, and its teacher training and DM phase take a fraction of the full run's time. The DM
 * sections last a minute or more each and are timed once per side. Warm-up: before the timed KD runs a
 * throw-away student is trained on the same data, untimed, for the KD workload's epochs or more, at least 1,000
 * steps (the JVM compiles the step's loops after about a thousand steps: a first run measured 25–30 % slower than
 * the next ones); before DM, five batches. The reference warms up with five untimed steps, all that PyTorch's
 * precompiled step needs.
 */
final class BenchCompression {

    /** Untimed KD steps before the timed KD runs, at least: the JIT compiles the step after about a thousand. */
    private static final int WARM_UP_STEPS = 1000;

    private BenchCompression() {
    }

    static Result run(Args args, PrintStream out) throws Exception {
        boolean quick = args.flag("quick");
        int threads = args.intOption("threads", 2);
        Threads.limit(threads);
        Path folder = FashionMnist.folder(args);
        int members = args.intOption("members", quick ? 2 : 5);
        int epochs = args.intOption("epochs", quick ? 1 : 2);
        int batch = args.intOption("batch", 128);
        int nTrain = args.intOption("n-train", quick ? 6000 : 60000);
        int repeats = args.intOption("repeats", quick ? 2 : 3);
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        }
        Dataset train = FashionMnist.train(folder).head(nTrain);
        Dataset test = FashionMnist.test(folder);

        Console.progress("teacher: %s members 784-500-300-10, 1 epoch, Adam 1e-3, batch 128", members);
        long t0 = System.nanoTime();
        EnsembleTeacher teacher = new EnsembleTrainer(EnsembleTrainerConfig.builder()
                .layerSizes(784, 500, 300, 10).members(members).epochs(1).batchSize(128).learningRate(1e-3)
                .bootstrap(false).seed(0).build()).train(train.features(), train.labels(), train.numClasses());
        double teacherTrainSeconds = (System.nanoTime() - t0) / 1e9;

        Objective kd = Objective.of(SoftTargetCrossEntropy.atTemperature(1.0));
        Objective dm = Objective.builder().term(SoftTargetCrossEntropy.atTemperature(1.0), 1.0)
                .term(DerivativeMatching.onLogProbabilities(), 1.0 / 784).build();
        int batches = (train.size() + batch - 1) / batch;
        warmUp(teacher, train, kd, Math.max(epochs, (WARM_UP_STEPS + batches - 1) / batches), batch, train.size());
        Timed kdRun = train(teacher, train, kd, epochs, batch);
        warmUp(teacher, train, dm, 1, batch, 5 * batch);
        Timed dmRun = train(teacher, train, dm, epochs, batch);
        double work = (double) epochs * train.size();
        List<Double> ours = new ArrayList<>(List.of(work / kdRun.seconds));
        double dmSamples = work / dmRun.seconds;

        List<String> reference = new ArrayList<>(List.of("--threads", String.valueOf(threads), "--data",
                folder.toString(), "--epochs", String.valueOf(epochs), "--batch", String.valueOf(batch),
                "--n-train", String.valueOf(nTrain)));
        if (quick) {
            reference.add("--quick");
        }
        List<String> full = new ArrayList<>(reference);
        full.addAll(List.of("--members", String.valueOf(members)));
        Optional<ReferenceBench> torch = ReferenceBench.run(args, "kd_mlp.py", full, 30);
        List<Double> theirs = new ArrayList<>();
        torch.ifPresent(r -> theirs.add(r.number("kd_train_samples_per_s")));
        List<String> light = new ArrayList<>(reference);
        light.addAll(List.of("--members", "1"));
        for (int r = 1; r < repeats; r++) {
            ours.add(work / train(teacher, train, kd, epochs, batch).seconds);
            if (torch.isPresent()) {
                ReferenceBench.run(args, "kd_mlp.py", light, 30)
                        .ifPresent(b -> theirs.add(b.number("kd_train_samples_per_s")));
            }
        }
        double kdBest = best(ours);
        double torchKd = theirs.isEmpty() ? Double.NaN : best(theirs);
        double torchDm = torch.map(r -> r.number("dm_train_samples_per_s")).orElse(Double.NaN);
        out.printf("ours: KD %s samples/s (best %.0f), KD+DM %.0f samples/s (%d threads)%n", runs(ours), kdBest,
                dmSamples, threads);
        torch.ifPresent(r -> out.printf("torch: KD %s samples/s (best %.0f), KD+DM %.0f samples/s%n", runs(theirs),
                torchKd, torchDm));

        INDArray teacherTest = teacher.predict(test.features());
        return new Result().put("bench", "compression").put("quick", quick).put("threads", threads)
                .put("members", members).put("epochs", epochs).put("batch", batch).put("n_train", train.size())
                .put("repeats", repeats).put("teacher_train_seconds", teacherTrainSeconds)
                .put("kd_samples_per_s", kdBest).put("dm_samples_per_s", dmSamples)
                .put("torch_kd_samples_per_s", torchKd).put("torch_dm_samples_per_s", torchDm)
                .put("ratio_kd", kdBest / torchKd).put("ratio_dm", dmSamples / torchDm)
                .put("kd_samples_per_s_median", median(ours))
                .put("torch_kd_samples_per_s_median", theirs.isEmpty() ? Double.NaN : median(theirs))
                .put("ratio_kd_median", theirs.isEmpty() ? Double.NaN : median(ours) / median(theirs))
                .put("kd_runs", runs(ours)).put("torch_kd_runs", runs(theirs))
                .put("kd_test_acc", Measures.accuracy(kdRun.student.predict(test.features()), test.labels()))
                .put("dm_test_acc", Measures.accuracy(dmRun.student.predict(test.features()), test.labels()))
                .put("kd_test_fidelity", Fidelity.between(teacherTest, kdRun.student.predict(test.features()))
                        .top1Agreement())
                .put("dm_test_fidelity", Fidelity.between(teacherTest, dmRun.student.predict(test.features()))
                        .top1Agreement())
                .put("torch_kd_test_acc", torch.map(r -> r.number("kd_test_acc")).orElse(Double.NaN))
                .put("torch_dm_test_acc", torch.map(r -> r.number("dm_test_acc")).orElse(Double.NaN))
                .put("torch_version", torch.map(r -> r.string("torch_version")).orElse(null));
    }

    static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The runs' figures, rounded, in order: {@code "214545/230112/198000"}. */
    static String runs(List<Double> values) {
        return String.join("/", values.stream().map(v -> String.valueOf(Math.round(v))).toList());
    }

    private record Timed(MlpStudent student, double seconds) {
    }

    /** Untimed training of a throw-away student on the first {@code rows} rows (JIT, workspaces, caches). */
    private static void warmUp(EnsembleTeacher teacher, Dataset data, Objective objective, int epochs, int batch,
            int rows) {
        new CompressionDistiller(config(objective, batch).epochs(epochs).seed(1).build())
                .distill(teacher, TransferSources.fixed(data.head(Math.min(rows, data.size()))));
        Nd4j.getMemoryManager().invokeGc();
    }

    private static CompressionConfig.Builder config(Objective objective, int batch) {
        return CompressionConfig.builder().student(MlpArchitecture.of(784, 50, 30, 10))
                .objective(objective).updater(new Adam(1e-3)).batchSize(batch).heldOut(0, 0)
                .jacobianCacheBytes(0); // recomputed for every batch, as the reference does (also with --quick)
    }

    /** A timed run; the training phase's time excludes caching the soft targets. */
    private static Timed train(EnsembleTeacher teacher, Dataset data, Objective objective, int epochs, int batch) {
        Distillation<MlpStudent> run = new CompressionDistiller(config(objective, batch).epochs(epochs).seed(0).build())
                .distill(teacher, TransferSources.fixed(data));
        double seconds = run.report().timings().training().toNanos() / 1e9;
        Console.progress("%s: %s samples in %s s", objective.terms().size() > 1 ? "KD+DM" : "KD",
                (long) epochs * data.size(), String.format("%.2f", seconds));
        Nd4j.getMemoryManager().invokeGc();
        return new Timed(run.student(), seconds);
    }
}
