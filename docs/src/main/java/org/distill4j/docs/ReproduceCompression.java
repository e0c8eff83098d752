package org.distill4j.docs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.compression.CompressionConfig;
import org.distill4j.core.compression.CompressionDistiller;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.data.Dataset;
import org.distill4j.core.fidelity.Fidelity;
import org.distill4j.core.objective.DerivativeMatching;
import org.distill4j.core.objective.HardLabelCrossEntropy;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.teacher.EnsembleTeacher;
import org.distill4j.core.teacher.EnsembleTrainer;
import org.distill4j.core.teacher.EnsembleTrainerConfig;
import org.distill4j.core.transfer.TransferSources;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Reproduces the model-compression experiment of G. Papamakarios, <i>Distilling Model Knowledge</i>, 2015
 * (arXiv:1510.02437), ch. 2, on Fashion-MNIST: an ensemble of ReLU networks 784-500-300-10 is distilled into a
 * 784-50-30-10 network from transfer sets of 6,000 and 60,000 training images, with three objectives — the
 * data's labels alone, the teacher's soft targets, and soft targets plus derivative matching — and each student's
 * test accuracy (± 2 standard errors) and fidelity are compared. The thesis's claim: derivative matching helps
 * when transfer data is scarce.
 */
final class ReproduceCompression {

    private ReproduceCompression() {
    }

    static Result run(Args args, PrintStream out) throws Exception {
        boolean quick = args.flag("quick");
        // one thread: on 2-core machines ND4J's small element-wise ops run faster without OpenMP (see benchmarks.md)
        Threads.limit(args.intOption("threads", 1));
        Path folder = FashionMnist.folder(args);
        Dataset train = FashionMnist.train(folder);
        Dataset test = FashionMnist.test(folder);
        if (quick) {
            train = train.head(6000);
            test = test.head(2000);
        }
        int members = args.intOption("members", quick ? 2 : 5);
        int teacherEpochs = args.intOption("teacher-epochs", quick ? 1 : 3);
        Console.progress("teacher: %s members 784-500-300-10, %s epochs on %s images", members, teacherEpochs, train.size());
        EnsembleTeacher teacher = new EnsembleTrainer(EnsembleTrainerConfig.builder()
                .layerSizes(784, 500, 300, 10).members(members).epochs(teacherEpochs).batchSize(100)
                .learningRate(1e-3).bootstrap(true).seed(args.intOption("seed", 0)).build())
                .train(train.features(), train.labels(), train.numClasses());
        INDArray teacherTest = teacher.predict(test.features());
        double accTeacher = Measures.accuracy(teacherTest, test.labels());
        out.printf("teacher (%d members): test accuracy %.4f%n", members, accTeacher);

        Result result = new Result().put("command", "reproduce compression").put("quick", quick)
                .put("members", members).put("n_test", test.size()).put("acc_teacher", accTeacher);
        int[] sizes = quick ? new int[] {1000, 6000} : new int[] {6000, 60000};
        List<String> table = new ArrayList<>();
        for (int n : sizes) {
            Dataset transfer = train.head(Math.min(n, train.size()));
            // about the same number of steps for both sizes: many epochs over the scarce set
            int epochs = quick ? (n < 6000 ? 8 : 3) : (n < 60000 ? args.intOption("epochs-small", 60)
                    : args.intOption("epochs-large", 12));
            double se = 0;
            for (String method : List.of("data", "kd", "kd_dm")) {
                Objective objective = switch (method) {
                    case "data" -> Objective.of(HardLabelCrossEntropy.create());
                    case "kd" -> Objective.of(SoftTargetCrossEntropy.atTemperature(1.0));
                    default -> Objective.builder().term(SoftTargetCrossEntropy.atTemperature(1.0), 1.0)
                            .term(DerivativeMatching.onLogProbabilities(), 1.0 / 784).build();
                };
                CompressionConfig config = CompressionConfig.builder()
                        .student(MlpArchitecture.of(784, 50, 30, 10))
                        .objective(objective).updater(new Adam(1e-3)).batchSize(20).epochs(epochs)
                        .heldOut(0, 0).seed(1000 + n)
                        .jacobianCacheBytes(3L << 30) // the teacher's Jacobians on the transfer set, computed once
                        .build();
                Console.progress("student %s on %s transfer images, %s epochs", method, n, epochs);
                MlpStudent student = new CompressionDistiller(config).withListener(Console.epochs("student"))
                        .distill(teacher, TransferSources.fixed(transfer)).student();
                INDArray p = student.predict(test.features());
                double acc = Measures.accuracy(p, test.labels());
                se = Math.max(se, Measures.standardError(acc, test.size()));
                result.put("acc_" + method + "_" + n, acc);
                if (!method.equals("data")) {
                    result.put("fidelity_" + method + "_" + n, Fidelity.between(teacherTest, p).top1Agreement());
                }
                table.add(String.format("n=%-6d %-6s test accuracy %.4f ± %.4f", n, method, acc,
                        2 * Measures.standardError(acc, test.size())));
                out.println(table.get(table.size() - 1));
            }
            result.put("se_" + n, se);
        }
        out.println("Thesis ch. 2 (MNIST, 30-member teacher): derivative matching helps most when the transfer set "
                + "is small; compare acc_kd_dm_" + sizes[0] + " with acc_kd_" + sizes[0] + " above.");
        return result;
    }
}
