package org.distill4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationReport;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.data.EmbeddedDatasets;
import org.junit.jupiter.api.Test;

/** Runs the README's quick start (with fewer epochs) and checks that it distils something faithful. */
class QuickStartTest {

    @Test
    void quickStartDistilsAFaithfulStudentWithACertificate() {
        Distillation<MlpStudent> run = QuickStart.run(12);
        DistillationReport report = run.report();
        assertThat(report.lossPerTerm()).containsKeys("total");
        assertThat(report.lossPerTerm()).hasSize(3);
        assertThat(report.certificate().sampleCount()).isEqualTo(400);
        // the student agrees with its teacher on most fresh digits, and the certificate says so
        assertThat(report.fidelity().top1Agreement()).isGreaterThan(0.85);
        assertThat(report.certificate().upperBound()).isLessThan(0.2)
                .isGreaterThanOrEqualTo(report.certificate().observedDisagreement());
        double accuracy = Measures.accuracy(run.student().predict(EmbeddedDatasets.digits().features()),
                EmbeddedDatasets.digits().labels());
        assertThat(accuracy).isGreaterThan(0.85);
    }
}
