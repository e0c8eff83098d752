package org.distill4j.core;

/**
 * A model being imitated. A teacher belongs to a family, each a small sub-interface:
 * {@link ConditionalTeacher} answers {@code p(y|x)} for a batch of inputs, {@link DensityTeacher} gives an
 * unnormalised log-density and samples. Optional capabilities such as
 * {@link org.distill4j.core.teacher.HasInputJacobian} and
 * {@link org.distill4j.core.teacher.HasHiddenRepresentation} are separate interfaces, checked by distillers
 * at construction time.
 *
 * <p>Inputs are always rows of a rank-2 {@code INDArray} of shape {@code [n, inputSize()]}.
 * Implementations never modify the arrays they are given.
 */
public interface Teacher {

    /** The number of input features {@code d}; inputs have shape {@code [n, d]}. */
    int inputSize();
}
