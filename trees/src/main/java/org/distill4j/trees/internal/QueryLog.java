package org.distill4j.trees.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.distill.RunState;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The teacher's answers to one run, for distillers whose run is a deterministic function of its seed and of what
 * the teacher answers (model extraction, LRH distillation): through {@link #wrap} every call — {@code predict},
 * and {@code hiddenRepresentations} when the teacher exposes them — is logged in call order with a fingerprint of
 * the question; {@link #save} puts the log into a checkpoint's {@link RunState}; a log restored by
 * {@link #replaying} answers the first calls of the resumed run from the checkpoint, checking that the run asks
 * the same questions, and the real teacher answers the rest. Replaying the log thus rebuilds every step already
 * run without querying the teacher again (the queries are what costs).
 *
 * <p>Answers in FLOAT, DOUBLE, INT32 or INT64 replay bit for bit; answers of other types are logged as DOUBLE
 * (lossless for the smaller float types). Internal to this module's distillers. Confined to one run: calls are
 * serialised, but the run must ask its questions in a deterministic order.
 */
public final class QueryLog {

    private static final String ANSWER = "answer.";
    /** The kind of a {@code predict} call in the {@code kinds} array; other calls store their part count. */
    private static final int PREDICT = -1;

    private final List<List<INDArray>> answers = new ArrayList<>();
    private final List<Long> questions = new ArrayList<>();
    private final List<Integer> kinds = new ArrayList<>();
    private final int replayed;
    private int calls;

    private QueryLog(int replayed) {
        this.replayed = replayed;
    }

    /** An empty log, for a new run. */
    public static QueryLog recording() {
        return new QueryLog(0);
    }

    /**
     * A log that first replays the answers in {@code state} (written by {@link #save}).
     *
     * @throws IllegalArgumentException if the state is incomplete or inconsistent (naming what is wrong)
     */
    public static QueryLog replaying(RunState state) {
        checkNotNull(state, "state");
        long count = state.longField("calls");
        checkArgument(count >= 0 && count <= Integer.MAX_VALUE, "the checkpoint logs %s teacher calls", count);
        QueryLog log = new QueryLog((int) count);
        if (count == 0) {
            return log;
        }
        long[] fingerprints = state.array("questions").castTo(DataType.INT64).toLongVector();
        int[] callKinds = state.array("kinds").castTo(DataType.INT32).toIntVector();
        checkArgument(fingerprints.length == count && callKinds.length == count,
                "the checkpoint logs %s teacher calls but %s questions and %s kinds", count, fingerprints.length,
                callKinds.length);
        for (int i = 0; i < count; i++) {
            List<INDArray> answer = new ArrayList<>();
            if (callKinds[i] == PREDICT) {
                answer.add(state.array(ANSWER + i));
            } else {
                checkArgument(callKinds[i] >= 0, "logged call %s has kind %s", i, callKinds[i]);
                for (int j = 0; j < callKinds[i]; j++) {
                    answer.add(state.array(ANSWER + i + "." + j));
                }
            }
            log.answers.add(answer);
            log.questions.add(fingerprints[i]);
            log.kinds.add(callKinds[i]);
        }
        return log;
    }

    /**
     * The teacher as the run sees it: answers from the log while it replays, then from {@code teacher} (logged).
     *
     * @return a teacher that also implements {@link HasHiddenRepresentation} exactly when {@code teacher} does
     */
    public ConditionalTeacher wrap(ConditionalTeacher teacher) {
        checkNotNull(teacher, "teacher");
        return teacher instanceof HasHiddenRepresentation ? new RepresentationView(teacher) : new View(teacher);
    }

    /** The calls logged so far (replayed ones included). */
    public synchronized int calls() {
        return calls;
    }

    /** The calls answered from the checkpoint. */
    public int replayed() {
        return replayed;
    }

    /** The log so far, for a checkpoint; its arrays are the log's own copies, never changed afterwards. */
    public synchronized RunState save() {
        RunState.Builder state = RunState.builder().put("calls", calls);
        if (calls > 0) {
            long[] q = new long[calls];
            int[] k = new int[calls];
            for (int i = 0; i < calls; i++) {
                q[i] = questions.get(i);
                k[i] = kinds.get(i);
                List<INDArray> answer = answers.get(i);
                if (k[i] == PREDICT) {
                    state.array(ANSWER + i, answer.get(0));
                } else {
                    for (int j = 0; j < answer.size(); j++) {
                        state.array(ANSWER + i + "." + j, answer.get(j));
                    }
                }
            }
            state.array("questions", Nd4j.createFromArray(q)).array("kinds", Nd4j.createFromArray(k));
        }
        return state.build();
    }

    /** The logged answer of the next call if it is replayed (checked to be the same question), else null. */
    private synchronized List<INDArray> next(INDArray inputs, int kind) {
        int call = calls;
        if (call >= replayed) {
            return null;
        }
        checkArgument(questions.get(call) == fingerprint(inputs) && (kinds.get(call) == PREDICT) == (kind == PREDICT),
                "the resumed run asked the teacher another question at call %s than the checkpointed run "
                + "(another teacher, transfer source or version)", call);
        calls++;
        List<INDArray> out = new ArrayList<>();
        for (INDArray a : answers.get(call)) {
            checkArgument(a.rank() >= 1 && a.size(0) == inputs.rows(), "logged answer %s has shape %s for %s "
                    + "inputs", call, Arrays.toString(a.shape()), inputs.rows());
            out.add(a.dup());
        }
        return out;
    }

    private synchronized void record(INDArray inputs, int kind, List<INDArray> answer) {
        checkArgument(calls >= replayed, "the run asked the teacher before replaying the log");
        List<INDArray> copies = new ArrayList<>();
        for (INDArray a : answer) {
            copies.add(loggable(a));
        }
        answers.add(copies);
        questions.add(fingerprint(inputs));
        kinds.add(kind == PREDICT ? PREDICT : copies.size());
        calls++;
    }

    private static INDArray loggable(INDArray a) {
        DataType t = a.dataType();
        boolean stored = t == DataType.FLOAT || t == DataType.DOUBLE || t == DataType.INT32 || t == DataType.INT64;
        return stored ? a.dup('c') : a.castTo(DataType.DOUBLE).dup('c');
    }

    private static long fingerprint(INDArray inputs) {
        return RunState.fingerprint(inputs.castTo(DataType.DOUBLE).dup('c').data().asDouble()) * 31
                + inputs.columns();
    }

    /** A teacher answering from the log, then from the real one. */
    private class View implements ConditionalTeacher {
        final ConditionalTeacher teacher;

        View(ConditionalTeacher teacher) {
            this.teacher = teacher;
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
            List<INDArray> logged = next(inputs, PREDICT);
            if (logged != null) {
                INDArray a = logged.get(0);
                checkArgument(a.rank() == 2 && a.columns() == teacher.outputSize(), "logged answer has shape %s, "
                        + "but the teacher has %s classes", Arrays.toString(a.shape()), teacher.outputSize());
                return a;
            }
            INDArray answer = teacher.predict(inputs);
            if (answer != null) {
                record(inputs, PREDICT, List.of(answer));
            }
            return answer;
        }
    }

    /** {@link View} for a teacher that exposes its hidden representations. */
    private final class RepresentationView extends View implements HasHiddenRepresentation {

        RepresentationView(ConditionalTeacher teacher) {
            super(teacher);
        }

        @Override
        public List<INDArray> hiddenRepresentations(INDArray inputs) {
            List<INDArray> logged = next(inputs, 0);
            if (logged != null) {
                return logged;
            }
            List<INDArray> answer = ((HasHiddenRepresentation) teacher).hiddenRepresentations(inputs);
            if (answer != null && answer.stream().allMatch(a -> a != null)) {
                record(inputs, 0, answer);
            }
            return answer;
        }
    }
}
