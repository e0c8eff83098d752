package org.distill4j.core.info;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.distill4j.core.teacher.HasHiddenRepresentation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Distillable knowledge Uni(Y:T\S) and distilled knowledge Red(Y:T,S) (P. Dissanayake et al., AISTATS 2025,
 * arXiv:2411.07483) for pairs of representations of a teacher and a student on one labelled set: every teacher
 * representation against every student representation ({@link #allPairs}), or each student representation
 * against the teacher representation at the same relative depth ({@link #matched}). "Representation" means an
 * entry of {@link HasHiddenRepresentation#hiddenRepresentations} (for DL4J teachers pre- and post-activations
 * both count; for {@code MlpStudent}, one per hidden layer). Each entry carries the estimator's bootstrap
 * intervals. Immutable.
 *
 * @param entries one per pair, teacher index major
 * @param teacherRepresentations how many representations the teacher has
 * @param studentRepresentations how many the student has
 */
public record LayerKnowledgeReport(List<Entry> entries, int teacherRepresentations, int studentRepresentations) {

    /**
     * One pair.
     *
     * @param teacherIndex index of the teacher representation
     * @param studentIndex index of the student representation
     * @param estimate distillable and distilled knowledge with intervals, in bits
     */
    public record Entry(int teacherIndex, int studentIndex, KnowledgeEstimate estimate) {
        /** Checks the fields. */
        public Entry {
            checkArgument(teacherIndex >= 0 && studentIndex >= 0, "indices must be >= 0, got %s and %s",
                    teacherIndex, studentIndex);
            checkNotNull(estimate, "estimate");
        }
    }

    /** Copies the entries. */
    public LayerKnowledgeReport {
        entries = List.copyOf(entries);
    }

    /**
     * Every teacher representation × every student representation ({@code nT · nS} estimates).
     *
     * @param teacher the teacher
     * @param student the student (a trained student is a teacher too)
     * @param inputs {@code [n, d]} labelled inputs; not modified
     * @param labels the class of each input
     * @param estimator the estimator (route, clusters, bootstrap)
     */
    public static LayerKnowledgeReport allPairs(HasHiddenRepresentation teacher, HasHiddenRepresentation student,
            INDArray inputs, int[] labels, KnowledgeEstimator estimator) {
        return build(teacher, student, inputs, labels, estimator, true);
    }

    /**
     * Each student representation j (of {@code nS}) against the teacher representation at the same relative
     * depth: index {@code round((j + 1) · nT / nS) − 1}, so the last is matched with the last.
     */
    public static LayerKnowledgeReport matched(HasHiddenRepresentation teacher, HasHiddenRepresentation student,
            INDArray inputs, int[] labels, KnowledgeEstimator estimator) {
        return build(teacher, student, inputs, labels, estimator, false);
    }

    /** The entry of a pair. */
    public KnowledgeEstimate get(int teacherIndex, int studentIndex) {
        return entries.stream().filter(e -> e.teacherIndex == teacherIndex && e.studentIndex == studentIndex)
                .findFirst().map(Entry::estimate).orElseThrow(() -> new IllegalArgumentException(
                        "no entry for teacher representation " + teacherIndex + " and student representation "
                                + studentIndex));
    }

    /** A plain-text table: one line per pair with both numbers and their intervals, in bits. */
    public String toTable() {
        StringBuilder out = new StringBuilder(
                "teacher  student  distillable [interval]          distilled [interval]\n");
        for (Entry e : entries) {
            KnowledgeEstimate k = e.estimate;
            out.append(String.format(Locale.ROOT, "%7d  %7d  %.4f [%.4f, %.4f]   %.4f [%.4f, %.4f]%n",
                    e.teacherIndex, e.studentIndex, k.distillable(), k.distillableInterval().lower(),
                    k.distillableInterval().upper(), k.distilled(), k.distilledInterval().lower(),
                    k.distilledInterval().upper()));
        }
        return out.toString();
    }

    private static LayerKnowledgeReport build(HasHiddenRepresentation teacher, HasHiddenRepresentation student,
            INDArray inputs, int[] labels, KnowledgeEstimator estimator, boolean all) {
        checkNotNull(teacher, "teacher");
        checkNotNull(student, "student");
        checkNotNull(inputs, "inputs");
        checkNotNull(labels, "labels");
        checkNotNull(estimator, "estimator");
        checkArgument(inputs.rank() == 2 && inputs.rows() == labels.length,
                "inputs must be [n, d] with n = labels.length = %s, got shape %s", labels.length,
                Arrays.toString(inputs.shape()));
        List<INDArray> t = teacher.hiddenRepresentations(inputs);
        List<INDArray> s = student.hiddenRepresentations(inputs);
        checkArgument(!t.isEmpty() && !s.isEmpty(),
                "teacher and student need at least one hidden representation each, got %s and %s", t.size(),
                s.size());
        List<Entry> entries = new ArrayList<>();
        if (all) {
            for (int i = 0; i < t.size(); i++) {
                for (int j = 0; j < s.size(); j++) {
                    entries.add(new Entry(i, j, estimator.estimate(t.get(i), s.get(j), labels)));
                }
            }
        } else {
            for (int j = 0; j < s.size(); j++) {
                int i = matchedTeacherIndex(j, t.size(), s.size());
                entries.add(new Entry(i, j, estimator.estimate(t.get(i), s.get(j), labels)));
            }
        }
        return new LayerKnowledgeReport(entries, t.size(), s.size());
    }

    /** {@code round((j + 1) · nT / nS) − 1}, clamped to {@code [0, nT)}. */
    static int matchedTeacherIndex(int j, int teacherCount, int studentCount) {
        int i = (int) Math.round((j + 1) * (double) teacherCount / studentCount) - 1;
        return Math.max(0, Math.min(teacherCount - 1, i));
    }
}
