package org.distill4j.core.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.distill4j.core.compression.CompressionConfig;
import org.distill4j.core.compression.CompressionDistiller;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.objective.Objective;
import org.distill4j.core.objective.SoftTargetCrossEntropy;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** {@link KnowledgeTracker} over a run and {@link LayerKnowledgeReport} for a teacher/student pair. */
class KnowledgeTrackerTest {

    private static final int N = 240;

    /** Three well-separated classes in 4 dimensions. */
    private static INDArray blobs(int[] labels, SplittableRandom rng) {
        double[][] x = new double[labels.length][4];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = (j % 3 == labels[i] ? 3 : 0) + 0.3 * rng.nextGaussian();
            }
        }
        return Nd4j.create(x).castTo(DataType.FLOAT);
    }

    private static int[] labels(SplittableRandom rng) {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = rng.nextInt(3);
        }
        return y;
    }

    private static KnowledgeEstimator gaussian() {
        return KnowledgeEstimator.builder().route(KnowledgeEstimator.Route.GAUSSIAN).components(3).replicates(10)
                .seed(3).build();
    }

    @Test
    void tracksEveryEpochOfACompressionRun() {
        SplittableRandom rng = new SplittableRandom(11);
        int[] y = labels(rng);
        INDArray x = blobs(y, rng);
        MlpStudent teacher = MlpStudent.initialize(MlpArchitecture.of(4, 8, 3), 7);
        KnowledgeTracker tracker = KnowledgeTracker.of(teacher, -1, -1, x, y,
                KnowledgeEstimator.builder().clusters(4).replicates(5).seed(1).build());
        CompressionDistiller distiller = new CompressionDistiller(CompressionConfig.builder()
                .student(MlpArchitecture.of(4, 6, 3))
                .objective(Objective.builder().term(SoftTargetCrossEntropy.atTemperature(1.0), 1.0).build())
                .updater(new Adam(1e-2)).batchSize(16).epochs(3).heldOut(0, 0).seed(5).build());
        distiller.withListener(tracker);
        MlpStudent last = distiller.distill(teacher, TransferSources.fixed(x)).student();

        List<KnowledgeTracker.Point> history = tracker.history();
        assertThat(history).extracting(KnowledgeTracker.Point::epoch).containsExactly(0, 1, 2);
        for (KnowledgeTracker.Point p : history) {
            KnowledgeEstimate e = p.estimate();
            assertThat(e.distillable()).isGreaterThanOrEqualTo(-1e-9);
            assertThat(e.distilled()).isGreaterThanOrEqualTo(-1e-9);
            assertThat(e.distillable() + e.distilled())
                    .isCloseTo(e.atoms().teacherInformation(), within(1e-9));
            assertThat(e.samples()).isEqualTo(N);
        }
        // the listener's estimate is what measuring the final student gives (deterministic estimator)
        assertThat(tracker.measure(last).distilled()).isCloseTo(history.get(2).estimate().distilled(), within(1e-12));
        tracker.clear();
        assertThat(tracker.history()).isEmpty();
    }

    @Test
    void aStudentIdenticalToTheTeacherHasNothingLeftToDistil() {
        SplittableRandom rng = new SplittableRandom(12);
        int[] y = labels(rng);
        INDArray x = blobs(y, rng);
        KnowledgeTracker tracker = KnowledgeTracker.of(x, x, y, 0, gaussian())
                .withRepresentation(student -> x.dup());
        KnowledgeEstimate same = tracker.measure(MlpStudent.initialize(MlpArchitecture.of(4, 3), 1));
        assertThat(same.distillable()).isCloseTo(0, within(1e-6));
        assertThat(same.distilled()).isGreaterThan(1.0);
        KnowledgeEstimate noise = tracker.withRepresentation(
                student -> Nd4j.randn(5L, new long[] {N, 4}).castTo(DataType.FLOAT)).measure(
                        MlpStudent.initialize(MlpArchitecture.of(4, 3), 1));
        assertThat(noise.distillable()).isGreaterThan(same.distillable() + 0.5);
        assertThat(noise.distilled()).isLessThan(0.2);
    }

    @Test
    void aStudentWithoutHiddenLayersIsSkippedNotFatal() {
        SplittableRandom rng = new SplittableRandom(13);
        int[] y = labels(rng);
        INDArray x = blobs(y, rng);
        KnowledgeTracker tracker = KnowledgeTracker.of(x, x, y, 0, gaussian());
        tracker.onEpochStudent(0, MlpStudent.initialize(MlpArchitecture.of(4, 3), 1)); // no hidden layer
        assertThat(tracker.history()).isEmpty();
        tracker.onEpochStudent(1, MlpStudent.initialize(MlpArchitecture.of(4, 5, 3), 1));
        assertThat(tracker.history()).hasSize(1);
    }

    @Test
    void rejectsBadArguments() {
        SplittableRandom rng = new SplittableRandom(14);
        int[] y = labels(rng);
        INDArray x = blobs(y, rng);
        MlpStudent teacher = MlpStudent.initialize(MlpArchitecture.of(4, 8, 3), 7);
        assertThatThrownBy(() -> KnowledgeTracker.of(teacher, 1, -1, x, y, gaussian()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teacherLayer");
        assertThatThrownBy(() -> KnowledgeTracker.of(teacher, 0, 0, x, new int[N - 1], gaussian()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels.length");
        assertThatThrownBy(() -> KnowledgeTracker.of(x.getRows(0, 1), x, y, 0, gaussian()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("teacherRepresentation");
        KnowledgeTracker tracker = KnowledgeTracker.of(teacher, 0, 3, x, y, gaussian());
        assertThatThrownBy(() -> tracker.measure(MlpStudent.initialize(MlpArchitecture.of(4, 5, 3), 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("studentLayer");
    }

    @Test
    void layerReportCoversAllPairsOrMatchedDepths() {
        SplittableRandom rng = new SplittableRandom(15);
        int[] y = labels(rng);
        INDArray x = blobs(y, rng);
        MlpStudent teacher = MlpStudent.initialize(MlpArchitecture.of(4, 8, 6, 3), 7);
        MlpStudent student = MlpStudent.initialize(MlpArchitecture.of(4, 5, 3), 8);
        LayerKnowledgeReport all = LayerKnowledgeReport.allPairs(teacher, student, x, y, gaussian());
        assertThat(all.entries()).hasSize(2);
        assertThat(all.teacherRepresentations()).isEqualTo(2);
        assertThat(all.get(1, 0).distilled()).isEqualTo(all.entries().get(1).estimate().distilled());
        LayerKnowledgeReport matched = LayerKnowledgeReport.matched(teacher, student, x, y, gaussian());
        assertThat(matched.entries()).singleElement().extracting(LayerKnowledgeReport.Entry::teacherIndex)
                .isEqualTo(1);
        assertThat(matched.get(1, 0).distilled()).isCloseTo(all.get(1, 0).distilled(), within(1e-12));
        assertThat(matched.toTable()).contains("distillable").hasLineCount(2);
        // a teacher against itself: the same representation distils everything
        LayerKnowledgeReport self = LayerKnowledgeReport.matched(teacher, teacher, x, y, gaussian());
        assertThat(self.entries()).extracting(e -> e.estimate().distillable())
                .allSatisfy(v -> assertThat(v).isCloseTo(0, within(1e-6)));
        assertThat(LayerKnowledgeReport.matchedTeacherIndex(0, 4, 2)).isEqualTo(1);
        assertThat(LayerKnowledgeReport.matchedTeacherIndex(1, 4, 2)).isEqualTo(3);
        assertThat(LayerKnowledgeReport.matchedTeacherIndex(2, 2, 3)).isEqualTo(1);
        assertThatThrownBy(() -> all.get(5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
