package org.distill4j.docs;

import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Distillation;
import org.distill4j.core.compression.CompressionConfig;
import org.distill4j.core.compression.CompressionDistiller;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.data.Dataset;
import org.distill4j.core.data.EmbeddedDatasets;
import org.distill4j.core.objective.DerivativeMatching;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.pac.PacCertificate;
import org.distill4j.core.progress.Listeners;
import org.distill4j.core.teacher.EnsembleTrainer;
import org.distill4j.core.teacher.EnsembleTrainerConfig;
import org.distill4j.core.transfer.TransferSources;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The README's quick start, compiled and run by the build ({@code QuickStartTest}), so the sample in the README
 * cannot rot: the README shows the lines between the {@code tag::quickstart} markers, and a test checks that
 * they are the same.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /**
     * Distils an ensemble of three networks trained on the UCI digits into one small network.
     *
     * @param epochs student epochs (the README uses 30; the test fewer)
     * @return the distillation
     */
    public static Distillation<MlpStudent> run(int epochs) {
        // tag::quickstart[]
        Dataset digits = EmbeddedDatasets.digits();                  // 1,797 8x8 images, 10 classes
        ConditionalTeacher teacher = new EnsembleTrainer(EnsembleTrainerConfig.builder()
                .layerSizes(64, 128, 64, 10).members(3).epochs(20).seed(1).build())
                .train(digits.features(), digits.labels(), 10);       // mean of the members' probabilities

        CompressionConfig config = CompressionConfig.builder()
                .student(MlpArchitecture.of(64, 16, 10))              // ReLU hidden layer, softmax output
                .objective(Objective.builder()
                        .term(SoftTargetCrossEntropy.atTemperature(1.0), 1.0)
                        .term(DerivativeMatching.onLogProbabilities(), 1.0 / 64)
                        .build())
                .updater(new Adam(1e-3))
                .batchSize(20)
                .epochs(epochs)
                .heldOut(100, 400)                                    // validation, certificate draws
                .seed(42)
                .build();

        Distillation<MlpStudent> run = new CompressionDistiller(config)
                .withListener(Listeners.logEveryEpoch())
                .distill(teacher, TransferSources.fixed(digits));

        PacCertificate pac = run.report().certificate();
        // with probability >= 1 - delta, P[student(x) != teacher(x)] <= pac.upperBound()
        // end::quickstart[]
        return run;
    }

    /** Runs the quick start and prints its certificate. */
    public static void main(String[] args) {
        PacCertificate pac = run(30).report().certificate();
        System.out.printf("P[student != teacher] <= %.3f with confidence %.2f (%d fresh draws)%n",
                pac.upperBound(), 1 - pac.delta(), pac.sampleCount());
    }
}
