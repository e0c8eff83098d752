package org.distill4j.trees.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The query log replays logged answers (predictions and representations) bit for bit and refuses other questions. */
class QueryLogTest {

    /** Softmax of the row sums against 0, and the inputs squared as a representation; counts its calls. */
    private record Counting(AtomicInteger calls) implements ConditionalTeacher, HasHiddenRepresentation {
        @Override
        public int inputSize() {
            return 3;
        }

        @Override
        public int outputSize() {
            return 2;
        }

        @Override
        public INDArray predict(INDArray x) {
            calls.incrementAndGet();
            INDArray s = x.castTo(DataType.DOUBLE).sum(true, 1);
            INDArray p1 = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(s, true);
            return Nd4j.hstack(p1.rsub(1.0), p1).castTo(DataType.FLOAT);
        }

        @Override
        public List<INDArray> hiddenRepresentations(INDArray x) {
            calls.incrementAndGet();
            return List.of(x.mul(x), x.castTo(DataType.DOUBLE).add(0.1));
        }
    }

    private static INDArray rows(double offset) {
        return Nd4j.createFromArray(new float[][] {{1, 2, 3}, {-1, 0.5f, 2}}).addi(offset);
    }

    @Test
    void aRestoredLogReplaysTheAnswersWithoutAskingTheTeacherThenAsksTheRest() {
        Counting teacher = new Counting(new AtomicInteger());
        QueryLog log = QueryLog.recording();
        ConditionalTeacher recorded = log.wrap(teacher);
        INDArray p = recorded.predict(rows(0));
        List<INDArray> h = ((HasHiddenRepresentation) recorded).hiddenRepresentations(rows(1));
        assertThat(log.calls()).isEqualTo(2);
        RunState state = log.save();
        assertThat(state.longField("calls")).isEqualTo(2);

        Counting fresh = new Counting(new AtomicInteger());
        QueryLog replaying = QueryLog.replaying(state);
        ConditionalTeacher replayed = replaying.wrap(fresh);
        assertThat(replaying.replayed()).isEqualTo(2);
        assertThat(replayed.predict(rows(0))).isEqualTo(p);
        assertThat(((HasHiddenRepresentation) replayed).hiddenRepresentations(rows(1))).isEqualTo(h);
        assertThat(fresh.calls().get()).as("teacher calls while replaying").isZero();
        INDArray more = replayed.predict(rows(2));
        assertThat(fresh.calls().get()).isEqualTo(1);
        assertThat(more).isEqualTo(teacher.predict(rows(2)));
        assertThat(replaying.save().longField("calls")).isEqualTo(3);
    }

    @Test
    void anotherQuestionOrAnotherKindOfCallIsRefused() {
        QueryLog log = QueryLog.recording();
        ConditionalTeacher recorded = log.wrap(new Counting(new AtomicInteger()));
        recorded.predict(rows(0));
        ((HasHiddenRepresentation) recorded).hiddenRepresentations(rows(1));
        RunState state = log.save();
        ConditionalTeacher other = QueryLog.replaying(state).wrap(new Counting(new AtomicInteger()));
        assertThatThrownBy(() -> other.predict(rows(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another question at call 0");
        ConditionalTeacher kind = QueryLog.replaying(state).wrap(new Counting(new AtomicInteger()));
        kind.predict(rows(0));
        assertThatThrownBy(() -> kind.predict(rows(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another question at call 1");
    }

    @Test
    void wrappingKeepsTheRepresentationCapabilityOnlyWhenPresentAndIncompleteStatesAreRefused() {
        Counting both = new Counting(new AtomicInteger());
        ConditionalTeacher plain = org.distill4j.core.teacher.BlackBoxTeacher.of(both::predict, 3, 2);
        assertThat(QueryLog.recording().wrap(both)).isInstanceOf(HasHiddenRepresentation.class);
        assertThat(QueryLog.recording().wrap(plain)).isNotInstanceOf(HasHiddenRepresentation.class);
        assertThatThrownBy(() -> QueryLog.replaying(new RunState(Map.of("calls", 2), Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("questions");
        assertThat(QueryLog.replaying(QueryLog.recording().save()).replayed()).isZero();
    }
}
