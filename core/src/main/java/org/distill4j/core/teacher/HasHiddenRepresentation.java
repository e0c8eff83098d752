package org.distill4j.core.teacher;

import java.util.List;
import org.distill4j.core.Teacher;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A teacher that exposes its hidden representations {@code φ(x)}: the activations that linear probes
 * (Boix-Adsera 2024, section 5: the linear representation hypothesis) and information measures
 * (Dissanayake et al. 2025) read.
 */
public interface HasHiddenRepresentation extends Teacher {

    /**
     * The hidden representations of each input, one entry per representation (for DL4J adapters: the pre- and
     * post-activation of every layer, in order).
     *
     * @param inputs {@code [n, d]}, not modified
     * @return new arrays, each {@code [n, width]}
     */
    List<INDArray> hiddenRepresentations(INDArray inputs);
}
