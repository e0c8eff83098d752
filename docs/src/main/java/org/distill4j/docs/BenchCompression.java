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
 * optimiser and epochs of {@code ../shared/bench/kd_mlp.py}, which it runs right after, in the same command and
 * with the same thread count, so that the ratios compare like with like. As in the reference, the teacher's soft
 * targets are computed before the timed KD training, and the teacher's Jacobian is recomputed for every batch of
 * the timed DM training (nothing cached).
 */
final class BenchCompression {

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
        Timed kdRun = train(teacher, train, kd, epochs, batch);
        Timed dmRun = train(teacher, train, dm, epochs, batch);

        INDArray teacherTest = teacher.predict(test.features());
        double kdSamples = (double) epochs * train.size() / kdRun.seconds;
        double dmSamples = (double) epochs * train.size() / dmRun.seconds;
        out.printf("ours: KD %.0f samples/s, KD+DM %.0f samples/s (%d threads)%n", kdSamples, dmSamples, threads);

        List<String> reference = new ArrayList<>(List.of("--threads", String.valueOf(threads), "--data",
                folder.toString(), "--members", String.valueOf(members), "--epochs", String.valueOf(epochs),
                "--batch", String.valueOf(batch), "--n-train", String.valueOf(nTrain)));
        if (quick) {
            reference.add("--quick");
        }
        Optional<ReferenceBench> torch = ReferenceBench.run(args, "kd_mlp.py", reference, 30);
        double torchKd = torch.map(r -> r.number("kd_train_samples_per_s")).orElse(Double.NaN);
        double torchDm = torch.map(r -> r.number("dm_train_samples_per_s")).orElse(Double.NaN);
        torch.ifPresent(r -> out.printf("torch: KD %.0f samples/s, KD+DM %.0f samples/s%n", torchKd, torchDm));

        return new Result().put("bench", "compression").put("quick", quick).put("threads", threads)
                .put("members", members).put("epochs", epochs).put("batch", batch).put("n_train", train.size())
                .put("teacher_train_seconds", teacherTrainSeconds)
                .put("kd_samples_per_s", kdSamples).put("dm_samples_per_s", dmSamples)
                .put("torch_kd_samples_per_s", torchKd).put("torch_dm_samples_per_s", torchDm)
                .put("ratio_kd", kdSamples / torchKd).put("ratio_dm", dmSamples / torchDm)
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

    private record Timed(MlpStudent student, double seconds) {
    }

    /** Warm-up on a slice, then a timed run; the training phase's time excludes caching the soft targets. */
    private static Timed train(EnsembleTeacher teacher, Dataset data, Objective objective, int epochs, int batch) {
        CompressionConfig.Builder config = CompressionConfig.builder().student(MlpArchitecture.of(784, 50, 30, 10))
                .objective(objective).updater(new Adam(1e-3)).batchSize(batch).heldOut(0, 0);
        new CompressionDistiller(config.epochs(1).seed(1).build())
                .distill(teacher, TransferSources.fixed(data.head(5 * batch)));
        Distillation<MlpStudent> run = new CompressionDistiller(config.epochs(epochs).seed(0).build())
                .distill(teacher, TransferSources.fixed(data));
        double seconds = run.report().timings().training().toNanos() / 1e9;
        Console.progress("%s: %s samples in %s s", objective.terms().size() > 1 ? "KD+DM" : "KD",
                (long) epochs * data.size(), String.format("%.2f", seconds));
        Nd4j.getMemoryManager().invokeGc();
        return new Timed(run.student(), seconds);
    }
}
