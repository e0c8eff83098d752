package org.distill4j.core.rid;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.distill4j.core.compression.MlpArchitecture;
import org.distill4j.core.distill.TrainingSettings;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Configuration of {@link RepresentationDistiller}. Immutable; made by {@link #builder()}, whose
 * {@link Builder#build()} validates every field.
 *
 * <p>The student minimises {@code α₀·CE(student, labels) + α₁·term}, where the term is, by {@link Method}: none
 * (the no-KD baseline), {@code τ²·KL(teacher_τ ‖ student_τ)} (plain KD, G. Hinton et al. 2015, arXiv:1503.02531),
 * {@link VidTerm} or {@link RidTerm}'s matching term. VID and RID read teacher representation
 * {@code teacherLayer} (an index into the teacher's hidden representations; negative counts from the end) and the
 * student's hidden layer {@code studentLayer} (same convention).
 *
 * @param method the distillation term
 * @param architecture the student's architecture (at least one hidden layer for VID and RID)
 * @param crossEntropyWeight α₀ ≥ 0, on the student's cross-entropy with the true labels (default 1)
 * @param termWeight α₁ ≥ 0, on the distillation term (default 1)
 * @param temperature τ &gt; 0 of plain KD (default 4)
 * @param teacherLayer the teacher representation VID and RID read (default −1: the last)
 * @param studentLayer the student hidden layer they act on (default −1: the last)
 * @param filterWidth k ≥ 1, the width of RID's filters (default 32)
 * @param teacherMatchingWeight λ ≥ 0, the matching term's weight in RID's teacher phase (default 1)
 * @param teacherStepsPerBatch RID's teacher-phase updates per batch, ≥ 1 (default 1)
 * @param updater the optimiser of the student and of every term's parameters (default Adam 10⁻³), cloned per use
 * @param training epochs, batch size, seed, held-out sizes
 */
public record RepresentationDistillationConfig(Method method, MlpArchitecture architecture,
        double crossEntropyWeight, double termWeight, double temperature, int teacherLayer, int studentLayer,
        int filterWidth, double teacherMatchingWeight, int teacherStepsPerBatch, IUpdater updater,
        TrainingSettings training) {

    /** The distillation term. */
    public enum Method {
        /** Cross-entropy with the labels only: the no-KD baseline. */
        NONE,
        /** Soft targets at temperature τ (Hinton et al. 2015). */
        KD,
        /** Variational information distillation (Ahn et al. 2019). */
        VID,
        /** Redundant information distillation (Dissanayake et al. 2025). */
        RID
    }

    /** Validates presence and ranges. */
    public RepresentationDistillationConfig {
        checkNotNull(method, "method");
        checkNotNull(architecture, "architecture");
        checkNotNull(updater, "updater");
        checkNotNull(training, "training");
        checkArgument(crossEntropyWeight >= 0 && Double.isFinite(crossEntropyWeight),
                "crossEntropyWeight must be finite and >= 0, got %s", crossEntropyWeight);
        checkArgument(termWeight >= 0 && Double.isFinite(termWeight), "termWeight must be finite and >= 0, got %s",
                termWeight);
        checkArgument(temperature > 0 && Double.isFinite(temperature), "temperature must be > 0, got %s",
                temperature);
        checkArgument(filterWidth >= 1, "filterWidth must be >= 1, got %s", filterWidth);
        checkArgument(teacherMatchingWeight >= 0 && Double.isFinite(teacherMatchingWeight),
                "teacherMatchingWeight must be finite and >= 0, got %s", teacherMatchingWeight);
        checkArgument(teacherStepsPerBatch >= 1, "teacherStepsPerBatch must be >= 1, got %s", teacherStepsPerBatch);
        int hidden = architecture.layerCount() - 1;
        boolean representations = method == Method.VID || method == Method.RID;
        checkArgument(!representations || hidden >= 1, "%s needs a student with a hidden layer, got %s", method,
                architecture);
        checkArgument(!representations || studentLayer >= -hidden && studentLayer < hidden,
                "studentLayer must be in [-%s, %s) for %s, got %s", hidden, hidden, architecture, studentLayer);
        updater = updater.clone();
    }

    /** The optimiser configuration (a copy). */
    @Override
    public IUpdater updater() {
        return updater.clone();
    }

    /** The student hidden layer, resolved to {@code [0, hidden)}. */
    public int resolvedStudentLayer() {
        return studentLayer < 0 ? architecture.layerCount() - 1 + studentLayer : studentLayer;
    }

    /** A builder with the defaults; {@code method} and {@code student} must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RepresentationDistillationConfig}. */
    public static final class Builder {
        private Method method;
        private MlpArchitecture architecture;
        private double crossEntropyWeight = 1;
        private double termWeight = 1;
        private double temperature = 4;
        private int teacherLayer = -1;
        private int studentLayer = -1;
        private int filterWidth = 32;
        private double teacherMatchingWeight = 1;
        private int teacherStepsPerBatch = 1;
        private IUpdater updater = new Adam(1e-3);
        private final TrainingSettings.Builder training = TrainingSettings.builder().heldOut(0, 0);

        private Builder() {
        }

        /** The distillation term. */
        public Builder method(Method value) {
            this.method = value;
            return this;
        }

        /** The student's architecture. */
        public Builder student(MlpArchitecture value) {
            this.architecture = value;
            return this;
        }

        /** α₀ and α₁. */
        public Builder weights(double crossEntropy, double term) {
            this.crossEntropyWeight = crossEntropy;
            this.termWeight = term;
            return this;
        }

        /** τ of plain KD. */
        public Builder temperature(double value) {
            this.temperature = value;
            return this;
        }

        /** The teacher representation and student hidden layer VID and RID connect (negative: from the end). */
        public Builder layers(int teacher, int student) {
            this.teacherLayer = teacher;
            this.studentLayer = student;
            return this;
        }

        /** RID's filter width k. */
        public Builder filterWidth(int value) {
            this.filterWidth = value;
            return this;
        }

        /** RID's teacher phase: λ and updates per batch. */
        public Builder teacherPhase(double matchingWeight, int stepsPerBatch) {
            this.teacherMatchingWeight = matchingWeight;
            this.teacherStepsPerBatch = stepsPerBatch;
            return this;
        }

        /** The optimiser. */
        public Builder updater(IUpdater value) {
            this.updater = value;
            return this;
        }

        /** Epochs. */
        public Builder epochs(int value) {
            training.epochs(value);
            return this;
        }

        /** Batch size. */
        public Builder batchSize(int value) {
            training.batchSize(value);
            return this;
        }

        /** Seed of initialisation and batch order. */
        public Builder seed(long value) {
            training.seed(value);
            return this;
        }

        /** Held-out validation and certificate sizes (default 0 and 0). */
        public Builder heldOut(int validation, int certificate) {
            training.heldOut(validation, certificate);
            return this;
        }

        /** Validates and builds. */
        public RepresentationDistillationConfig build() {
            checkNotNull(method, "method");
            checkNotNull(architecture, "student architecture");
            return new RepresentationDistillationConfig(method, architecture, crossEntropyWeight, termWeight,
                    temperature, teacherLayer, studentLayer, filterWidth, teacherMatchingWeight,
                    teacherStepsPerBatch, updater, training.build());
        }
    }
}
