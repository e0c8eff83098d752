package org.distill4j.trees.extraction;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.distill.RunState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The teacher as a model-extraction run sees it when checkpoints are on: every answer is logged in call order
 * (with a fingerprint of the question), and a resumed run replays the logged answers — checking that it asks the
 * same questions — before the real teacher answers the rest. Since the run is a deterministic function of its
 * seed and the teacher's answers, replaying the log rebuilds every stage already run without querying the
 * teacher again. Confined to one run (not thread-safe).
 */
final class QueryLog implements ConditionalTeacher {

    private static final String ANSWER = "answer.";

    private final ConditionalTeacher teacher;
    private final List<INDArray> answers = new ArrayList<>();
    private final List<Long> questions = new ArrayList<>();
    private final int replayed;
    private int calls;

    private QueryLog(ConditionalTeacher teacher, int replayed) {
        this.teacher = teacher;
        this.replayed = replayed;
    }

    /** A log of a new run. */
    static QueryLog recording(ConditionalTeacher teacher) {
        return new QueryLog(teacher, 0);
    }

    /**
     * A log that first replays the answers of {@code state} (written by {@link #save}).
     *
     * @throws IllegalArgumentException if the state is incomplete or its answers do not fit the teacher
     */
    static QueryLog replaying(ConditionalTeacher teacher, RunState state) {
        long count = state.longField("calls");
        INDArray fingerprints = state.array("questions");
        checkArgument(count >= 0 && fingerprints.length() == count, "the checkpoint logs %s calls but %s questions",
                count, fingerprints.length());
        QueryLog log = new QueryLog(teacher, (int) count);
        long[] f = fingerprints.castTo(DataType.INT64).toLongVector();
        for (int i = 0; i < count; i++) {
            INDArray a = state.array(ANSWER + i);
            checkArgument(a.rank() == 2 && a.columns() == teacher.outputSize(), "logged answer %s has shape %s, "
                    + "but the teacher has %s classes", i, java.util.Arrays.toString(a.shape()),
                    teacher.outputSize());
            log.answers.add(a);
            log.questions.add(f[i]);
        }
        return log;
    }

    @Override
    public int inputSize() {
        return teacher.inputSize();
    }

    @Override
    public int outputSize() {
        return teacher.outputSize();
    }

    @Override
    public INDArray predict(INDArray inputs) {
        long question = fingerprint(inputs);
        int call = calls++;
        if (call < replayed) {
            checkArgument(questions.get(call) == question, "the resumed run asked the teacher another question "
                    + "at call %s than the checkpointed run (another teacher, transfer source or version)", call);
            return answers.get(call).dup();
        }
        INDArray answer = teacher.predict(inputs);
        answers.add(answer.dup());
        questions.add(question);
        return answer;
    }

    /** The log so far, with {@code fields} (e.g. the stages run). */
    RunState save(Map<String, Object> fields) {
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.put("calls", calls);
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        long[] q = new long[calls];
        for (int i = 0; i < calls; i++) {
            q[i] = questions.get(i);
            arrays.put(ANSWER + i, answers.get(i));
        }
        arrays.put("questions", Nd4j.createFromArray(q));
        return new RunState(f, arrays);
    }

    private static long fingerprint(INDArray inputs) {
        return RunState.fingerprint(inputs.castTo(DataType.DOUBLE).dup('c').data().asDouble()) * 31
                + inputs.columns();
    }
}
