package org.distill4j.core.distill;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.linalg.Rows;
import org.distill4j.core.objective.TeacherTargets;
import org.distill4j.core.teacher.HasInputJacobian;
import org.distill4j.core.transfer.FixedRows;
import org.distill4j.core.transfer.TransferBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Answers transfer batches with a conditional teacher's targets for one run. The teacher's probabilities on the
 * rows of a {@link FixedRows} source are computed once, the first time the source is seen, and cached (the
 * thesis's fixed transfer set); other batches are answered as they come. Jacobians, when asked for, are
 * computed per batch (they are {@code d} times larger than the probabilities). Every answer is checked: the shape
 * {@code [n, K]}, finite values, and rows that sum to 1. Jacobians of fixed rows are cached too when they fit in
 * the given byte budget ({@code n·K·d} values); otherwise they are recomputed for every batch.
 *
 * <p>Not thread-safe: one instance per run.
 */
public final class TeacherQueries {

    /** How far a teacher's probability row may be from summing to 1 before it is rejected. */
    public static final double SUM_TOLERANCE = 1e-3;

    private final ConditionalTeacher teacher;
    private final boolean jacobians;
    private final int chunk;
    private final long jacobianCacheBytes;
    private final Map<FixedRows, INDArray> cache = new IdentityHashMap<>();
    private final Map<FixedRows, INDArray> jacobianCache = new IdentityHashMap<>();
    private final List<INDArray> gathered = new ArrayList<>();
    private long queries;

    /**
     * @param teacher the teacher to ask
     * @param jacobians whether each batch also needs the teacher's log-probability Jacobian (the teacher must
     *     implement {@link HasInputJacobian})
     * @param chunk rows per teacher call when filling the cache, at least 1
     */
    public TeacherQueries(ConditionalTeacher teacher, boolean jacobians, int chunk) {
        this(teacher, jacobians, chunk, 0);
    }

    /**
     * @param teacher the teacher to ask
     * @param jacobians whether each batch also needs the teacher's log-probability Jacobian
     * @param chunk rows per teacher call when filling the cache, at least 1
     * @param jacobianCacheBytes the most memory the Jacobians of one fixed source may take to be cached (0: never
     *     cache them)
     */
    public TeacherQueries(ConditionalTeacher teacher, boolean jacobians, int chunk, long jacobianCacheBytes) {
        this.teacher = checkNotNull(teacher, "teacher");
        checkArgument(!jacobians || teacher instanceof HasInputJacobian,
                "derivative matching needs a teacher with input derivatives (HasInputJacobian), got %s",
                teacher.getClass().getName());
        checkArgument(chunk >= 1, "chunk must be >= 1, got %s", chunk);
        checkArgument(jacobianCacheBytes >= 0, "jacobianCacheBytes must be >= 0, got %s", jacobianCacheBytes);
        this.jacobians = jacobians;
        this.chunk = chunk;
        this.jacobianCacheBytes = jacobianCacheBytes;
    }

    /**
     * Computes and caches the teacher's answers on a fixed source now (probabilities, and Jacobians when asked
     * for and within budget), so that training time does not include them.
     */
    public void prime(FixedRows source) {
        cached(source);
        if (jacobians) {
            cachedJacobians(source);
        }
    }

    /** The targets for a batch: probabilities (cached for fixed rows), Jacobian if asked, the batch's labels. */
    public TeacherTargets targets(TransferBatch batch) {
        releaseGathered();
        INDArray inputs = batch.inputs();
        INDArray probabilities = batch.rowOrigin()
                .map(o -> gather(Rows.gather(cached(o.data()), o.rows())))
                .orElseGet(() -> {
                    queries += inputs.rows();
                    return checked(teacher, inputs);
                });
        INDArray jacobian = null;
        if (jacobians) {
            jacobian = batch.rowOrigin()
                    .map(o -> {
                        INDArray all = cachedJacobians(o.data());
                        return all == null ? null
                                : gather(Rows.gather(all, o.rows())).reshape(o.rows().length, teacher.outputSize(),
                                        teacher.inputSize());
                    })
                    .orElse(null);
            if (jacobian == null) {
                jacobian = ((HasInputJacobian) teacher).logProbabilityJacobian(inputs);
            }
        }
        return new TeacherTargets(probabilities, jacobian, batch.labels());
    }

    /**
     * Frees the arrays gathered from the cache for the last batch. Native memory of ND4J arrays is otherwise
     * returned only when the garbage collector finds them, which a small Java heap may not do for a long time;
     * call this once the last batch's targets are no longer used (the next {@link #targets} call does it too).
     */
    public void releaseGathered() {
        for (INDArray a : gathered) {
            if (a.closeable()) {
                a.close();
            }
        }
        gathered.clear();
    }

    private INDArray gather(INDArray rows) {
        gathered.add(rows);
        return rows;
    }

    /** The number of inputs the teacher answered so far (each cached row once). */
    public long count() {
        return queries;
    }

    /**
     * Sets the count to that of a checkpointed run being resumed (its cached answers count once, whichever run
     * computed them).
     *
     * @param count {@code >= 0}
     */
    public void restoreCount(long count) {
        checkArgument(count >= 0, "count must be >= 0, got %s", count);
        this.queries = count;
    }

    private INDArray cached(FixedRows source) {
        INDArray probabilities = cache.get(source);
        if (probabilities == null) {
            probabilities = predictInChunks(teacher, source.rows(), chunk);
            queries += source.rows().rows();
            cache.put(source, probabilities);
        }
        return probabilities;
    }

    /** The Jacobians of all rows as {@code [n, K·d]}, or {@code null} when they do not fit the budget. */
    private INDArray cachedJacobians(FixedRows source) {
        if (jacobianCache.containsKey(source)) {
            return jacobianCache.get(source);
        }
        INDArray rows = source.rows();
        long n = rows.rows();
        long width = (long) teacher.outputSize() * teacher.inputSize();
        long bytes = n * width * rows.dataType().width();
        INDArray all = null;
        if (bytes <= jacobianCacheBytes) {
            HasInputJacobian withJacobian = (HasInputJacobian) teacher;
            NativeMemoryGuard memory = new NativeMemoryGuard(1); // each chunk leaves large temporaries behind
            for (long from = 0; from < n; from += chunk) {
                long to = Math.min(n, from + chunk);
                INDArray raw = withJacobian.logProbabilityJacobian(
                        rows.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
                INDArray part = raw.reshape(to - from, width);
                if (all == null) {
                    all = Nd4j.create(part.dataType(), n, width);
                }
                all.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(part);
                if (raw.closeable()) {
                    raw.close(); // copied into the cache; free it now
                }
                memory.afterBatch();
            }
        }
        jacobianCache.put(source, all);
        return all;
    }

    /**
     * The teacher's probabilities on all rows, {@code chunk} rows per call, each answer checked.
     *
     * @return a new {@code [n, K]} array
     */
    public static INDArray predictInChunks(ConditionalTeacher teacher, INDArray inputs, int chunk) {
        long n = inputs.rows();
        if (n <= chunk) {
            return checked(teacher, inputs);
        }
        INDArray out = null;
        NativeMemoryGuard memory = new NativeMemoryGuard(1);
        for (long from = 0; from < n; from += chunk) {
            long to = Math.min(n, from + chunk);
            INDArray part = checked(teacher, inputs.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
            if (out == null) {
                out = Nd4j.create(part.dataType(), n, part.columns());
            }
            out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(part);
            memory.afterBatch();
        }
        return out;
    }

    /**
     * Asks the teacher and checks its answer.
     *
     * @throws IllegalArgumentException if the answer is not {@code [n, K]} probabilities summing to 1 per row
     */
    static INDArray checked(ConditionalTeacher teacher, INDArray inputs) {
        INDArray p = teacher.predict(inputs);
        checkArgument(p != null, "teacher probabilities: the teacher returned null");
        checkArgument(p.rank() == 2 && p.rows() == inputs.rows() && p.columns() == teacher.outputSize(),
                "teacher probabilities must have shape [%s, %s], got %s", inputs.rows(), teacher.outputSize(),
                Arrays.toString(p.shape()));
        INDArray d = p.castTo(DataType.DOUBLE);
        double min = d.minNumber().doubleValue();
        checkArgument(!Double.isNaN(d.sumNumber().doubleValue()) && Double.isFinite(d.maxNumber().doubleValue()),
                "teacher probabilities must be finite, got NaN or infinity");
        checkArgument(min >= 0, "teacher probabilities must be >= 0, got %s", min);
        INDArray sums = d.sum(1);
        double worst = Math.max(Math.abs(sums.maxNumber().doubleValue() - 1),
                Math.abs(sums.minNumber().doubleValue() - 1));
        checkArgument(worst <= SUM_TOLERANCE,
                "teacher probabilities must sum to 1 in every row (within %s), got a row summing to %s",
                SUM_TOLERANCE, Math.abs(sums.maxNumber().doubleValue() - 1) >= Math.abs(
                        sums.minNumber().doubleValue() - 1) ? sums.maxNumber() : sums.minNumber());
        return p;
    }
}
