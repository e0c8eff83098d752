package org.distill4j.core.rid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationException;
import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.compression.MlpStudent;
import org.distill4j.core.rid.RepresentationDistillationConfig.Method;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.distill4j.core.transfer.TransferSources;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** {@link RepresentationDistiller}: the student's gradient, decreasing terms, every method, bad inputs. */
class RepresentationDistillerTest {

    private static final int N = 192;

    private static int[] labels(SplittableRandom rng) {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = rng.nextInt(3);
        }
        return y;
    }

    private static INDArray blobs(int[] y, SplittableRandom rng) {
        double[][] x = new double[y.length][5];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = (j % 3 == y[i] ? 1.5 : 0) + 0.7 * rng.nextGaussian();
            }
        }
        return Nd4j.create(x).castTo(DataType.FLOAT);
    }

    private static RepresentationDistillationConfig.Builder config(Method method) {
        return RepresentationDistillationConfig.builder().method(method).student(MlpArchitecture.of(5, 8, 3))
                .filterWidth(4).updater(new Adam(5e-3)).batchSize(32).epochs(12).seed(3);
    }

    @Test
    void studentGradientWithAHiddenLayerTermMatchesFiniteDifferences() {
        MlpArchitecture a = MlpArchitecture.of(3, 4, 5, 2).withActivation(Activation.TANH)
                .withDataType(DataType.DOUBLE);
        StudentNet net = new StudentNet(a);
        INDArray p = MlpStudent.initialize(a, 5).parameters();
        SplittableRandom rng = new SplittableRandom(9);
        INDArray x = Nd4j.create(new double[][] {{rng.nextGaussian(), 0.3, -1}, {0.5, rng.nextGaussian(), 2}});
        INDArray logitWeights = Nd4j.create(new double[][] {{0.3, -1.2}, {0.7, 0.1}});
        INDArray hiddenWeights = Nd4j.rand(DataType.DOUBLE, 2, 4).subi(0.5);
        // f = Σ logitWeights ⊙ logits + Σ hiddenWeights ⊙ h_0
        java.util.function.ToDoubleFunction<INDArray> f = q -> {
            StudentNet.Forward fw = net.forward(q, x);
            return fw.logits().mul(logitWeights).sumNumber().doubleValue()
                    + fw.hidden()[0].mul(hiddenWeights).sumNumber().doubleValue();
        };
        INDArray gradient = Nd4j.create(DataType.DOUBLE, 1, p.length());
        net.backward(p, net.forward(p, x), logitWeights, 0, hiddenWeights, gradient);
        for (int i = 0; i < p.length(); i++) {
            double orig = p.getDouble(0, i);
            p.putScalar(0, i, orig + 1e-6);
            double up = f.applyAsDouble(p);
            p.putScalar(0, i, orig - 1e-6);
            double down = f.applyAsDouble(p);
            p.putScalar(0, i, orig);
            assertThat(gradient.getDouble(0, i)).as("parameter %s", i).isCloseTo((up - down) / 2e-6, within(1e-6));
        }
        // the forward pass agrees with MlpStudent's
        StudentNet.Forward fw = net.forward(p, x);
        MlpStudent student = MlpStudent.initialize(a, 5);
        assertThat(fw.logits().sub(student.logits(x)).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(fw.hidden()[1].sub(student.hiddenRepresentations(x).get(1)).amaxNumber().doubleValue())
                .isLessThan(1e-12);
    }

    @Test
    void everyMethodLearnsAndItsTermsDecrease() {
        SplittableRandom rng = new SplittableRandom(21);
        int[] y = labels(rng);
        INDArray x = blobs(y, rng);
        MlpStudent teacher = MlpStudent.initialize(MlpArchitecture.of(5, 16, 3), 4);
        for (Method method : Method.values()) {
            Distillation<MlpStudent> run = new RepresentationDistiller(config(method).build())
                    .distill(teacher, TransferSources.fixed(x, y));
            String term = switch (method) {
                case NONE -> "ce";
                case KD -> "kd_T4.0";
                case VID -> "vid";
                case RID -> "rid";
            };
            List<Double> ce = run.report().lossPerTerm().get("ce");
            List<Double> t = run.report().lossPerTerm().get(term);
            assertThat(t).as("%s term", method).isNotNull();
            // fixed rows: the teacher answers each row once, before the first epoch
            assertThat(run.report().teacherQueries()).as("%s teacher queries", method)
                    .isEqualTo(method == Method.NONE ? 0 : N);
            assertThat(ce.get(ce.size() - 1)).as("%s cross-entropy", method).isLessThan(ce.get(0));
            assertThat(t.get(t.size() - 1)).as("%s term", method).isLessThan(t.get(0));
            // the student classifies the training blobs better than chance
            INDArray predicted = run.student().predict(x).argMax(1);
            long correct = 0;
            for (int i = 0; i < N; i++) {
                correct += predicted.getInt(i) == y[i] ? 1 : 0;
            }
            assertThat(correct).as("%s training accuracy", method).isGreaterThan(N / 2);
        }
    }

    @Test
    void ridTeacherPhaseLearnsTheTask() {
        SplittableRandom rng = new SplittableRandom(22);
        int[] y = labels(rng);
        INDArray x = blobs(y, rng);
        MlpStudent teacher = MlpStudent.initialize(MlpArchitecture.of(5, 16, 3), 4);
        Distillation<MlpStudent> run = new RepresentationDistiller(config(Method.RID).build())
                .distill(teacher, TransferSources.fixed(x, y));
        List<Double> head = run.report().lossPerTerm().get("rid_head_ce");
        assertThat(head.get(head.size() - 1)).isLessThan(head.get(0)).isLessThan(Math.log(3));
    }

    @Test
    void rejectsBadInputs() {
        SplittableRandom rng = new SplittableRandom(23);
        int[] y = labels(rng);
        INDArray x = blobs(y, rng);
        MlpStudent teacher = MlpStudent.initialize(MlpArchitecture.of(5, 16, 3), 4);
        RepresentationDistiller rid = new RepresentationDistiller(config(Method.RID).epochs(1).build());
        assertThatThrownBy(() -> rid.distill(teacher, TransferSources.fixed(x)))
                .isInstanceOf(DistillationException.class).hasMessageContaining("labelled");
        int[] bad = y.clone();
        bad[0] = 7;
        assertThatThrownBy(() -> rid.distill(teacher, TransferSources.fixed(x, bad)))
                .isInstanceOf(DistillationException.class).hasMessageContaining("not in [0, 3)");
        assertThatThrownBy(() -> new RepresentationDistiller(config(Method.RID).layers(4, -1).epochs(1).build())
                .distill(teacher, TransferSources.fixed(x, y))).hasMessageContaining("teacherLayer");
        assertThatThrownBy(() -> config(Method.VID).student(MlpArchitecture.of(5, 3)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden layer");
        assertThatThrownBy(() -> config(Method.VID).layers(-1, 1).build())
                .hasMessageContaining("studentLayer must be in [-1, 1)");
        assertThatThrownBy(() -> config(Method.KD).temperature(0).build()).hasMessageContaining("temperature");
        assertThatThrownBy(() -> config(Method.KD).weights(-1, 1).build()).hasMessageContaining("crossEntropyWeight");
        assertThatThrownBy(() -> RepresentationDistillationConfig.builder().student(MlpArchitecture.of(5, 3)).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("method");
        HasHiddenRepresentation representationsOnly = new HasHiddenRepresentation() {
            @Override
            public List<INDArray> hiddenRepresentations(INDArray inputs) {
                return teacher.hiddenRepresentations(inputs);
            }

            @Override
            public int inputSize() {
                return 5;
            }
        };
        assertThatThrownBy(() -> new RepresentationDistiller(config(Method.KD).build())
                .distill(representationsOnly, TransferSources.fixed(x, y)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ConditionalTeacher");
    }
}
