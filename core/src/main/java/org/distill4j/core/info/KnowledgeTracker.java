package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.distill4j.core.Student;
import org.distill4j.core.progress.StudentListener;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distillation listener that follows <b>distillable knowledge</b> Uni(Y:T\S) and <b>distilled knowledge</b>
 * Red(Y:T,S) (P. Dissanayake et al., AISTATS 2025, arXiv:2411.07483, section 5) over the epochs of a run: at the
 * end of every epoch it reads the student's representation S of fixed labelled probe inputs and decomposes it
 * against the teacher's representation T of the same inputs (computed once, at construction) with a
 * {@link KnowledgeEstimator}. Register it with {@code distiller.withListener(tracker)}; any distiller built on
 * the core loop calls it (it is a {@link StudentListener}).
 *
 * <p>The student's representation is, by default, one hidden layer of a student implementing
 * {@link HasHiddenRepresentation} (e.g. {@code MlpStudent}: the post-activation of each hidden layer), or any
 * function of the student given to {@link #withRepresentation}. A student without the capability, or an
 * estimation failure, is logged and skipped for that epoch (listeners must not break training).
 *
 * <p>Cost per epoch: one forward pass on the probes plus the estimator (PCA, k-means and the bootstrap of BROJA
 * solves on the discrete route); keep probes to a few hundred or thousand rows and replicates modest.
 * Thread-safe: the history is guarded, and {@link #history()} returns a copy. Inputs are copied.
 */
public final class KnowledgeTracker implements StudentListener {

    /**
     * The estimate after one epoch.
     *
     * @param epoch the zero-based epoch
     * @param estimate the decomposition, in bits
     */
    public record Point(int epoch, KnowledgeEstimate estimate) {
        /** Checks the fields. */
        public Point {
            checkArgument(epoch >= 0, "epoch must be >= 0, got %s", epoch);
            checkNotNull(estimate, "estimate");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeTracker.class);

    private final INDArray teacherRepresentation;
    private final INDArray probes;
    private final int[] labels;
    private final int studentLayer;
    private final Function<Student, INDArray> studentRepresentation; // null: studentLayer of the probes
    private final KnowledgeEstimator estimator;
    private final List<Point> history = new ArrayList<>();

    private KnowledgeTracker(INDArray teacherRepresentation, INDArray probes, int[] labels,
            int studentLayer, Function<Student, INDArray> studentRepresentation, KnowledgeEstimator estimator) {
        this.teacherRepresentation = teacherRepresentation;
        this.probes = probes;
        this.labels = labels;
        this.studentLayer = studentLayer;
        this.studentRepresentation = studentRepresentation;
        this.estimator = estimator;
    }

    /**
     * A tracker reading representation {@code teacherLayer} of {@code teacher} (once, now) and representation
     * {@code studentLayer} of each epoch's student.
     *
     * @param teacher a teacher exposing its hidden representations
     * @param teacherLayer index into {@link HasHiddenRepresentation#hiddenRepresentations}; negative counts from
     *     the end ({@code -1}: the last)
     * @param studentLayer the same for the student's representations
     * @param probes {@code [n, d]} labelled inputs; copied
     * @param labels the class of each probe, length n; copied
     * @param estimator how to estimate the decomposition
     * @throws IllegalArgumentException if the sizes disagree or a layer index is out of range for the teacher
     */
    public static KnowledgeTracker of(HasHiddenRepresentation teacher, int teacherLayer, int studentLayer,
            INDArray probes, int[] labels, KnowledgeEstimator estimator) {
        checkNotNull(teacher, "teacher");
        checkProbes(probes, labels);
        checkNotNull(estimator, "estimator");
        checkArgument(probes.size(1) == teacher.inputSize(), "probes have %s features but the teacher expects %s",
                probes.size(1), teacher.inputSize());
        INDArray t = layer(teacher.hiddenRepresentations(probes), teacherLayer, "teacherLayer");
        return new KnowledgeTracker(t, probes.dup(), labels.clone(), studentLayer, null, estimator);
    }

    /**
     * A tracker against a precomputed teacher representation.
     *
     * @param teacherRepresentation {@code [n, dT]}, the teacher's representation of the probes; copied
     * @param probes {@code [n, d]} inputs; copied
     * @param labels length n; copied
     * @param studentLayer the student's representation index (negative counts from the end)
     * @param estimator how to estimate the decomposition
     */
    public static KnowledgeTracker of(INDArray teacherRepresentation, INDArray probes, int[] labels,
            int studentLayer, KnowledgeEstimator estimator) {
        checkNotNull(teacherRepresentation, "teacherRepresentation");
        checkProbes(probes, labels);
        checkNotNull(estimator, "estimator");
        checkArgument(teacherRepresentation.rank() == 2 && teacherRepresentation.rows() == labels.length,
                "teacherRepresentation must be [%s, dT] like the probes, got shape %s", labels.length,
                Arrays.toString(teacherRepresentation.shape()));
        return new KnowledgeTracker(teacherRepresentation.dup(), probes.dup(), labels.clone(), studentLayer, null,
                estimator);
    }

    /**
     * This tracker with another way to read the student's representation (a new tracker with an empty history).
     *
     * @param representation from a student to its {@code [n, dS]} representation of the given probes
     */
    public KnowledgeTracker withRepresentation(Function<Student, INDArray> representation) {
        checkNotNull(representation, "representation");
        return new KnowledgeTracker(teacherRepresentation, probes, labels, studentLayer, representation, estimator);
    }

    /** A copy of the probe inputs, {@code [n, d]}. */
    public INDArray probes() {
        return probes.dup();
    }

    /**
     * Measures one student now (also what the listener does at each epoch end), without recording it.
     *
     * @throws IllegalArgumentException if the student's representation has the wrong number of rows
     */
    public KnowledgeEstimate measure(Student student) {
        checkNotNull(student, "student");
        INDArray s;
        if (studentRepresentation != null) {
            s = studentRepresentation.apply(student);
        } else {
            checkArgument(student instanceof HasHiddenRepresentation,
                    "the student (%s) does not expose hidden representations; use withRepresentation",
                    student.getClass().getName());
            s = layer(((HasHiddenRepresentation) student).hiddenRepresentations(probes), studentLayer,
                    "studentLayer");
        }
        checkNotNull(s, "the student representation");
        return estimator.estimate(teacherRepresentation, s, labels);
    }

    @Override
    public void onEpochStudent(int epoch, Student student) {
        try {
            KnowledgeEstimate estimate = measure(student);
            synchronized (history) {
                history.add(new Point(epoch, estimate));
            }
            LOG.debug("epoch {}: distillable {} bits, distilled {} bits", epoch, estimate.distillable(),
                    estimate.distilled());
        } catch (RuntimeException e) {
            LOG.warn("could not measure the student's knowledge after epoch {}: {}", epoch, e.toString());
        }
    }

    /** The estimates recorded so far, in epoch order (a copy). */
    public List<Point> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Empties the history (e.g. before reusing the tracker for another run). */
    public void clear() {
        synchronized (history) {
            history.clear();
        }
    }

    static INDArray layer(List<INDArray> representations, int index, String name) {
        int count = representations.size();
        int resolved = index < 0 ? count + index : index;
        checkArgument(resolved >= 0 && resolved < count, "%s must be in [-%s, %s), got %s", name, count, count,
                index);
        return representations.get(resolved);
    }

    private static void checkProbes(INDArray probes, int[] labels) {
        checkNotNull(probes, "probes");
        checkNotNull(labels, "labels");
        checkArgument(probes.rank() == 2 && probes.rows() == labels.length,
                "probes must be [n, d] with n = labels.length = %s, got shape %s", labels.length,
                Arrays.toString(probes.shape()));
    }
}
