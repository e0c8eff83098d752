package org.distill4j.core.objective;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the teacher said on a batch, and the data's labels when known.
 *
 * @param probabilities {@code [n, K]} teacher predictive probabilities (rows sum to 1)
 * @param logProbabilityJacobian {@code [n, K, d]} teacher Jacobian of log-probabilities, or {@code null}
 * @param labels the data's hard labels, one per row, or {@code null}
 */
public record TeacherTargets(INDArray probabilities, INDArray logProbabilityJacobian, int[] labels) {

    /** Checks shapes. */
    public TeacherTargets {
        checkNotNull(probabilities, "probabilities");
        // messages are built only on failure: these checks run at every training step
        if (probabilities.rank() != 2) {
            throw new IllegalArgumentException("probabilities must be [n, K], got shape "
                    + Arrays.toString(probabilities.shape()));
        }
        if (logProbabilityJacobian != null && (logProbabilityJacobian.rank() != 3
                || logProbabilityJacobian.size(0) != probabilities.size(0)
                || logProbabilityJacobian.size(1) != probabilities.size(1))) {
            throw new IllegalArgumentException(String.format(
                    "logProbabilityJacobian must be [n, K, d] with [n, K] = %s, got shape %s",
                    Arrays.toString(probabilities.shape()), Arrays.toString(logProbabilityJacobian.shape())));
        }
        checkArgument(labels == null || labels.length == probabilities.rows(),
                "labels must have one entry per row (%s), got %s", probabilities.rows(),
                labels == null ? 0 : labels.length);
    }

    /** Targets made of teacher probabilities alone. */
    public static TeacherTargets of(INDArray probabilities) {
        return new TeacherTargets(probabilities, null, null);
    }

    /** The teacher's Jacobian, when computed. */
    public Optional<INDArray> jacobian() {
        return Optional.ofNullable(logProbabilityJacobian);
    }

    /** The hard labels, when known. */
    public Optional<int[]> hardLabels() {
        return Optional.ofNullable(labels);
    }
}
