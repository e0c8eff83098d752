package org.distill4j.docs;

import java.io.PrintStream;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationReport;
import org.distill4j.core.compression.CompressionConfig;
import org.distill4j.core.compression.CompressionDistiller;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.data.Dataset;
import org.distill4j.core.data.EmbeddedDatasets;
import org.distill4j.core.fidelity.Fidelity;
import org.distill4j.core.objective.DerivativeMatching;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.pac.PacCertificate;
import org.distill4j.core.teacher.EnsembleTeacher;
import org.distill4j.core.teacher.EnsembleTrainer;
import org.distill4j.core.teacher.EnsembleTrainerConfig;
import org.distill4j.core.teacher.HasParameterCount;
import org.distill4j.core.transfer.TransferSources;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The library's main job on embedded data: train a cumbersome teacher (an ensemble of networks on the embedded
 * Fashion-MNIST subset), distil it into a small network with soft targets and derivative matching (Papamakarios
 * 2015, ch. 2), and say in plain words what went across, with a PAC certificate (Boix-Adsera 2024).
 */
final class Tour {

    
    private Tour() {
    }

    static Result run(Args args, PrintStream out) {
        boolean quick = args.flag("quick");
        long start = System.nanoTime();
        Dataset train = EmbeddedDatasets.fashionMnistTrainSubset();
        Dataset test = EmbeddedDatasets.fashionMnistTestSubset();
        int d = train.numFeatures();
        out.printf("distill4j tour: %d Fashion-MNIST training images and %d test images, embedded in the library.%n",
                train.size(), test.size());

        int members = quick ? 3 : 5;
        Console.progress("training a teacher ensemble of %s networks %s-256-128-10", members, d);
        EnsembleTeacher teacher = new EnsembleTrainer(EnsembleTrainerConfig.builder()
                .layerSizes(d, 256, 128, 10).members(members).epochs(quick ? 6 : 12).batchSize(64)
                .learningRate(1e-3).bootstrap(true).seed(7).build())
                .train(train.features(), train.labels(), train.numClasses());
        Console.progress("teacher trained; distilling it into a %s-32-10 student", d);
        double teacherAccuracy = Measures.accuracy(teacher.predict(test.features()), test.labels());
        long teacherParameters = ((HasParameterCount) teacher).parameterCount();
        out.printf("1. The teacher averages the probabilities of %d networks (%,d parameters in all); "
                + "it labels %.1f%% of the test images correctly.%n", members, teacherParameters,
                100 * teacherAccuracy);

        MlpArchitecture architecture = MlpArchitecture.of(d, 32, 10);
        CompressionConfig config = CompressionConfig.builder()
                .student(architecture)
                .objective(Objective.builder()
                        .term(SoftTargetCrossEntropy.atTemperature(1.0), 1.0)
                        .term(DerivativeMatching.onLogProbabilities(), 1.0 / d)
                        .build())
                .updater(new Adam(1e-3))
                .batchSize(32)
                .epochs(quick ? 8 : 20)
                .heldOut(200, 600)
                .seed(42)
                .build();
        Distillation<MlpStudent> run = new CompressionDistiller(config)
                .withListener(Console.epochs("student"))
                .distill(teacher, TransferSources.fixed(train));
        MlpStudent student = run.student();
        DistillationReport report = run.report();

        double studentAccuracy = Measures.accuracy(student.predict(test.features()), test.labels());
        Fidelity testFidelity = Fidelity.between(teacher.predict(test.features()), student.predict(test.features()));
        double ratio = (double) teacherParameters / student.parameterCount();
        out.printf("2. The student is one network %s with %,d parameters, %.0f times fewer. It learnt from the "
                + "teacher's probabilities and from the derivatives of its log-probabilities on %d images, "
                + "for %d epochs, keeping the student of epoch %d (the best on 200 held-out images).%n",
                architecture.layerSizes(), student.parameterCount(), ratio, train.size() - 800, report.epochsRun(),
                report.bestEpoch() + 1);
        out.printf("3. On the test images the student is right %.1f%% of the time (the teacher %.1f%%) and "
                + "agrees with the teacher's answer on %.1f%% of them.%n", 100 * studentAccuracy,
                100 * teacherAccuracy, 100 * testFidelity.top1Agreement());
        PacCertificate pac = report.certificate();
        out.printf("4. Certificate: on %d fresh images the student disagreed with the teacher %d times, so with "
                + "probability at least %.0f%% it disagrees on at most %.1f%% of images like these "
                + "(exact Clopper-Pearson bound; Hoeffding gives %.1f%%).%n", pac.sampleCount(),
                pac.disagreements(), 100 * (1 - pac.delta()), 100 * pac.upperBound(), 100 * pac.hoeffdingUpper());
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("Done in %.0f s.%n", seconds);

        return new Result().put("command", "tour").put("quick", quick)
                .put("teacher_accuracy", teacherAccuracy)
                .put("student_accuracy", studentAccuracy)
                .put("student_fidelity", testFidelity.top1Agreement())
                .put("compression_ratio", ratio)
                .put("certificate_epsilon", pac.upperBound())
                .put("certificate_delta", pac.delta())
                .put("seconds", seconds);
    }
}
